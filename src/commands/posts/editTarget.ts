// Changes what one target says (its text and images) before it goes out, or after it failed. The
// target gets a new version, so a job queued for the old text does nothing; a scheduled target gets
// a new job for its time.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../core/appError.ts';
import { can } from '../../core/roles.ts';
import { textRuleFor } from '../../core/textRules/index.ts';
import { media, postTargets, socialAccounts, type TargetMedia, workspaces } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { connectorOf, networkName } from '../../networks/networkConnectors.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { lockPostForChange } from './postAccess.ts';

const EDITABLE = ['draft', 'pending_approval', 'scheduled', 'paused', 'failed'] as const;

export async function editTarget(
  ctx: ActorContext,
  targetId: string,
  input: { text?: string; media?: TargetMedia[] },
) {
  await preparePublishQueue(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const [found] = await tx
      .select({ postId: postTargets.postId })
      .from(postTargets)
      .where(eq(postTargets.id, targetId));
    if (!found) throw notFound('The post');
    const { post, role } = await lockPostForChange(ctx, tx, found.postId);
    const [target] = await tx.select().from(postTargets).where(eq(postTargets.id, targetId)).for('update');
    if (!(EDITABLE as readonly string[]).includes(target!.status)) {
      throw conflict('This post can no longer be edited: it is published, being published or deleted.');
    }
    const [account] = await tx
      .select({
        network: socialAccounts.network,
        handle: socialAccounts.handle,
        textLimit: socialAccounts.textLimit,
      })
      .from(socialAccounts)
      .where(eq(socialAccounts.id, target!.accountId));
    const text = input.text ?? target!.text;
    const images = input.media ?? target!.media;
    const connector = connectorOf(account!.network);
    if (text.trim() === '' && images.length === 0) throw badRequest('The post is empty.');
    const count = textRuleFor(account!.network, { mastodonLimit: account!.textLimit ?? undefined }).count(
      text,
    );
    if (count.over)
      throw badRequest(`For @${account!.handle}: ${count.problem}`, { text: count.problem ?? '' });
    if (images.length > connector.capabilities.maxImages) {
      throw badRequest(
        `${networkName(account!.network)} allows ${connector.capabilities.maxImages} images in a post.`,
      );
    }
    if (images.length > 0) {
      const ids = [...new Set(images.map((m) => m.mediaId))];
      const present = await tx
        .select({ id: media.id })
        .from(media)
        .where(and(eq(media.workspaceId, post.workspaceId), inArray(media.id, ids)));
      if (present.length !== ids.length)
        throw badRequest('One of the images was not found in this workspace.');
      const [workspace] = await tx
        .select({ requireAltText: workspaces.requireAltText })
        .from(workspaces)
        .where(eq(workspaces.id, post.workspaceId));
      if (workspace?.requireAltText && images.some((m) => m.alt.trim() === '')) {
        throw badRequest('This workspace asks for a description (alt text) of every image.', {
          media: 'Describe every image.',
        });
      }
    }
    // A contributor's change to a scheduled post needs approval again.
    const status =
      target!.status === 'scheduled' && !can(role, 'posts.publishWithoutApproval')
        ? 'pending_approval'
        : target!.status;
    const [row] = await tx
      .update(postTargets)
      .set({ text, media: images, status, version: dsql`${postTargets.version} + 1`, updatedAt: new Date() })
      .where(eq(postTargets.id, targetId))
      .returning({ version: postTargets.version, scheduledAt: postTargets.scheduledAt });
    if (status === 'scheduled' && row!.scheduledAt) {
      await enqueuePublish(ctx.jobs, sql, { targetId, version: row!.version }, row!.scheduledAt);
    }
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post_target.edited',
      targetType: 'post_target',
      targetId,
      before: { text: target!.text, images: target!.media.length, status: target!.status },
      after: { text, images: images.length, status },
    });
    return { id: targetId, status, version: row!.version };
  });
}

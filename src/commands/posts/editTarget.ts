// Changes what one target says (its text and images) before it goes out, or after it failed. The
// target gets a new version, so a job queued for the old text does nothing; a scheduled target gets
// a new job for its time. A change by someone whose posts need approval sends the account's copy of an
// approved or waiting post back for approval, in a new round.
import { and, sql as dsql, eq, inArray, ne, or } from 'drizzle-orm';
import { conflict, notFound } from '../../core/appError.ts';
import { can } from '../../core/roles.ts';
import { postTargets, socialAccounts, type TargetMedia } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { notifyApprovers, restartApprovalRound } from '../approvals/requestApproval.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { prepareNotify } from '../notifications/notify.ts';
import { lockPostForChange } from './postAccess.ts';
import { checkImages, checkPart } from './postContent.ts';

const EDITABLE = ['draft', 'pending_approval', 'scheduled', 'paused', 'failed'] as const;

/**
 * Approved (scheduled, or held by crisis mode) or waiting for approval. A post paused by a person stays
 * paused: whoever resumes it sees the new text.
 */
function awaitsOrHasApproval(target: { status: string; pausedByCrisis: boolean }): boolean {
  return (
    target.status === 'pending_approval' ||
    target.status === 'scheduled' ||
    (target.status === 'paused' && target.pausedByCrisis)
  );
}

export async function editTarget(
  ctx: ActorContext,
  targetId: string,
  input: { text?: string; media?: TargetMedia[] },
) {
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
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
    checkPart(account!, { text, media: images });
    await checkImages(tx, post.workspaceId, images);
    // A contributor's change to an approved or waiting post needs approval again, from the first step.
    const needsApproval = !can(role, 'posts.publishWithoutApproval') && awaitsOrHasApproval(target!);
    const status = needsApproval ? 'pending_approval' : target!.status;
    const [row] = await tx
      .update(postTargets)
      .set({
        text,
        media: images,
        status,
        ...(needsApproval ? { pausedByCrisis: false } : {}),
        version: dsql`${postTargets.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(postTargets.id, targetId))
      .returning({ version: postTargets.version, scheduledAt: postTargets.scheduledAt });
    if (status === 'scheduled' && row!.scheduledAt) {
      await enqueuePublish(ctx.jobs, sql, { targetId, version: row!.version }, row!.scheduledAt);
    }
    if (needsApproval) {
      // The rest of this account's copy (the other parts of a thread) waits with it.
      await tx
        .update(postTargets)
        .set({
          status: 'pending_approval',
          pausedByCrisis: false,
          version: dsql`${postTargets.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(postTargets.postId, post.id),
            eq(postTargets.accountId, target!.accountId),
            ne(postTargets.id, targetId),
            or(
              inArray(postTargets.status, ['pending_approval', 'scheduled']),
              and(eq(postTargets.status, 'paused'), eq(postTargets.pausedByCrisis, true)),
            ),
          ),
        );
      await restartApprovalRound(tx, post.id);
      await notifyApprovers(ctx, tx, sql, post.workspaceId, post.id, { actorId: ctx.actorId });
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

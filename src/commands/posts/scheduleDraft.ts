// Sends a draft out: now, at a time, or into each account's next free posting slot. Its targets become
// scheduled (or wait for approval when the author's posts need it) and get their jobs in the same
// transaction.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { can } from '../../core/roles.ts';
import { postTargets, socialAccounts } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { lockPostForChange } from './postAccess.ts';
import { nextQueueSlot } from './postingQueue.ts';
import { databaseNow, refusePastTime } from './postTime.ts';

export async function scheduleDraft(
  ctx: ActorContext,
  postId: string,
  input: { mode: 'now' | 'schedule' | 'queue'; scheduledAt?: Date },
) {
  if (input.mode === 'schedule' && !input.scheduledAt) {
    throw badRequest('Choose when to publish the post.', { scheduledAt: 'Required when scheduling.' });
  }
  await preparePublishQueue(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const { post, role } = await lockPostForChange(ctx, tx, postId);
    const drafts = await tx
      .select()
      .from(postTargets)
      .where(and(eq(postTargets.postId, postId), eq(postTargets.status, 'draft')))
      .for('update');
    if (drafts.length === 0) throw conflict('This post is not a draft any more.');
    const nowAt = await databaseNow(sql);
    if (input.mode === 'schedule') refusePastTime(input.scheduledAt!, nowAt);
    const status: TargetStatus = can(role, 'posts.publishWithoutApproval') ? 'scheduled' : 'pending_approval';
    const accountIds = [...new Set(drafts.map((d) => d.accountId))];
    const timeByAccount = new Map<string, Date>();
    const accounts = await tx
      .select()
      .from(socialAccounts)
      .where(inArray(socialAccounts.id, accountIds))
      .for(input.mode === 'queue' ? 'update' : 'share');
    for (const account of accounts) {
      if (input.mode !== 'queue') {
        timeByAccount.set(account.id, input.mode === 'now' ? nowAt : input.scheduledAt!);
        continue;
      }
      timeByAccount.set(account.id, await nextQueueSlot(tx, account, nowAt));
    }
    const moved = [];
    for (const draft of drafts) {
      const scheduledAt = timeByAccount.get(draft.accountId)!;
      const [row] = await tx
        .update(postTargets)
        .set({ status, scheduledAt, version: dsql`${postTargets.version} + 1`, updatedAt: new Date() })
        .where(eq(postTargets.id, draft.id))
        .returning({ id: postTargets.id, version: postTargets.version });
      if (status === 'scheduled') {
        await enqueuePublish(ctx.jobs, sql, { targetId: row!.id, version: row!.version }, scheduledAt);
      }
      moved.push({ id: row!.id, status, version: row!.version, scheduledAt });
    }
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post.scheduled',
      targetType: 'post',
      targetId: postId,
      before: { status: 'draft' },
      after: {
        status,
        mode: input.mode,
        scheduledAt: [...new Set(moved.map((m) => m.scheduledAt.toISOString()))],
      },
    });
    return { id: postId, targets: moved };
  });
}

// Sends a draft out: now, at a time, or into each account's next free posting slot. Its targets become
// scheduled (or wait for approval when the author's posts need it) and get their jobs in the same
// transaction. A draft that was sent back by an approver goes out in a new approval round.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { can } from '../../core/roles.ts';
import { postTargets, socialAccounts } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { notifyApprovers, restartApprovalRound } from '../approvals/requestApproval.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { prepareNotify } from '../notifications/notify.ts';
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
  await prepareNotify(ctx.jobs);
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
    // Decisions on what was sent before (a rejection among them) do not count for what is sent now.
    if (post.rejectionReason !== null || status === 'pending_approval')
      await restartApprovalRound(tx, postId);
    for (const draft of drafts) {
      // "Now" for a post that needs approval means as soon as it is approved: a time equal to the row's
      // creation time, which the approval rules read as "no time to expire at".
      const asSoonAsApproved = input.mode === 'now' && status === 'pending_approval';
      const [row] = await tx
        .update(postTargets)
        .set({
          status,
          scheduledAt: asSoonAsApproved
            ? dsql`${postTargets.createdAt}`
            : timeByAccount.get(draft.accountId)!,
          version: dsql`${postTargets.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(postTargets.id, draft.id))
        .returning({
          id: postTargets.id,
          version: postTargets.version,
          scheduledAt: postTargets.scheduledAt,
        });
      const scheduledAt = row!.scheduledAt!;
      if (status === 'scheduled') {
        await enqueuePublish(ctx.jobs, sql, { targetId: row!.id, version: row!.version }, scheduledAt);
      }
      moved.push({ id: row!.id, status, version: row!.version, scheduledAt });
    }
    if (status === 'pending_approval') {
      await notifyApprovers(ctx, tx, sql, post.workspaceId, postId, { actorId: ctx.actorId });
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

// Moves a post, or one of its targets, to a new time. Each moved target gets a new version and, when
// scheduled, a new job in the same transaction; the job already queued for the old time finds the
// version changed and does nothing.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../core/appError.ts';
import { isEditable, type TargetStatus } from '../../core/postTargetState.ts';
import { can, type Role } from '../../core/roles.ts';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import { postTargets } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { notifyApprovers, restartApprovalRound } from '../approvals/requestApproval.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { prepareNotify } from '../notifications/notify.ts';
import { lockPostForChange } from './postAccess.ts';
import { databaseNow, refusePastTime } from './postTime.ts';

type TargetRow = typeof postTargets.$inferSelect;

/**
 * A new time from someone whose posts need approval sends an approved, waiting or expired target back
 * for approval (a post paused by a person stays paused); from anyone else, an expired target is
 * scheduled again.
 */
function statusAfterChange(target: TargetRow, role: Role): TargetStatus {
  const { status } = target;
  if (can(role, 'posts.publishWithoutApproval')) return status === 'expired' ? 'scheduled' : status;
  const approvable =
    status === 'scheduled' ||
    status === 'pending_approval' ||
    status === 'expired' ||
    (status === 'paused' && target.pausedByCrisis);
  return approvable ? 'pending_approval' : status;
}

async function moveTargets(
  ctx: ActorContext,
  tx: Tx,
  sql: SqlExecutor,
  targets: TargetRow[],
  scheduledAt: Date,
  role: Role,
): Promise<{ id: string; status: TargetStatus; version: number }[]> {
  const moved: { id: string; status: TargetStatus; version: number }[] = [];
  refusePastTime(scheduledAt, await databaseNow(sql));
  for (const target of targets) {
    const status = statusAfterChange(target, role);
    const [row] = await tx
      .update(postTargets)
      .set({
        scheduledAt,
        status,
        ...(status === 'pending_approval' ? { pausedByCrisis: false } : {}),
        version: dsql`${postTargets.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(postTargets.id, target.id))
      .returning({ id: postTargets.id, version: postTargets.version });
    if (status === 'scheduled') {
      await enqueuePublish(ctx.jobs, sql, { targetId: row!.id, version: row!.version }, scheduledAt);
    }
    moved.push({ id: row!.id, status, version: row!.version });
  }
  return moved;
}

/** After a move by someone whose posts need approval: a new round, and the first step's deciders told. */
async function askApprovalAgain(
  ctx: ActorContext,
  tx: Tx,
  sql: SqlExecutor,
  post: { id: string; workspaceId: string },
  role: Role,
): Promise<void> {
  if (can(role, 'posts.publishWithoutApproval')) return;
  await restartApprovalRound(tx, post.id);
  await notifyApprovers(ctx, tx, sql, post.workspaceId, post.id, { actorId: ctx.actorId });
}

function checkTime(scheduledAt: Date): void {
  if (Number.isNaN(scheduledAt.getTime())) throw badRequest('That is not a valid time.');
}

/** Moves every target of the post that has not been published yet. */
export async function reschedulePost(ctx: ActorContext, postId: string, input: { scheduledAt: Date }) {
  checkTime(input.scheduledAt);
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const { post, role } = await lockPostForChange(ctx, tx, postId);
    const targets = await tx.select().from(postTargets).where(eq(postTargets.postId, postId)).for('update');
    const movable = targets.filter((t) => isEditable(t.status));
    if (movable.length === 0) {
      throw conflict(
        'Nothing in this post can be moved: it is published, being published, failed or deleted.',
      );
    }
    const moved = await moveTargets(ctx, tx, sql, movable, input.scheduledAt, role);
    if (moved.some((t) => t.status === 'pending_approval')) await askApprovalAgain(ctx, tx, sql, post, role);
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post.rescheduled',
      targetType: 'post',
      targetId: postId,
      before: { scheduledAt: movable.map((t) => t.scheduledAt?.toISOString() ?? null) },
      after: { scheduledAt: input.scheduledAt.toISOString(), targets: moved.map((t) => t.id) },
    });
    return { id: postId, targets: moved };
  });
}

/** Moves one target (one account's copy of a post, or one part of a thread). */
export async function rescheduleTarget(ctx: ActorContext, targetId: string, input: { scheduledAt: Date }) {
  checkTime(input.scheduledAt);
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const [found] = await tx
      .select({ postId: postTargets.postId })
      .from(postTargets)
      .where(eq(postTargets.id, targetId));
    if (!found) throw notFound('The post');
    const { post, role } = await lockPostForChange(ctx, tx, found.postId);
    const [target] = await tx
      .select()
      .from(postTargets)
      .where(
        and(
          eq(postTargets.id, targetId),
          inArray(postTargets.status, ['draft', 'pending_approval', 'scheduled', 'paused', 'expired']),
        ),
      )
      .for('update');
    if (!target)
      throw conflict(
        'This post can no longer be moved: it is published, being published, failed or deleted.',
      );
    const [moved] = await moveTargets(ctx, tx, sql, [target], input.scheduledAt, role);
    if (moved!.status === 'pending_approval') await askApprovalAgain(ctx, tx, sql, post, role);
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post_target.rescheduled',
      targetType: 'post_target',
      targetId,
      before: { scheduledAt: target.scheduledAt?.toISOString() ?? null },
      after: { scheduledAt: input.scheduledAt.toISOString(), status: moved!.status },
    });
    return moved!;
  });
}

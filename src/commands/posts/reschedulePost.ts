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
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { lockPostForChange } from './postAccess.ts';
import { databaseNow, refusePastTime } from './postTime.ts';

type TargetRow = typeof postTargets.$inferSelect;

/** A change by someone whose posts need approval sends a scheduled target back for approval. */
function statusAfterChange(status: TargetStatus, role: Role): TargetStatus {
  return status === 'scheduled' && !can(role, 'posts.publishWithoutApproval') ? 'pending_approval' : status;
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
    const status = statusAfterChange(target.status, role);
    const [row] = await tx
      .update(postTargets)
      .set({ scheduledAt, status, version: dsql`${postTargets.version} + 1`, updatedAt: new Date() })
      .where(eq(postTargets.id, target.id))
      .returning({ id: postTargets.id, version: postTargets.version });
    if (status === 'scheduled') {
      await enqueuePublish(ctx.jobs, sql, { targetId: row!.id, version: row!.version }, scheduledAt);
    }
    moved.push({ id: row!.id, status, version: row!.version });
  }
  return moved;
}

function checkTime(scheduledAt: Date): void {
  if (Number.isNaN(scheduledAt.getTime())) throw badRequest('That is not a valid time.');
}

/** Moves every target of the post that has not been published yet. */
export async function reschedulePost(ctx: ActorContext, postId: string, input: { scheduledAt: Date }) {
  checkTime(input.scheduledAt);
  await preparePublishQueue(ctx.jobs);
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
          inArray(postTargets.status, ['draft', 'pending_approval', 'scheduled', 'paused']),
        ),
      )
      .for('update');
    if (!target)
      throw conflict(
        'This post can no longer be moved: it is published, being published, failed or deleted.',
      );
    const [moved] = await moveTargets(ctx, tx, sql, [target], input.scheduledAt, role);
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

// Tries a failed target again, now: back to scheduled with a fresh count of attempts and a new job;
// during crisis mode the database holds it as paused instead, and the answer says so.
import { sql as dsql, eq } from 'drizzle-orm';
import { conflict, notFound } from '../../core/appError.ts';
import { transitionRefusal } from '../../core/postTargetState.ts';
import { postTargets } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { lockPostForChange } from './postAccess.ts';
import { databaseNow } from './postTime.ts';

export async function retryTarget(ctx: ActorContext, targetId: string) {
  await preparePublishQueue(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const [found] = await tx
      .select({ postId: postTargets.postId })
      .from(postTargets)
      .where(eq(postTargets.id, targetId));
    if (!found) throw notFound('The post');
    const { post } = await lockPostForChange(ctx, tx, found.postId);
    const [target] = await tx.select().from(postTargets).where(eq(postTargets.id, targetId)).for('update');
    const refusal =
      target!.status === 'failed'
        ? undefined
        : (transitionRefusal(target!.status, 'scheduled') ?? 'Only a failed post can be tried again.');
    if (refusal) throw conflict(refusal);
    const scheduledAt = await databaseNow(sql);
    // The account may have been reconnected since: the old error no longer describes the post.
    const [row] = await tx
      .update(postTargets)
      .set({
        status: 'scheduled',
        scheduledAt,
        attempts: 0,
        lastError: null,
        version: dsql`${postTargets.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(postTargets.id, targetId))
      .returning({ version: postTargets.version, status: postTargets.status });
    await enqueuePublish(ctx.jobs, sql, { targetId, version: row!.version }, scheduledAt);
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post_target.retried',
      targetType: 'post_target',
      targetId,
      before: { status: 'failed', lastError: target!.lastError },
      after: { status: row!.status, scheduledAt: scheduledAt.toISOString() },
    });
    return { id: targetId, status: row!.status, version: row!.version };
  });
}

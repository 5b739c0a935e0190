// Deletes a post before it goes out: every target not yet published is cancelled and its version
// bumped, so a publish job already queued for it does nothing. Published copies stay on the networks.
import { sql as dsql, eq, inArray } from 'drizzle-orm';
import { canTransition } from '../../core/postTargetState.ts';
import { postTargets } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { lockPostForChange } from './postAccess.ts';

export async function deletePost(ctx: ActorContext, postId: string) {
  return ctx.database.transaction(async (tx) => {
    const { post } = await lockPostForChange(ctx, tx, postId);
    const targets = await tx.select().from(postTargets).where(eq(postTargets.postId, postId)).for('update');
    const cancellable = targets.filter((t) => canTransition(t.status, 'cancelled')).map((t) => t.id);
    if (cancellable.length > 0) {
      await tx
        .update(postTargets)
        .set({ status: 'cancelled', version: dsql`${postTargets.version} + 1`, updatedAt: new Date() })
        .where(inArray(postTargets.id, cancellable));
    }
    const kept = targets.filter((t) => !cancellable.includes(t.id) && t.status !== 'cancelled');
    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: 'post.deleted',
      targetType: 'post',
      targetId: postId,
      before: { statuses: targets.map((t) => t.status) },
      after: { cancelled: cancellable, kept: kept.map((t) => ({ id: t.id, status: t.status })) },
    });
    return {
      id: postId,
      cancelled: cancellable.length,
      kept: kept.map((t) => ({ id: t.id, status: t.status })),
    };
  });
}

// How many days Listening keeps a workspace's mentions, counts and alerts. Everyone in the workspace
// may read it; owners and admins set it.
import { eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import { workspaces } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requireListeningAdmin, requireListeningReader } from './listeningAccess.ts';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export async function getListeningRetention(
  ctx: ActorContext,
  workspaceId: string,
): Promise<{ days: number }> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const [row] = await ctx.database.db
    .select({ days: workspaces.listeningRetentionDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('The workspace');
  return { days: row.days };
}

export async function setListeningRetention(
  ctx: ActorContext,
  workspaceId: string,
  days: number,
): Promise<{ days: number }> {
  return ctx.database.transaction(async (tx) => {
    await requireListeningAdmin(tx, workspaceId, ctx.actorId);
    const [before] = await tx
      .select({ days: workspaces.listeningRetentionDays })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    await tx.update(workspaces).set({ listeningRetentionDays: days }).where(eq(workspaces.id, workspaceId));
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'listening.retention',
      targetType: 'workspace',
      targetId: workspaceId,
      before: { days: before?.days },
      after: { days },
    });
    return { days };
  });
}

// Workspaces a person belongs to: list, create (the creator becomes owner), read, rename and set up.
import { asc, eq } from 'drizzle-orm';
import { memberships, users, workspaces } from '../db/schema.ts';
import { recordAudit } from './audit.ts';
import type { ActorContext } from './context.ts';
import { requirePermission } from './workspaceAccess.ts';

export async function listMyWorkspaces(ctx: ActorContext) {
  return ctx.database.db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      requireAltText: workspaces.requireAltText,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actorId))
    .orderBy(asc(workspaces.name));
}

export async function createWorkspace(ctx: ActorContext, input: { name: string }) {
  return ctx.database.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name: input.name }).returning();
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: ctx.actorId, role: 'owner' });
    await tx.update(users).set({ lastWorkspaceId: workspace!.id }).where(eq(users.id, ctx.actorId));
    await recordAudit(tx, {
      workspaceId: workspace!.id,
      actorId: ctx.actorId,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace!.id,
      after: { name: workspace!.name },
    });
    return {
      id: workspace!.id,
      name: workspace!.name,
      requireAltText: workspace!.requireAltText,
      role: 'owner' as const,
    };
  });
}

export async function getWorkspace(ctx: ActorContext, workspaceId: string) {
  const role = await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const [workspace] = await ctx.database.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return { id: workspace!.id, name: workspace!.name, requireAltText: workspace!.requireAltText, role };
}

export interface WorkspaceChanges {
  name?: string;
  requireAltText?: boolean;
}

export async function updateWorkspace(ctx: ActorContext, workspaceId: string, input: WorkspaceChanges) {
  return ctx.database.transaction(async (tx) => {
    const role = await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.rename');
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
    const [after] = await tx
      .update(workspaces)
      .set({
        name: input.name ?? before!.name,
        requireAltText: input.requireAltText ?? before!.requireAltText,
      })
      .where(eq(workspaces.id, workspaceId))
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action:
        input.name !== undefined && input.name !== before!.name ? 'workspace.renamed' : 'workspace.updated',
      targetType: 'workspace',
      targetId: workspaceId,
      before: { name: before!.name, requireAltText: before!.requireAltText },
      after: { name: after!.name, requireAltText: after!.requireAltText },
    });
    return { id: workspaceId, name: after!.name, requireAltText: after!.requireAltText, role };
  });
}

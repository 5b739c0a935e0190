// Members of a workspace: list them, change a role, remove someone (or leave). A workspace always keeps an owner.
import { and, asc, count, eq } from 'drizzle-orm';
import { badRequest, conflict, forbidden, notFound } from '../core/appError.ts';
import { type Role, roleChangeRefusal } from '../core/roles.ts';
import type { Tx } from '../db/database.ts';
import { memberships, users } from '../db/schema.ts';
import { recordAudit } from './audit.ts';
import type { ActorContext } from './context.ts';
import { requirePermission } from './workspaceAccess.ts';

export async function listMembers(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

async function lockedMember(tx: Tx, workspaceId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for('update');
  if (!row) throw notFound('That member');
  return row;
}

async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

export async function changeMemberRole(
  ctx: ActorContext,
  workspaceId: string,
  userId: string,
  input: { role: Role },
) {
  return ctx.database.transaction(async (tx) => {
    const actorRole = await requirePermission(tx, workspaceId, ctx.actorId, 'members.manage');
    if (userId === ctx.actorId)
      throw badRequest('You cannot change your own role. Ask another owner or admin.');
    const member = await lockedMember(tx, workspaceId, userId);
    const refusal = roleChangeRefusal(actorRole, member.role, input.role);
    if (refusal) throw forbidden(refusal);
    if (member.role === 'owner' && input.role !== 'owner' && (await ownerCount(tx, workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one owner. Make someone else owner first.');
    }
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      before: { role: member.role },
      after: { role: input.role },
    });
    return { userId, role: input.role };
  });
}

export async function removeMember(ctx: ActorContext, workspaceId: string, userId: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const leaving = userId === ctx.actorId;
    const actorRole = await requirePermission(
      tx,
      workspaceId,
      ctx.actorId,
      leaving ? 'workspace.read' : 'members.manage',
    );
    const member = await lockedMember(tx, workspaceId, userId);
    if (!leaving && member.role === 'owner' && actorRole !== 'owner') {
      throw forbidden('Only an owner can remove another owner.');
    }
    if (member.role === 'owner' && (await ownerCount(tx, workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one owner. Make someone else owner first.');
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: leaving ? 'member.left' : 'member.removed',
      targetType: 'user',
      targetId: userId,
      before: { role: member.role },
    });
  });
}

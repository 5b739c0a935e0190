// Saved replies: answers the team writes once and inserts into inbox replies often. Everyone in the
// workspace reads and uses them; editors and above write them. Each change is audited with it.
import { and, asc, eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import { savedReplies } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface SavedReplyView {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
}

type Row = typeof savedReplies.$inferSelect;
const viewOf = (row: Row): SavedReplyView => ({
  id: row.id,
  title: row.title,
  text: row.text,
  updatedAt: row.updatedAt.toISOString(),
});

export async function listSavedReplies(ctx: ActorContext, workspaceId: string): Promise<SavedReplyView[]> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const rows = await ctx.database.db
    .select()
    .from(savedReplies)
    .where(eq(savedReplies.workspaceId, workspaceId))
    .orderBy(asc(savedReplies.title), asc(savedReplies.createdAt));
  return rows.map(viewOf);
}

export async function createSavedReply(
  ctx: ActorContext,
  workspaceId: string,
  input: { title: string; text: string },
): Promise<SavedReplyView> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'savedReplies.manage');
    const [row] = await tx
      .insert(savedReplies)
      .values({ workspaceId, title: input.title, text: input.text, createdBy: ctx.actorId })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'savedReply.created',
      targetType: 'saved_reply',
      targetId: row!.id,
      after: { title: row!.title, text: row!.text },
    });
    return viewOf(row!);
  });
}

export async function updateSavedReply(
  ctx: ActorContext,
  workspaceId: string,
  replyId: string,
  input: { title?: string; text?: string },
): Promise<SavedReplyView> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'savedReplies.manage');
    const where = and(eq(savedReplies.id, replyId), eq(savedReplies.workspaceId, workspaceId));
    const [before] = await tx.select().from(savedReplies).where(where).for('update');
    if (!before) throw notFound('That saved reply');
    const [row] = await tx
      .update(savedReplies)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        updatedAt: new Date(),
      })
      .where(where)
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'savedReply.updated',
      targetType: 'saved_reply',
      targetId: replyId,
      before: { title: before.title, text: before.text },
      after: { title: row!.title, text: row!.text },
    });
    return viewOf(row!);
  });
}

export async function deleteSavedReply(
  ctx: ActorContext,
  workspaceId: string,
  replyId: string,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'savedReplies.manage');
    const [row] = await tx
      .delete(savedReplies)
      .where(and(eq(savedReplies.id, replyId), eq(savedReplies.workspaceId, workspaceId)))
      .returning();
    if (!row) throw notFound('That saved reply');
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'savedReply.deleted',
      targetType: 'saved_reply',
      targetId: replyId,
      before: { title: row.title, text: row.text },
    });
  });
}

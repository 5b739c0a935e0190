// The crisis playbook of a workspace: pre-approved holding statements (everyone reads them and loads
// them into the composer) and the stakeholders to tell (members read them). Owners and admins write
// both; every change is audited with it.
import { and, asc, eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import type { Tx } from '../../db/database.ts';
import { holdingStatements, stakeholderContacts } from '../../db/teamSchema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface HoldingStatementInput {
  title: string;
  text: string;
}

export interface StakeholderContactInput {
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  notes: string;
}

type StatementRow = typeof holdingStatements.$inferSelect;
type ContactRow = typeof stakeholderContacts.$inferSelect;

export function presentStatement(row: StatementRow) {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentContact(row: ContactRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
  };
}

const statementFields = (row: StatementRow) => ({ title: row.title, text: row.text });
const contactFields = (row: ContactRow) => ({
  name: row.name,
  role: row.role,
  email: row.email,
  phone: row.phone,
  notes: row.notes,
});

export async function listHoldingStatements(ctx: ActorContext, workspaceId: string) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const rows = await tx
      .select()
      .from(holdingStatements)
      .where(eq(holdingStatements.workspaceId, workspaceId))
      .orderBy(asc(holdingStatements.title), asc(holdingStatements.createdAt));
    return rows.map(presentStatement);
  });
}

export async function createHoldingStatement(
  ctx: ActorContext,
  workspaceId: string,
  input: HoldingStatementInput,
) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'playbooks.manage');
    const [row] = await tx
      .insert(holdingStatements)
      .values({ workspaceId, title: input.title, text: input.text, createdBy: ctx.actorId })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'holding_statement.created',
      targetType: 'holding_statement',
      targetId: row!.id,
      after: statementFields(row!),
    });
    return presentStatement(row!);
  });
}

/** The statement, locked, and the actor's right to change it; 404 for people outside its workspace. */
async function lockStatement(ctx: ActorContext, tx: Tx, id: string): Promise<StatementRow> {
  const [row] = await tx.select().from(holdingStatements).where(eq(holdingStatements.id, id)).for('update');
  if (!row) throw notFound('The holding statement');
  await requirePermission(tx, row.workspaceId, ctx.actorId, 'playbooks.manage').catch((error) => {
    throw error?.status === 404 ? notFound('The holding statement') : error;
  });
  return row;
}

export async function updateHoldingStatement(
  ctx: ActorContext,
  id: string,
  input: Partial<HoldingStatementInput>,
) {
  return ctx.database.transaction(async (tx) => {
    const before = await lockStatement(ctx, tx, id);
    const [row] = await tx
      .update(holdingStatements)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(holdingStatements.id, id))
      .returning();
    await recordAudit(tx, {
      workspaceId: before.workspaceId,
      actorId: ctx.actorId,
      action: 'holding_statement.updated',
      targetType: 'holding_statement',
      targetId: id,
      before: statementFields(before),
      after: statementFields(row!),
    });
    return presentStatement(row!);
  });
}

export async function deleteHoldingStatement(ctx: ActorContext, id: string) {
  await ctx.database.transaction(async (tx) => {
    const before = await lockStatement(ctx, tx, id);
    await tx.delete(holdingStatements).where(eq(holdingStatements.id, id));
    await recordAudit(tx, {
      workspaceId: before.workspaceId,
      actorId: ctx.actorId,
      action: 'holding_statement.deleted',
      targetType: 'holding_statement',
      targetId: id,
      before: statementFields(before),
    });
  });
}

export async function listStakeholderContacts(ctx: ActorContext, workspaceId: string) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const rows = await tx
      .select()
      .from(stakeholderContacts)
      .where(eq(stakeholderContacts.workspaceId, workspaceId))
      .orderBy(asc(stakeholderContacts.name), asc(stakeholderContacts.createdAt));
    return rows.map(presentContact);
  });
}

export async function createStakeholderContact(
  ctx: ActorContext,
  workspaceId: string,
  input: StakeholderContactInput,
) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'playbooks.manage');
    const [row] = await tx
      .insert(stakeholderContacts)
      .values({ workspaceId, ...input })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'stakeholder_contact.created',
      targetType: 'stakeholder_contact',
      targetId: row!.id,
      after: contactFields(row!),
    });
    return presentContact(row!);
  });
}

async function lockContact(ctx: ActorContext, tx: Tx, id: string): Promise<ContactRow> {
  const [row] = await tx
    .select()
    .from(stakeholderContacts)
    .where(and(eq(stakeholderContacts.id, id)))
    .for('update');
  if (!row) throw notFound('The contact');
  await requirePermission(tx, row.workspaceId, ctx.actorId, 'playbooks.manage').catch((error) => {
    throw error?.status === 404 ? notFound('The contact') : error;
  });
  return row;
}

export async function updateStakeholderContact(
  ctx: ActorContext,
  id: string,
  input: Partial<StakeholderContactInput>,
) {
  return ctx.database.transaction(async (tx) => {
    const before = await lockContact(ctx, tx, id);
    const [row] = await tx
      .update(stakeholderContacts)
      .set(input)
      .where(eq(stakeholderContacts.id, id))
      .returning();
    await recordAudit(tx, {
      workspaceId: before.workspaceId,
      actorId: ctx.actorId,
      action: 'stakeholder_contact.updated',
      targetType: 'stakeholder_contact',
      targetId: id,
      before: contactFields(before),
      after: contactFields(row!),
    });
    return presentContact(row!);
  });
}

export async function deleteStakeholderContact(ctx: ActorContext, id: string) {
  await ctx.database.transaction(async (tx) => {
    const before = await lockContact(ctx, tx, id);
    await tx.delete(stakeholderContacts).where(eq(stakeholderContacts.id, id));
    await recordAudit(tx, {
      workspaceId: before.workspaceId,
      actorId: ctx.actorId,
      action: 'stakeholder_contact.deleted',
      targetType: 'stakeholder_contact',
      targetId: id,
      before: contactFields(before),
    });
  });
}

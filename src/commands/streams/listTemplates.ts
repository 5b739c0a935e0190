// A workspace's list templates ("people to learn from"): named sets of handles on the networks that
// admins curate and anyone allowed turns into a real list on a connected account in one step, optionally
// shown as a column on one of their boards. The starter templates shipped in content/list-templates/
// are added to a workspace the first time its templates are listed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { APP_ROOT } from '../../appRoot.ts';
import { conflict, forbidden, notFound } from '../../core/appError.ts';
import { can } from '../../core/roles.ts';
import { MAX_COLUMNS_PER_BOARD, type NetworkList } from '../../core/streams/streamTypes.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { auditEvents, listTemplates, streamColumns, workspaces } from '../../db/schema.ts';
import type { TemplateMember } from '../../db/streamsSchema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { memberRole, requirePermission } from '../workspaceAccess.ts';
import { addColumn, type ColumnView, ownBoard } from './boards.ts';
import { accountReader, onNetwork, workspaceAccount } from './networkLists.ts';

export const STARTER_TEMPLATES_ROOT = path.join(APP_ROOT, 'content', 'list-templates');
export const MAX_TEMPLATE_MEMBERS = 100;
const SEEDED_ACTION = 'list_template.seeded';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

export const templateMemberSchema = z
  .object({
    network: z.enum(['bluesky', 'mastodon'], 'Choose bluesky or mastodon.'),
    handle: z
      .string()
      .trim()
      .transform((handle) => handle.replace(/^@/, ''))
      .pipe(
        z
          .string()
          .min(1, 'Enter a handle.')
          .max(300, 'Use at most 300 characters for a handle.')
          .refine((s) => !/\s/.test(s), 'A handle has no spaces.')
          .refine(noNul, NUL_MESSAGE),
      ),
  })
  .strict();

/** What a template is made of, whether it comes from an admin or from content/list-templates/. */
export const listTemplateInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the template a name.')
      .max(64, 'Use at most 64 characters for the name: it becomes the list’s name.')
      .refine(noNul, NUL_MESSAGE),
    description: z
      .string()
      .trim()
      .max(300, 'Use at most 300 characters for the description.')
      .refine(noNul, NUL_MESSAGE)
      .default(''),
    members: z
      .array(templateMemberSchema)
      .max(MAX_TEMPLATE_MEMBERS, `A template holds at most ${MAX_TEMPLATE_MEMBERS} people.`),
  })
  .strict();

export type ListTemplateInput = z.output<typeof listTemplateInputSchema>;

export interface ListTemplateView {
  id: string;
  name: string;
  description: string;
  members: TemplateMember[];
  updatedAt: Date;
}

export interface AppliedTemplate {
  list: NetworkList;
  /** The template's handles now in the list. */
  added: string[];
  /** The template's handles the network knows nobody by. */
  notFound: string[];
  column: ColumnView | null;
}

const viewColumns = {
  id: listTemplates.id,
  name: listTemplates.name,
  description: listTemplates.description,
  members: listTemplates.members,
  updatedAt: listTemplates.updatedAt,
};

/** Each person once: the same handle on the same network, in any letter case, is kept the first time. */
function distinctMembers(members: TemplateMember[]): TemplateMember[] {
  const seen = new Set<string>();
  return members.filter((member) => {
    const key = `${member.network}:${member.handle.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The starter templates; a file that is not a valid template is left out rather than stop the listing. */
export async function loadStarterTemplates(root = STARTER_TEMPLATES_ROOT): Promise<ListTemplateInput[]> {
  let names: string[];
  try {
    names = (await readdir(root)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const templates: ListTemplateInput[] = [];
  for (const name of names) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path.join(root, name), 'utf8'));
    } catch {
      continue;
    }
    const result = listTemplateInputSchema.safeParse(parsed);
    if (result.success) templates.push({ ...result.data, members: distinctMembers(result.data.members) });
  }
  return templates;
}

async function hasBeenSeeded(q: Queryable, workspaceId: string): Promise<boolean> {
  const [marker] = await q
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, SEEDED_ACTION)))
    .limit(1);
  return marker !== undefined;
}

/**
 * Adds the starter templates to the workspace once; returns how many were added.
 *
 * Workspaces have no column saying "templates seeded" (adding one would change the schema), and "the
 * workspace has no templates" is not enough: an admin who deletes every template must not get the
 * starters back. So the `list_template.seeded` audit event, written with the templates in one
 * transaction, is the marker, and the workspace row is locked meanwhile so that two first visits at
 * once seed only once.
 */
export async function seedStarterTemplates(
  database: Database,
  workspaceId: string,
  root = STARTER_TEMPLATES_ROOT,
): Promise<number> {
  if (await hasBeenSeeded(database.db, workspaceId)) return 0;
  // Read before the transaction, so the lock is held only for the writing.
  const starters = await loadStarterTemplates(root);
  return database.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('update');
    if (!workspace || (await hasBeenSeeded(tx, workspaceId))) return 0;
    const added = starters.length
      ? await tx
          .insert(listTemplates)
          .values(starters.map((template) => ({ workspaceId, ...template })))
          .returning({ id: listTemplates.id, name: listTemplates.name })
      : [];
    await recordAudit(tx, {
      workspaceId,
      actorId: null,
      action: SEEDED_ACTION,
      targetType: 'workspace',
      targetId: workspaceId,
      after: { templates: added },
    });
    return added.length;
  });
}

export async function listListTemplates(ctx: ActorContext, workspaceId: string): Promise<ListTemplateView[]> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  await seedStarterTemplates(ctx.database, workspaceId);
  return db
    .select(viewColumns)
    .from(listTemplates)
    .where(eq(listTemplates.workspaceId, workspaceId))
    .orderBy(asc(listTemplates.createdAt), asc(listTemplates.name), asc(listTemplates.id));
}

export async function createListTemplate(
  ctx: ActorContext,
  workspaceId: string,
  input: ListTemplateInput,
): Promise<ListTemplateView> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'listTemplates.manage');
    const values = { ...input, members: distinctMembers(input.members) };
    const [created] = await tx
      .insert(listTemplates)
      .values({ workspaceId, createdBy: ctx.actorId, ...values })
      .returning(viewColumns);
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'list_template.created',
      targetType: 'list_template',
      targetId: created!.id,
      after: values,
    });
    return created!;
  });
}

export async function updateListTemplate(
  ctx: ActorContext,
  workspaceId: string,
  templateId: string,
  input: ListTemplateInput,
): Promise<ListTemplateView> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'listTemplates.manage');
    const where = and(eq(listTemplates.workspaceId, workspaceId), eq(listTemplates.id, templateId));
    const [before] = await tx
      .select({
        name: listTemplates.name,
        description: listTemplates.description,
        members: listTemplates.members,
      })
      .from(listTemplates)
      .where(where)
      .for('update');
    if (!before) throw notFound('That list template');
    const values = { ...input, members: distinctMembers(input.members) };
    const [updated] = await tx
      .update(listTemplates)
      .set({ ...values, updatedAt: new Date() })
      .where(where)
      .returning(viewColumns);
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'list_template.updated',
      targetType: 'list_template',
      targetId: templateId,
      before,
      after: values,
    });
    return updated!;
  });
}

export async function deleteListTemplate(
  ctx: ActorContext,
  workspaceId: string,
  templateId: string,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'listTemplates.manage');
    const [removed] = await tx
      .delete(listTemplates)
      .where(and(eq(listTemplates.workspaceId, workspaceId), eq(listTemplates.id, templateId)))
      .returning({
        name: listTemplates.name,
        description: listTemplates.description,
        members: listTemplates.members,
      });
    if (!removed) throw notFound('That list template');
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'list_template.deleted',
      targetType: 'list_template',
      targetId: templateId,
      before: removed,
    });
  });
}

/** The board the list's column goes on: the person's own, with room for one more column. */
async function boardWithRoom(ctx: ActorContext, workspaceId: string, boardId: string): Promise<void> {
  const { db } = ctx.database;
  await ownBoard(db, ctx, workspaceId, boardId);
  const [columns] = await db
    .select({ n: count() })
    .from(streamColumns)
    .where(eq(streamColumns.boardId, boardId));
  if ((columns?.n ?? 0) >= MAX_COLUMNS_PER_BOARD) {
    throw conflict(
      `A board holds ${MAX_COLUMNS_PER_BOARD} columns at most; remove one or choose another board.`,
    );
  }
}

/**
 * Makes a real list on the account from the template: the template's people on the account's network
 * are looked up by handle, the list is created with those found, and with `boardId` it becomes a column
 * on that board. Allowed to those who may manage lists, and to the person who connected the account.
 */
export async function applyListTemplate(
  ctx: ActorContext,
  workspaceId: string,
  templateId: string,
  input: { accountId: string; boardId?: string },
): Promise<AppliedTemplate> {
  const { db } = ctx.database;
  const role = await memberRole(db, workspaceId, ctx.actorId);
  if (!role) throw notFound('The workspace');
  const account = await workspaceAccount(db, workspaceId, input.accountId);
  if (!can(role, 'lists.manage') && account.connectedBy !== ctx.actorId) {
    throw forbidden(
      'Only owners, admins and editors, or the person who connected this account, can make lists on it.',
    );
  }
  const [template] = await db
    .select(viewColumns)
    .from(listTemplates)
    .where(and(eq(listTemplates.workspaceId, workspaceId), eq(listTemplates.id, templateId)));
  if (!template) throw notFound('That list template');
  // Checked first, so a board that cannot take the column leaves no list behind on the network.
  if (input.boardId) await boardWithRoom(ctx, workspaceId, input.boardId);

  const reader = await accountReader(ctx, account.id);
  const handles = template.members
    .filter((member) => member.network === account.network)
    .map((member) => member.handle);
  // Everyone is looked up before the list exists, so a network that stops answering leaves nothing.
  const found: { handle: string; actorId: string }[] = [];
  const notFoundHandles: string[] = [];
  for (const handle of handles) {
    const actor = await onNetwork(() => reader.resolveActor(handle));
    if (actor) found.push({ handle, actorId: actor.id });
    else notFoundHandles.push(handle);
  }

  const list = await onNetwork(() =>
    reader.createList({ name: template.name, description: template.description }),
  );
  await recordAudit(db, {
    workspaceId,
    actorId: ctx.actorId,
    action: 'list.created',
    targetType: 'network_list',
    targetId: list.id,
    after: { accountId: account.id, network: account.network, name: list.name, templateId },
  });
  const added: string[] = [];
  for (const member of found) {
    await onNetwork(() => reader.addListMember(list.id, member.actorId));
    added.push(member.handle);
  }
  const column = input.boardId
    ? await addColumn(ctx, workspaceId, input.boardId, {
        kind: 'list',
        accountId: account.id,
        listId: list.id,
        listName: list.name,
      })
    : null;
  await recordAudit(db, {
    workspaceId,
    actorId: ctx.actorId,
    action: 'list_template.applied',
    targetType: 'list_template',
    targetId: templateId,
    after: {
      accountId: account.id,
      listId: list.id,
      added,
      notFound: notFoundHandles,
      columnId: column?.id ?? null,
    },
  });
  return { list, added, notFound: notFoundHandles, column };
}

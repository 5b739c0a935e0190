// Each person's Streams boards and their columns: create, rename, delete, add and remove columns, and
// put them in order. Boards are personal: someone else's board is "not found". A column names where its
// items come from (its source); columns showing the same thing share one source and its stored items.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../core/appError.ts';
import {
  ACCOUNT_COLUMN_KINDS,
  type ColumnKind,
  MAX_BOARDS_PER_PERSON,
  MAX_COLUMNS_PER_BOARD,
} from '../../core/streams/streamTypes.ts';
import type { Queryable } from '../../db/database.ts';
import {
  type ColumnConfig,
  listeningQueries,
  socialAccounts,
  streamBoards,
  streamColumns,
  streamSources,
} from '../../db/schema.ts';
import { checkOutboundUrl, OutboundUrlError } from '../../networks/outboundUrl.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface ColumnAccount {
  id: string;
  network: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface ColumnView {
  id: string;
  position: number;
  kind: ColumnKind;
  accountId: string | null;
  account: ColumnAccount | null;
  listId?: string;
  listName?: string;
  query?: string;
  feedUrl?: string;
  queryId?: string;
  /** The list's name, the query or the feed's host; empty for columns named by their kind alone. */
  title: string;
  sourceKey: string;
}

export interface BoardView {
  id: string;
  name: string;
  position: number;
  columns: ColumnView[];
}

export interface AddColumnInput {
  kind: ColumnKind;
  /** listening: one of the workspace's listening queries. */
  queryId?: string;
  accountId?: string;
  listId?: string;
  listName?: string;
  query?: string;
  feedUrl?: string;
}

const FIRST_BOARD_NAME = 'My streams';

/** The source a column reads: the same kind, account and settings give the same key. */
export function sourceKeyOf(kind: ColumnKind, accountId: string | null, config: ColumnConfig): string {
  switch (kind) {
    case 'home':
    case 'mentions':
    case 'my_posts':
      return `${kind}:${accountId}`;
    case 'list':
      return `list:${accountId}:${config.listId}`;
    case 'search':
      return `search:${accountId}:${(config.query ?? '').normalize('NFC').toLocaleLowerCase()}`;
    case 'rss':
      return `rss:${config.feedUrl}`;
    case 'scheduled':
      return `scheduled:${accountId ?? 'all'}`;
    case 'listening':
      return `listening:${config.queryId}`;
  }
}

function titleOf(kind: ColumnKind, config: ColumnConfig): string {
  if (kind === 'list') return config.listName ?? '';
  if (kind === 'search') return config.query ?? '';
  if (kind === 'rss' && config.feedUrl) return new URL(config.feedUrl).host;
  if (kind === 'listening') return config.queryName ?? '';
  return '';
}

type ColumnRow = typeof streamColumns.$inferSelect;

async function accountsById(q: Queryable, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ColumnAccount>();
  const rows = await q
    .select({
      id: socialAccounts.id,
      network: socialAccounts.network,
      handle: socialAccounts.handle,
      displayName: socialAccounts.displayName,
      avatarUrl: socialAccounts.avatarUrl,
    })
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), inArray(socialAccounts.id, ids)));
  return new Map(rows.map((row) => [row.id, row]));
}

function columnView(row: ColumnRow, accounts: Map<string, ColumnAccount>): ColumnView {
  const config = row.config;
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    accountId: row.accountId,
    account: row.accountId ? (accounts.get(row.accountId) ?? null) : null,
    ...(config.listId ? { listId: config.listId, listName: config.listName ?? '' } : {}),
    ...(config.query ? { query: config.query } : {}),
    ...(config.feedUrl ? { feedUrl: config.feedUrl } : {}),
    ...(config.queryId ? { queryId: config.queryId } : {}),
    title: titleOf(row.kind, config),
    sourceKey: row.sourceKey,
  };
}

async function boardViews(
  q: Queryable,
  workspaceId: string,
  boards: (typeof streamBoards.$inferSelect)[],
): Promise<BoardView[]> {
  if (boards.length === 0) return [];
  const columns = await q
    .select()
    .from(streamColumns)
    .where(
      inArray(
        streamColumns.boardId,
        boards.map((b) => b.id),
      ),
    )
    .orderBy(asc(streamColumns.position));
  const accounts = await accountsById(q, workspaceId, [
    ...new Set(columns.flatMap((c) => (c.accountId ? [c.accountId] : []))),
  ]);
  return boards.map((board) => ({
    id: board.id,
    name: board.name,
    position: board.position,
    columns: columns.filter((c) => c.boardId === board.id).map((c) => columnView(c, accounts)),
  }));
}

/** The person's boards in order; a first, empty board is made for someone who has none. */
export async function listBoards(ctx: ActorContext, workspaceId: string): Promise<BoardView[]> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const mine = () =>
    ctx.database.db
      .select()
      .from(streamBoards)
      .where(and(eq(streamBoards.workspaceId, workspaceId), eq(streamBoards.userId, ctx.actorId)))
      .orderBy(asc(streamBoards.position), asc(streamBoards.createdAt));
  let boards = await mine();
  if (boards.length === 0) {
    await ctx.database.transaction(async (tx, sql) => {
      // Two first visits at once make one board: the second finds the first's under the lock.
      await sql.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `boards:${workspaceId}:${ctx.actorId}`,
      ]);
      const [existing] = await tx
        .select({ n: count() })
        .from(streamBoards)
        .where(and(eq(streamBoards.workspaceId, workspaceId), eq(streamBoards.userId, ctx.actorId)));
      if ((existing?.n ?? 0) > 0) return;
      await tx
        .insert(streamBoards)
        .values({ workspaceId, userId: ctx.actorId, name: FIRST_BOARD_NAME, position: 0 });
    });
    boards = await mine();
  }
  return boardViews(ctx.database.db, workspaceId, boards);
}

/** The person's own board, or "not found". */
export async function ownBoard(q: Queryable, ctx: ActorContext, workspaceId: string, boardId: string) {
  const [board] = await q
    .select()
    .from(streamBoards)
    .where(
      and(
        eq(streamBoards.id, boardId),
        eq(streamBoards.workspaceId, workspaceId),
        eq(streamBoards.userId, ctx.actorId),
      ),
    );
  if (!board) throw notFound('That board');
  return board;
}

export async function getBoard(ctx: ActorContext, workspaceId: string, boardId: string): Promise<BoardView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const board = await ownBoard(ctx.database.db, ctx, workspaceId, boardId);
  const [view] = await boardViews(ctx.database.db, workspaceId, [board]);
  return view!;
}

export async function createBoard(
  ctx: ActorContext,
  workspaceId: string,
  input: { name: string },
): Promise<BoardView> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const boards = await tx
      .select({ position: streamBoards.position })
      .from(streamBoards)
      .where(and(eq(streamBoards.workspaceId, workspaceId), eq(streamBoards.userId, ctx.actorId)))
      .for('update');
    if (boards.length >= MAX_BOARDS_PER_PERSON) {
      throw conflict(
        `You have ${MAX_BOARDS_PER_PERSON} boards, the most one person can have; delete one first.`,
      );
    }
    const position = Math.max(-1, ...boards.map((b) => b.position)) + 1;
    const [board] = await tx
      .insert(streamBoards)
      .values({ workspaceId, userId: ctx.actorId, name: input.name, position })
      .returning();
    return { id: board!.id, name: board!.name, position: board!.position, columns: [] };
  });
}

export async function renameBoard(
  ctx: ActorContext,
  workspaceId: string,
  boardId: string,
  input: { name: string },
): Promise<BoardView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  await ownBoard(ctx.database.db, ctx, workspaceId, boardId);
  await ctx.database.db.update(streamBoards).set({ name: input.name }).where(eq(streamBoards.id, boardId));
  return getBoard(ctx, workspaceId, boardId);
}

export async function deleteBoard(ctx: ActorContext, workspaceId: string, boardId: string): Promise<void> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  await ownBoard(ctx.database.db, ctx, workspaceId, boardId);
  await ctx.database.db.delete(streamBoards).where(eq(streamBoards.id, boardId));
}

async function checkColumnInput(
  ctx: ActorContext,
  q: Queryable,
  workspaceId: string,
  input: AddColumnInput,
): Promise<{ accountId: string | null; config: ColumnConfig }> {
  const needsAccount = ACCOUNT_COLUMN_KINDS.includes(input.kind);
  if (needsAccount && !input.accountId) {
    throw badRequest('Choose the account this column reads.', {
      accountId: 'Required for this kind of column.',
    });
  }
  let accountId: string | null = null;
  if (input.accountId && input.kind !== 'rss') {
    const [account] = await q
      .select({ id: socialAccounts.id })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.id, input.accountId), eq(socialAccounts.workspaceId, workspaceId)));
    if (!account)
      throw badRequest('That account is not connected to this workspace.', { accountId: 'Unknown account.' });
    accountId = account.id;
  }
  switch (input.kind) {
    case 'list':
      if (!input.listId)
        throw badRequest('Choose the list to show.', { listId: 'Required for a list column.' });
      return { accountId, config: { listId: input.listId, listName: input.listName?.trim() ?? '' } };
    case 'search': {
      const query = input.query?.trim() ?? '';
      if (!query)
        throw badRequest('Type a word, a phrase or a #hashtag to search for.', { query: 'Required.' });
      return { accountId, config: { query } };
    }
    case 'rss': {
      if (!input.feedUrl)
        throw badRequest('Enter the address of the feed.', { feedUrl: 'Required for a feed column.' });
      try {
        const url = await checkOutboundUrl(
          input.feedUrl,
          { allowPrivate: ctx.config.allowPrivateFetch },
          'The feed address',
        );
        return { accountId: null, config: { feedUrl: url.href } };
      } catch (error) {
        if (error instanceof OutboundUrlError) throw badRequest(error.message, { feedUrl: error.message });
        throw error;
      }
    }
    case 'listening': {
      if (!input.queryId) {
        throw badRequest('Choose the listening query to show.', {
          queryId: 'Required for a listening column.',
        });
      }
      const [query] = await q
        .select({ id: listeningQueries.id, name: listeningQueries.name })
        .from(listeningQueries)
        .where(and(eq(listeningQueries.id, input.queryId), eq(listeningQueries.workspaceId, workspaceId)));
      if (!query) {
        throw badRequest('That listening query is not in this workspace.', { queryId: 'Unknown query.' });
      }
      return { accountId: null, config: { queryId: query.id, queryName: query.name } };
    }
    default:
      return { accountId, config: {} };
  }
}

export async function addColumn(
  ctx: ActorContext,
  workspaceId: string,
  boardId: string,
  input: AddColumnInput,
): Promise<ColumnView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  // The feed address is checked (with a name lookup) before the transaction.
  const { accountId, config } = await checkColumnInput(ctx, ctx.database.db, workspaceId, input);
  const sourceKey = sourceKeyOf(input.kind, accountId, config);
  const row = await ctx.database.transaction(async (tx) => {
    await ownBoard(tx, ctx, workspaceId, boardId);
    const columns = await tx
      .select({ position: streamColumns.position })
      .from(streamColumns)
      .where(eq(streamColumns.boardId, boardId))
      .for('update');
    if (columns.length >= MAX_COLUMNS_PER_BOARD) {
      throw conflict(
        `A board holds ${MAX_COLUMNS_PER_BOARD} columns at most; remove one or add the column to another board.`,
      );
    }
    const position = Math.max(-1, ...columns.map((c) => c.position)) + 1;
    const [inserted] = await tx
      .insert(streamColumns)
      .values({ boardId, workspaceId, position, kind: input.kind, accountId, config, sourceKey })
      .returning();
    // Scheduled and listening columns read the database; only network sources are polled.
    if (input.kind !== 'scheduled' && input.kind !== 'listening') {
      await tx
        .insert(streamSources)
        .values({ workspaceId, sourceKey, kind: input.kind, accountId, config })
        .onConflictDoNothing();
    }
    return inserted!;
  });
  const accounts = await accountsById(ctx.database.db, workspaceId, accountId ? [accountId] : []);
  return columnView(row, accounts);
}

export async function removeColumn(
  ctx: ActorContext,
  workspaceId: string,
  boardId: string,
  columnId: string,
): Promise<void> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  await ownBoard(ctx.database.db, ctx, workspaceId, boardId);
  const removed = await ctx.database.db
    .delete(streamColumns)
    .where(and(eq(streamColumns.id, columnId), eq(streamColumns.boardId, boardId)))
    .returning({ id: streamColumns.id });
  if (removed.length === 0) throw notFound('That column');
}

/** Puts the board's columns in the given order; the list must name each of them once. */
export async function reorderColumns(
  ctx: ActorContext,
  workspaceId: string,
  boardId: string,
  columnIds: string[],
): Promise<BoardView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  await ctx.database.transaction(async (tx) => {
    await ownBoard(tx, ctx, workspaceId, boardId);
    const columns = await tx
      .select({ id: streamColumns.id })
      .from(streamColumns)
      .where(eq(streamColumns.boardId, boardId))
      .for('update');
    const current = new Set(columns.map((c) => c.id));
    const given = new Set(columnIds);
    if (
      given.size !== columnIds.length ||
      given.size !== current.size ||
      columnIds.some((id) => !current.has(id))
    ) {
      throw badRequest('Name each of the board’s columns once, in the new order.', {
        columnIds: 'Must list every column of the board exactly once.',
      });
    }
    for (const [position, id] of columnIds.entries()) {
      await tx.update(streamColumns).set({ position }).where(eq(streamColumns.id, id));
    }
  });
  return getBoard(ctx, workspaceId, boardId);
}

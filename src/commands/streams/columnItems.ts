// What a board's columns show: the newest stored items of each column's source (one indexed query per
// column, so a board opens from the database without waiting for any network), and older pages on
// scroll, from the database first and then from the network with its cursor. The Scheduled column
// reads the planner's posts instead.
import { and, asc, sql as dsql, eq, gt, inArray, or } from 'drizzle-orm';
import { badRequest, notFound } from '../../core/appError.ts';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import type { Queryable } from '../../db/database.ts';
import {
  listeningMentions,
  postTargets,
  socialAccounts,
  streamColumns,
  streamItems,
  streamSources,
} from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { ownBoard } from './boards.ts';
import { fetchOlder, type SourceFetcher } from './columnSources.ts';

export const PAGE_SIZE = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ColumnItems {
  columnId: string;
  items: StreamItem[];
  /** Opaque; pass back for older items. Null when there is nothing older. */
  cursor: string | null;
  error: string | null;
  /** The source was never fetched yet: its first items arrive over the board's events. */
  loading: boolean;
}

interface Position {
  sortAt: string;
  itemId: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.sortAt, position.itemId])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [sortAt, itemId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    // Only what this server gives out: an ISO instant exactly as toISOString writes it.
    if (
      typeof sortAt === 'string' &&
      typeof itemId === 'string' &&
      itemId.length > 0 &&
      itemId.length <= 1000 &&
      !Number.isNaN(Date.parse(sortAt)) &&
      new Date(sortAt).toISOString() === sortAt
    ) {
      return { sortAt, itemId };
    }
  } catch {
    // Falls through to the refusal.
  }
  throw badRequest('The cursor is not one this server gave out; reload the column.', {
    cursor: 'Not valid.',
  });
}

/** Stored items of a source, newest first, older than `before` when given. */
async function storedPage(
  q: Queryable,
  workspaceId: string,
  sourceKey: string,
  before: Position | undefined,
  limit: number,
): Promise<{ item: StreamItem; sortAt: Date; itemId: string }[]> {
  const olderThan = before
    ? dsql`(${streamItems.sortAt}, ${streamItems.itemId}) < (${before.sortAt}::timestamptz, ${before.itemId})`
    : undefined;
  return q
    .select({ item: streamItems.item, sortAt: streamItems.sortAt, itemId: streamItems.itemId })
    .from(streamItems)
    .where(and(eq(streamItems.workspaceId, workspaceId), eq(streamItems.sourceKey, sourceKey), olderThan))
    .orderBy(dsql`${streamItems.sortAt} DESC, ${streamItems.itemId} DESC`)
    .limit(limit);
}

const UPCOMING = ['scheduled', 'pending_approval', 'paused', 'publishing'] as const;

/** The planner's upcoming posts as items, soonest first, after the given position. */
async function scheduledPage(
  q: Queryable,
  workspaceId: string,
  accountId: string | null,
  after: Position | undefined,
): Promise<{ items: StreamItem[]; cursor: string | null }> {
  const rows = await q
    .select({
      id: postTargets.id,
      text: postTargets.text,
      status: postTargets.status,
      scheduledAt: postTargets.scheduledAt,
      network: socialAccounts.network,
      handle: socialAccounts.handle,
      displayName: socialAccounts.displayName,
      avatarUrl: socialAccounts.avatarUrl,
      postId: postTargets.postId,
    })
    .from(postTargets)
    .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
    .where(
      and(
        eq(postTargets.workspaceId, workspaceId),
        inArray(postTargets.status, [...UPCOMING]),
        accountId ? eq(postTargets.accountId, accountId) : undefined,
        after
          ? or(
              gt(postTargets.scheduledAt, new Date(after.sortAt)),
              and(eq(postTargets.scheduledAt, new Date(after.sortAt)), gt(postTargets.id, after.itemId)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(postTargets.scheduledAt), asc(postTargets.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const items: StreamItem[] = page.map((row) => ({
    id: row.id,
    network: row.network === 'mastodon' ? 'mastodon' : 'bluesky',
    kind: 'scheduled',
    url: `/w/${workspaceId}/publisher?post=${row.postId}`,
    text: row.text,
    author: {
      handle: row.handle,
      displayName: row.displayName,
      avatarUrl: row.avatarUrl ?? undefined,
      url: `/w/${workspaceId}/settings/accounts`,
    },
    createdAt: (row.scheduledAt ?? new Date()).toISOString(),
    scheduledAt: row.scheduledAt?.toISOString(),
    status: row.status,
  }));
  const last = page.at(-1);
  const cursor =
    rows.length > PAGE_SIZE && last?.scheduledAt
      ? encodeCursor({ sortAt: last.scheduledAt.toISOString(), itemId: last.id })
      : null;
  return { items, cursor };
}

type MentionRow = typeof listeningMentions.$inferSelect;

/** A stored listening mention as a column item. */
export function mentionItem(row: MentionRow): StreamItem {
  return {
    id: row.remoteId,
    network: row.source,
    kind: row.source === 'rss' ? 'article' : 'post',
    ...(row.source === 'rss' ? {} : { postId: row.remoteId }),
    url: row.url,
    text: row.text,
    author: {
      handle: row.authorHandle,
      displayName: row.authorName,
      url: row.source === 'bluesky' ? `https://bsky.app/profile/${row.authorHandle}` : row.url,
    },
    createdAt: row.postedAt.toISOString(),
    sentiment: row.sentiment,
    lang: row.lang,
  };
}

/** The mentions a listening query matched, newest first, older than `before` (its id is the mention's). */
async function listeningPage(
  q: Queryable,
  workspaceId: string,
  queryId: string,
  before: Position | undefined,
): Promise<{ items: StreamItem[]; cursor: string | null }> {
  const rows = await q
    .select()
    .from(listeningMentions)
    .where(
      and(
        eq(listeningMentions.workspaceId, workspaceId),
        dsql`${listeningMentions.queryIds} @> ARRAY[${queryId}]::uuid[]`,
        before
          ? dsql`(${listeningMentions.postedAt}, ${listeningMentions.id}) < (${before.sortAt}::timestamptz, ${Number(before.itemId)})`
          : undefined,
      ),
    )
    .orderBy(dsql`${listeningMentions.postedAt} DESC, ${listeningMentions.id} DESC`)
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map(mentionItem),
    cursor:
      rows.length > PAGE_SIZE && last
        ? encodeCursor({ sortAt: last.postedAt.toISOString(), itemId: String(last.id) })
        : null,
  };
}

async function columnItems(
  q: Queryable,
  workspaceId: string,
  column: typeof streamColumns.$inferSelect,
  source: typeof streamSources.$inferSelect | undefined,
): Promise<ColumnItems> {
  if (column.kind === 'scheduled') {
    const page = await scheduledPage(q, workspaceId, column.accountId, undefined);
    return { columnId: column.id, ...page, error: null, loading: false };
  }
  if (column.kind === 'listening') {
    const page = await listeningPage(q, workspaceId, column.config.queryId ?? '', undefined);
    return { columnId: column.id, ...page, error: null, loading: false };
  }
  const rows = await storedPage(q, workspaceId, column.sourceKey, undefined, PAGE_SIZE);
  const last = rows.at(-1);
  const more = rows.length === PAGE_SIZE || (source !== undefined && !source.reachedEnd);
  return {
    columnId: column.id,
    items: rows.map((row) => row.item),
    cursor: last && more ? encodeCursor({ sortAt: last.sortAt.toISOString(), itemId: last.itemId }) : null,
    error: source?.lastError ?? null,
    loading: !source?.lastPolledAt,
  };
}

/** The newest stored items of every column of the person's board. */
export async function boardItems(
  ctx: ActorContext,
  workspaceId: string,
  boardId: string,
): Promise<ColumnItems[]> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  await ownBoard(db, ctx, workspaceId, boardId);
  const columns = await db
    .select()
    .from(streamColumns)
    .where(eq(streamColumns.boardId, boardId))
    .orderBy(asc(streamColumns.position));
  const keys = columns
    .filter((c) => c.kind !== 'scheduled' && c.kind !== 'listening')
    .map((c) => c.sourceKey);
  const sources =
    keys.length === 0
      ? []
      : await db
          .select()
          .from(streamSources)
          .where(and(eq(streamSources.workspaceId, workspaceId), inArray(streamSources.sourceKey, keys)));
  const sourceByKey = new Map(sources.map((s) => [s.sourceKey, s]));
  return Promise.all(
    columns.map((column) => columnItems(db, workspaceId, column, sourceByKey.get(column.sourceKey))),
  );
}

/** A column of the person's board, with its source. */
export async function ownColumn(ctx: ActorContext, workspaceId: string, boardId: string, columnId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  await ownBoard(db, ctx, workspaceId, boardId);
  const [column] = await db
    .select()
    .from(streamColumns)
    .where(and(eq(streamColumns.id, columnId), eq(streamColumns.boardId, boardId)));
  if (!column) throw notFound('That column');
  const [source] = await db
    .select()
    .from(streamSources)
    .where(and(eq(streamSources.workspaceId, workspaceId), eq(streamSources.sourceKey, column.sourceKey)));
  return { column, source };
}

/**
 * Items older than the cursor: stored ones first; when the store runs out, the next page from the
 * network is fetched and stored, then read back in order.
 */
export async function olderItems(
  ctx: ActorContext,
  fetcher: SourceFetcher,
  workspaceId: string,
  boardId: string,
  columnId: string,
  cursor: string,
): Promise<{ items: StreamItem[]; cursor: string | null }> {
  const position = decodeCursor(cursor);
  const { column, source } = await ownColumn(ctx, workspaceId, boardId, columnId);
  if (column.kind === 'scheduled') {
    // The Scheduled column's positions name post targets.
    if (!UUID.test(position.itemId)) {
      throw badRequest('The cursor is not one this server gave out; reload the column.', {
        cursor: 'Not valid.',
      });
    }
    return scheduledPage(ctx.database.db, workspaceId, column.accountId, position);
  }
  if (column.kind === 'listening') {
    // The Listening column's positions name mentions by their number.
    if (!/^\d{1,15}$/.test(position.itemId)) {
      throw badRequest('The cursor is not one this server gave out; reload the column.', {
        cursor: 'Not valid.',
      });
    }
    return listeningPage(ctx.database.db, workspaceId, column.config.queryId ?? '', position);
  }
  const { db } = ctx.database;
  let rows = await storedPage(db, workspaceId, column.sourceKey, position, PAGE_SIZE);
  let current = source;
  // Each network page may hold only items already stored (a busy timeline moves on); a few tries.
  for (let tries = 0; rows.length < PAGE_SIZE && current && !current.reachedEnd && tries < 3; tries++) {
    const fetched = await fetchOlder(ctx, fetcher, current);
    [current] = await db
      .select()
      .from(streamSources)
      .where(and(eq(streamSources.workspaceId, workspaceId), eq(streamSources.sourceKey, column.sourceKey)));
    if (fetched.length === 0 && !current?.reachedEnd) break;
    rows = await storedPage(db, workspaceId, column.sourceKey, position, PAGE_SIZE);
  }
  const last = rows.at(-1);
  const more = rows.length === PAGE_SIZE || (current !== undefined && !current.reachedEnd);
  return {
    items: rows.map((row) => row.item),
    cursor: last && more ? encodeCursor({ sortAt: last.sortAt.toISOString(), itemId: last.itemId }) : null,
  };
}

// Fetches a column source from its network (or feed) and keeps what it fetched: the newest page on each
// poll, older pages when someone scrolls past what is stored. Items are stored once per source; an item
// seen again has its counts and viewer flags refreshed. Polling state (cursor, feed validators,
// failures and the next poll time with backoff) lives in stream_sources.
import { and, sql as dsql, eq } from 'drizzle-orm';
import type { StreamItem, StreamPage } from '../../core/streams/streamTypes.ts';
import type { Database } from '../../db/database.ts';
import { socialAccounts, streamItems, streamSources } from '../../db/schema.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import type { ConnectionCache } from '../../networks/connectionCache.ts';
import { createConnectionCache } from '../../networks/connectionCache.ts';
import { ConnectorError } from '../../networks/connector.ts';
import { fetchFeed } from '../../networks/rss/rssFeed.ts';
import type { StreamReader } from '../../networks/streamReader.ts';
import type { CommandContext } from '../context.ts';

export type SourceRow = typeof streamSources.$inferSelect;

/** Longest wait between polls of a failing source. */
const MAX_BACKOFF_MS = 15 * 60_000;

export interface SourceFetcher {
  /** The newest page of the source; `notModified` when a feed answered 304. */
  newest(source: SourceRow): Promise<{ page: StreamPage; notModified?: boolean; validators?: Validators }>;
  /** The page after `cursor`, going back in time. */
  older(source: SourceRow, cursor: string): Promise<StreamPage>;
}

interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Reads sources through the accounts' connections, kept open between polls. */
export function createSourceFetcher(ctx: CommandContext): SourceFetcher {
  const connections: ConnectionCache<StreamReader> = createConnectionCache(async (accountId) => {
    const opened = await openAccountConnection(ctx, accountId);
    return opened.connection.streams();
  });
  const readerFor = async (accountId: string): Promise<StreamReader> => {
    const [account] = await ctx.database.db
      .select({
        stamp: dsql<string>`md5(${socialAccounts.status} || ${socialAccounts.credentialsSealed})`,
        status: socialAccounts.status,
      })
      .from(socialAccounts)
      .where(eq(socialAccounts.id, accountId));
    if (!account) throw new ConnectorError('rejected', 'The account of this column is no longer connected.');
    if (account.status === 'needs_reconnect') {
      throw new ConnectorError(
        'auth',
        'The account of this column needs reconnecting in Settings → Accounts.',
      );
    }
    return connections.get(accountId, account.stamp);
  };
  const read = async (source: SourceRow, cursor?: string): Promise<StreamPage> => {
    if (!source.accountId) throw new ConnectorError('rejected', 'This column has no account to read from.');
    const reader = await readerFor(source.accountId);
    try {
      switch (source.kind) {
        case 'home':
          return await reader.home(cursor);
        case 'mentions':
          return await reader.mentions(cursor);
        case 'my_posts':
          return await reader.myPosts(cursor);
        case 'list':
          return await reader.listFeed(source.config.listId ?? '', cursor);
        case 'search':
          return await reader.search(source.config.query ?? '', cursor);
        default:
          throw new ConnectorError('rejected', `A ${source.kind} column is not read from a network.`);
      }
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth')
        connections.drop(source.accountId, reader);
      throw error;
    }
  };
  return {
    async newest(source) {
      if (source.kind === 'rss') {
        const result = await fetchFeed(
          source.config.feedUrl ?? '',
          { etag: source.etag ?? undefined, lastModified: source.lastModified ?? undefined },
          { allowPrivate: ctx.config.allowPrivateFetch },
        );
        if (result.notModified) return { page: { items: [] }, notModified: true };
        return {
          page: { items: result.items },
          validators: { etag: result.etag, lastModified: result.lastModified },
        };
      }
      return { page: await read(source) };
    },
    older(source, cursor) {
      // A feed has no pages: what it lists is all there is.
      if (source.kind === 'rss') return Promise.resolve({ items: [] });
      return read(source, cursor);
    },
  };
}

function sortTime(item: StreamItem): Date {
  const at = new Date(item.createdAt);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/**
 * Stores the items of a source; answers the ones it did not have before (newest first). An item it
 * had keeps its place and gets the fetched copy (fresh counts and viewer flags).
 */
export async function storeItems(
  database: Database,
  workspaceId: string,
  sourceKey: string,
  items: StreamItem[],
): Promise<StreamItem[]> {
  if (items.length === 0) return [];
  const unique = [...new Map(items.map((item) => [item.id, item])).values()];
  const rows = await database.db
    .insert(streamItems)
    .values(unique.map((item) => ({ workspaceId, sourceKey, itemId: item.id, sortAt: sortTime(item), item })))
    .onConflictDoUpdate({
      target: [streamItems.workspaceId, streamItems.sourceKey, streamItems.itemId],
      set: { item: dsql`excluded.item`, fetchedAt: dsql`now()` },
    })
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    .returning({ itemId: streamItems.itemId, inserted: dsql<boolean>`(xmax = 0)` });
  const inserted = new Set(rows.filter((row) => row.inserted).map((row) => row.itemId));
  return unique
    .filter((item) => inserted.has(item.id))
    .sort((a, b) => sortTime(b).getTime() - sortTime(a).getTime());
}

export interface PollOutcome {
  newItems: StreamItem[];
  /** The sentence to show in the column when the poll failed. */
  error?: string;
}

function backoffMs(failures: number, intervalMs: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
}

/**
 * Polls one source now: stores its newest page and answers what was new. A failure is recorded with
 * a growing wait before the next poll (the network's Retry-After when it gave one).
 */
export async function pollSource(
  ctx: CommandContext,
  fetcher: SourceFetcher,
  source: SourceRow,
  intervalMs: number,
): Promise<PollOutcome> {
  const where = and(
    eq(streamSources.workspaceId, source.workspaceId),
    eq(streamSources.sourceKey, source.sourceKey),
  );
  try {
    const { page, notModified, validators } = await fetcher.newest(source);
    const newItems = notModified
      ? []
      : await storeItems(ctx.database, source.workspaceId, source.sourceKey, page.items);
    const firstPoll = source.lastPolledAt === null;
    await ctx.database.db
      .update(streamSources)
      .set({
        lastPolledAt: dsql`now()`,
        nextPollAt: new Date(Date.now() + intervalMs),
        failures: 0,
        lastError: null,
        ...(validators
          ? { etag: validators.etag ?? null, lastModified: validators.lastModified ?? null }
          : {}),
        // The first page's cursor leads to everything older; later polls only add newer items.
        ...(firstPoll
          ? { olderCursor: page.cursor ?? null, reachedEnd: page.cursor && source.kind !== 'rss' ? 0 : 1 }
          : {}),
      })
      .where(where);
    return { newItems };
  } catch (error) {
    const message =
      error instanceof ConnectorError
        ? error.message
        : 'The network could not be reached; trying again shortly.';
    const retryAfter = error instanceof ConnectorError ? error.retryAfterMs : undefined;
    const wait = Math.max(retryAfter ?? 0, backoffMs(source.failures + 1, intervalMs));
    await ctx.database.db
      .update(streamSources)
      .set({
        failures: source.failures + 1,
        lastError: message,
        nextPollAt: new Date(Date.now() + wait),
        ...(source.lastPolledAt === null ? { lastPolledAt: dsql`now()`, reachedEnd: 0 } : {}),
      })
      .where(where);
    return { newItems: [], error: message };
  }
}

/** Fetches the page older than what the source has stored, stores it and moves the cursor on. */
export async function fetchOlder(
  ctx: CommandContext,
  fetcher: SourceFetcher,
  source: SourceRow,
): Promise<StreamItem[]> {
  if (source.reachedEnd || !source.olderCursor) return [];
  const page = await fetcher.older(source, source.olderCursor);
  await storeItems(ctx.database, source.workspaceId, source.sourceKey, page.items);
  await ctx.database.db
    .update(streamSources)
    .set({ olderCursor: page.cursor ?? null, reachedEnd: page.cursor ? 0 : 1 })
    .where(
      and(eq(streamSources.workspaceId, source.workspaceId), eq(streamSources.sourceKey, source.sourceKey)),
    );
  return page.items;
}

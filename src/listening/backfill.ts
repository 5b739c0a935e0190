// Fills a new query with the last days of posts from the networks' search, through the workspace's
// connected accounts (Bluesky's app.bsky.feed.searchPosts, Mastodon's status search): one search per
// word, phrase, #hashtag or @handle the query looks for (never the ones it excludes), stored through the
// same path as live posts, so a post found again later is neither stored nor counted twice.
import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../commands/context.ts';
import type { QueryNode } from '../core/listening/queryAst.ts';
import type { StreamItem } from '../core/streams/streamTypes.ts';
import { listeningQueries, socialAccounts } from '../db/schema.ts';
import { openAccountConnection } from '../networks/accountConnections.ts';
import type { ListeningEvent } from './listeningEvent.ts';
import { storeListeningEvents } from './pipeline.ts';
import { compileQueries } from './queryRegistry.ts';

export const BACKFILL_DAYS = 7;
const MAX_SEARCHES = 20;
const MAX_PAGES = 5;
const LINK = /https?:\/\/[^\s<>"]+/g;

/** What to search for: the query's words, phrases, hashtags and handles outside any NOT. */
export function searchTermsOf(tree: QueryNode): string[] {
  const terms: string[] = [];
  const walk = (node: QueryNode) => {
    switch (node.type) {
      case 'term':
        terms.push(node.text);
        break;
      case 'phrase':
        terms.push(`"${node.words.join(' ')}"`);
        break;
      case 'hashtag':
        terms.push(`#${node.tag}`);
        break;
      case 'mention':
        terms.push(`@${node.handle}`);
        break;
      case 'near':
        walk(node.left);
        walk(node.right);
        break;
      case 'and':
      case 'or':
        node.children.forEach(walk);
        break;
      case 'not':
      case 'filter':
        break;
    }
  };
  walk(tree);
  return [...new Set(terms)].slice(0, MAX_SEARCHES);
}

export function eventOfItem(item: StreamItem, network: 'bluesky' | 'mastodon'): ListeningEvent {
  return {
    source: network,
    remoteId: item.postId ?? item.id,
    url: item.url,
    authorHandle: item.author.handle,
    authorName: item.author.displayName,
    text: item.text,
    urls: item.text.match(LINK) ?? [],
    postedAt: item.createdAt,
  };
}

export interface BackfillResult {
  searched: number;
  found: number;
  stored: number;
  /** Networks whose search failed, with the reason. */
  failures: string[];
}

export async function backfillQuery(
  ctx: CommandContext,
  workspaceId: string,
  queryId: string,
  now = new Date(),
): Promise<BackfillResult | undefined> {
  const db = ctx.database.db;
  const [query] = await db
    .select()
    .from(listeningQueries)
    .where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.id, queryId)));
  if (!query || query.backfilledAt) return undefined;
  const since = now.getTime() - BACKFILL_DAYS * 86_400_000;
  const compiled = compileQueries([{ id: query.id, workspaceId, tree: query.tree }]);
  const accounts = await db
    .select({ id: socialAccounts.id, network: socialAccounts.network })
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.status, 'connected')));
  const result: BackfillResult = { searched: 0, found: 0, stored: 0, failures: [] };
  const terms = searchTermsOf(query.tree);
  for (const network of ['bluesky', 'mastodon'] as const) {
    const account = accounts.find((a) => a.network === network);
    if (!account) continue;
    try {
      const reader = (await openAccountConnection(ctx, account.id)).connection.streams();
      for (const term of terms) {
        result.searched++;
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const found = await reader.search(term, cursor);
          const recent = found.items.filter((item) => Date.parse(item.createdAt) >= since);
          result.found += recent.length;
          const stored = await storeListeningEvents(
            ctx.database,
            compiled,
            recent.map((item) => eventOfItem(item, network)),
            { now },
          );
          result.stored += stored.stored;
          cursor = found.cursor;
          if (!cursor || recent.length < found.items.length) break;
        }
      }
    } catch (err) {
      result.failures.push(`${network}: ${(err as Error).message}`);
    }
  }
  await db.update(listeningQueries).set({ backfilledAt: now }).where(eq(listeningQueries.id, queryId));
  return result;
}

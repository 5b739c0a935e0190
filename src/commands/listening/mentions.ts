// A query's stored mentions, newest first, with filters (sentiment, language, source, words in the
// text, a time range) and paging by id; and the preview of a query being written: what it would have
// matched among the workspace's latest stored mentions.
import { compileMatcher } from '../../core/listening/matcher.ts';
import type { SqlExecutor } from '../../db/database.ts';
import type { ActorContext } from '../context.ts';
import { requireListeningReader } from './listeningAccess.ts';
import { parseQueryText } from './queries.ts';
import { requireQueryOf } from './queryStats.ts';

export interface MentionView {
  id: number;
  queryIds: string[];
  source: 'bluesky' | 'mastodon' | 'rss';
  remoteId: string;
  url: string;
  authorHandle: string;
  authorName: string;
  text: string;
  lang: string;
  sentiment: 'positive' | 'negative' | 'neutral';
  sentimentScore: number;
  hashtags: string[];
  postedAt: Date;
}

export interface MentionFilters {
  sentiment?: 'positive' | 'negative' | 'neutral';
  lang?: string;
  source?: 'bluesky' | 'mastodon' | 'rss';
  /** Words the text contains (case-insensitive). */
  contains?: string;
  from?: Date;
  to?: Date;
  /** The id of the last mention already shown. */
  before?: number;
  limit?: number;
}

const MENTION_COLUMNS = `id, query_ids, source, remote_id, url, author_handle, author_name, text, lang,
  sentiment, sentiment_score, hashtags, posted_at`;

interface MentionRow {
  id: number | string;
  query_ids: string[] | string;
  source: MentionView['source'];
  remote_id: string;
  url: string;
  author_handle: string;
  author_name: string;
  text: string;
  lang: string;
  sentiment: MentionView['sentiment'];
  sentiment_score: number;
  hashtags: string[] | string;
  posted_at: Date | string;
}

// node-postgres leaves arrays of types it does not know (uuid[]) as their text form.
const arrayOf = (value: string[] | string): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)
        .map((s) => s.replace(/^"|"$/g, ''));

export function mentionView(row: MentionRow): MentionView {
  return {
    id: Number(row.id),
    queryIds: arrayOf(row.query_ids),
    source: row.source,
    remoteId: row.remote_id,
    url: row.url,
    authorHandle: row.author_handle,
    authorName: row.author_name,
    text: row.text,
    lang: row.lang,
    sentiment: row.sentiment,
    sentimentScore: Number(row.sentiment_score),
    hashtags: arrayOf(row.hashtags),
    postedAt: new Date(row.posted_at),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listMentions(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
  filters: MentionFilters,
): Promise<{ mentions: MentionView[]; nextCursor: number | null }> {
  await requireQueryOf(ctx, workspaceId, queryId);
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 100);
  const where = ['workspace_id = $1', 'query_ids @> ARRAY[$2::uuid]'];
  const values: unknown[] = [workspaceId, queryId];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replace('?', `$${values.length}`));
  };
  if (filters.sentiment) add('sentiment = ?', filters.sentiment);
  if (filters.lang) add('lang = ?', filters.lang);
  if (filters.source) add('source = ?', filters.source);
  if (filters.contains) add('text ILIKE ?', `%${escapeLike(filters.contains)}%`);
  if (filters.from) add('posted_at >= ?', filters.from.toISOString());
  if (filters.to) add('posted_at < ?', filters.to.toISOString());
  if (filters.before !== undefined) add('id < ?', filters.before);
  values.push(limit + 1);
  const { rows } = await ctx.database.executor.executeSql(
    `SELECT ${MENTION_COLUMNS} FROM listening_mentions WHERE ${where.join(' AND ')}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  const mentions = (rows as MentionRow[]).slice(0, limit).map(mentionView);
  return { mentions, nextCursor: rows.length > limit ? mentions.at(-1)!.id : null };
}

export const PREVIEW_SCAN = 1000;
const PREVIEW_SHOWN = 100;
const LINK = /https?:\/\/[^\s<>"]+/g;

/** What `query` would have matched among the workspace's last 1,000 stored mentions. */
export async function previewQuery(
  ctx: ActorContext,
  workspaceId: string,
  query: string,
): Promise<{ count: number; scanned: number; mentions: MentionView[] }> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const tree = parseQueryText(query);
  const matcher = compileMatcher([{ id: 'preview', tree }]);
  const recent = await latestMentions(ctx.database.executor, workspaceId, PREVIEW_SCAN);
  const matched = recent.filter(
    (m) =>
      matcher.match({
        text: m.text,
        lang: m.lang,
        author: m.authorHandle,
        urls: m.text.match(LINK) ?? [],
        platform: m.source,
        tags: m.hashtags,
      }).length > 0,
  );
  return { count: matched.length, scanned: recent.length, mentions: matched.slice(0, PREVIEW_SHOWN) };
}

async function latestMentions(sql: SqlExecutor, workspaceId: string, limit: number): Promise<MentionView[]> {
  const { rows } = await sql.executeSql(
    `SELECT ${MENTION_COLUMNS} FROM listening_mentions WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return (rows as MentionRow[]).map(mentionView);
}

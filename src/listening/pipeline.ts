// The listening pipeline: a source hands it a batch of posts and its position after them; each post is
// given its language, sentiment and hashtags, matched against every active query of every workspace at
// once, and stored as one mention per workspace whose queries matched (with all of them). In one
// transaction with the source's position, the per-minute counts grow by the mentions actually inserted:
// a batch read again after a restart finds its posts already stored and counts nothing twice.
import type { Database, SqlExecutor } from '../db/database.ts';
import type { BlueskyHandles } from './blueskyHandles.ts';
import { hashtagsOf, languageOf, networkLanguage, type SentimentLabel, sentimentOf } from './enrichEvent.ts';
import type { ListeningBatch, ListeningEvent, ListeningSink } from './listeningEvent.ts';
import type { CompiledQueries, QueryRegistry } from './queryRegistry.ts';

/** A mention row as the insert statement reads it. */
interface MentionRow {
  workspace_id: string;
  query_ids: string[];
  source: ListeningEvent['source'];
  remote_id: string;
  url: string;
  author_handle: string;
  author_name: string;
  text: string;
  lang: string;
  sentiment: SentimentLabel;
  sentiment_score: number;
  hashtags: string[];
  posted_at: string;
}

export interface StoreResult {
  /** Posts some query matched, before removing those already stored. */
  matched: number;
  /** Mentions inserted (one per post and workspace). */
  stored: number;
}

export interface StoreOptions {
  /** The source and its position to record with the mentions. */
  cursor?: { source: string; cursor: string };
  /** Runs inside the transaction after every write and before the commit (tests make it fail there). */
  beforeCommit?: (sql: SqlExecutor) => Promise<void>;
  now?: Date;
  /** Turns the DIDs Bluesky's streams name authors by into handles and names, where it can. */
  blueskyHandles?: BlueskyHandles;
}

// PostgreSQL text and jsonb cannot hold U+0000.
const clean = (s: string | undefined, max: number) => (s ?? '').replaceAll('\u0000', '').slice(0, max);
const FUTURE_SLACK_MS = 5 * 60_000;

/** When the post was made, or now for a missing or far-future time (a client's clock is not ours). */
function postedAtOf(event: ListeningEvent, now: Date): string {
  const at = Date.parse(event.postedAt);
  if (!Number.isFinite(at) || at > now.getTime() + FUTURE_SLACK_MS) return now.toISOString();
  return new Date(at).toISOString();
}

/** Matches and enriches the events: the mention rows to store, one per post and workspace. */
export function mentionRows(
  compiled: CompiledQueries,
  events: ListeningEvent[],
  now = new Date(),
): MentionRow[] {
  const rows: MentionRow[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (!event.remoteId || compiled.size === 0) continue;
    // Detecting a language costs more than matching: do it first only when some query filters on it.
    let lang = compiled.usesLanguage ? languageOf(event) : networkLanguage(event.langs);
    const queryIds = compiled.match({
      text: event.text,
      lang,
      author: event.authorHandle,
      urls: event.urls,
      platform: event.source,
      tags: event.tags,
    });
    if (queryIds.length === 0) continue;
    lang ??= languageOf(event);
    const byWorkspace = new Map<string, string[]>();
    for (const id of queryIds) {
      const workspaceId = compiled.workspaceOf.get(id);
      if (!workspaceId) continue;
      byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), id]);
    }
    const sentiment = sentimentOf(event.text, lang);
    const hashtags = hashtagsOf(event);
    for (const [workspaceId, ids] of byWorkspace) {
      const key = `${workspaceId}\u0000${event.source}\u0000${event.remoteId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        workspace_id: workspaceId,
        query_ids: ids,
        source: event.source,
        remote_id: clean(event.remoteId, 2000),
        url: clean(event.url, 2000),
        author_handle: clean(event.authorHandle, 300),
        author_name: clean(event.authorName, 300),
        text: clean(event.text, 20_000),
        lang,
        sentiment: sentiment.label,
        sentiment_score: sentiment.score,
        hashtags: hashtags.map((t) => clean(t, 100)),
        posted_at: postedAtOf(event, now),
      });
    }
  }
  return rows;
}

// One statement: insert the mentions, skipping posts a workspace already has, then add only the
// inserted ones to their queries' minutes. Rows of a deleted workspace or query are left out rather
// than failing the batch.
const STORE_MENTIONS = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    workspace_id uuid, query_ids uuid[], source text, remote_id text, url text, author_handle text,
    author_name text, text text, lang text, sentiment text, sentiment_score real, hashtags text[],
    posted_at timestamptz, n int)
),
inserted AS (
  INSERT INTO listening_mentions (workspace_id, query_ids, source, remote_id, url, author_handle,
    author_name, text, lang, sentiment, sentiment_score, hashtags, posted_at)
  SELECT i.workspace_id, i.query_ids, i.source, i.remote_id, i.url, i.author_handle, i.author_name,
    i.text, i.lang, i.sentiment, i.sentiment_score, i.hashtags, i.posted_at
  FROM incoming i
  WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = i.workspace_id)
  ORDER BY i.n
  ON CONFLICT (workspace_id, source, remote_id) DO NOTHING
  RETURNING workspace_id, query_ids, sentiment, posted_at
),
per_minute AS (
  SELECT q.query_id, i.workspace_id, date_trunc('minute', i.posted_at, 'UTC') AS minute,
    count(*)::int AS total,
    (count(*) FILTER (WHERE i.sentiment = 'positive'))::int AS positive,
    (count(*) FILTER (WHERE i.sentiment = 'negative'))::int AS negative,
    (count(*) FILTER (WHERE i.sentiment = 'neutral'))::int AS neutral
  FROM inserted i CROSS JOIN LATERAL unnest(i.query_ids) AS q(query_id)
  WHERE EXISTS (SELECT 1 FROM listening_queries lq WHERE lq.id = q.query_id)
  GROUP BY 1, 2, 3
),
counted AS (
  INSERT INTO listening_counts AS c (query_id, workspace_id, minute, total, positive, negative, neutral)
  SELECT query_id, workspace_id, minute, total, positive, negative, neutral FROM per_minute
  ORDER BY query_id, minute
  ON CONFLICT (query_id, minute) DO UPDATE SET
    total = c.total + excluded.total,
    positive = c.positive + excluded.positive,
    negative = c.negative + excluded.negative,
    neutral = c.neutral + excluded.neutral
  RETURNING 1
)
SELECT (SELECT count(*)::int FROM inserted) AS stored`;

const STORE_CURSOR = `
INSERT INTO listening_cursors (source, cursor, updated_at) VALUES ($1, $2, now())
ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`;

/**
 * Puts the handle and display name in place of the DID of each Bluesky author the AppView knows; the
 * others keep their DID (a mention is never held back for a name).
 */
async function nameBlueskyAuthors(rows: MentionRow[], handles: BlueskyHandles): Promise<void> {
  const named = rows.filter((row) => row.source === 'bluesky' && row.author_handle.startsWith('did:'));
  if (named.length === 0) return;
  const profiles = await handles.profilesOf(named.map((row) => row.author_handle));
  for (const row of named) {
    const profile = profiles.get(row.author_handle);
    if (!profile) continue;
    row.author_handle = clean(profile.handle, 300);
    if (row.author_name === '') row.author_name = clean(profile.displayName, 300);
  }
}

/** Stores the events matched by `compiled`, with the source's position, in one transaction. */
export async function storeListeningEvents(
  database: Pick<Database, 'transaction'>,
  compiled: CompiledQueries,
  events: ListeningEvent[],
  options: StoreOptions = {},
): Promise<StoreResult> {
  const rows = mentionRows(compiled, events, options.now);
  if (rows.length === 0 && !options.cursor) return { matched: 0, stored: 0 };
  if (options.blueskyHandles) await nameBlueskyAuthors(rows, options.blueskyHandles);
  return database.transaction(async (_tx, sql) => {
    let stored = 0;
    if (rows.length > 0) {
      // Numbered, so ids follow the order the source read the posts in.
      const numbered = rows.map((row, n) => ({ ...row, n }));
      const { rows: result } = await sql.executeSql(STORE_MENTIONS, [JSON.stringify(numbered)]);
      stored = Number((result[0] as { stored: number }).stored);
    }
    if (options.cursor) await sql.executeSql(STORE_CURSOR, [options.cursor.source, options.cursor.cursor]);
    await options.beforeCommit?.(sql);
    return { matched: rows.length, stored };
  });
}

export interface SinkOptions {
  beforeCommit?: StoreOptions['beforeCommit'];
  blueskyHandles?: BlueskyHandles;
  /** Told after each committed batch. */
  onStored?: (batch: ListeningBatch, result: StoreResult) => void;
}

/** The sink every source writes to: matches each batch against the registry's current queries. */
export function createListeningSink(
  ctx: { database: Pick<Database, 'transaction'> },
  registry: Pick<QueryRegistry, 'current'>,
  options: SinkOptions = {},
): ListeningSink {
  return async (batch) => {
    const compiled = await registry.current();
    const result = await storeListeningEvents(ctx.database, compiled, batch.events, {
      cursor: { source: batch.source, cursor: batch.cursor },
      beforeCommit: options.beforeCommit,
      blueskyHandles: options.blueskyHandles,
    });
    options.onStored?.(batch, result);
  };
}

/** The position a source stored last, to resume after it. */
export async function storedCursor(database: Pick<Database, 'executor'>, source: string) {
  const { rows } = await database.executor.executeSql(
    'SELECT cursor FROM listening_cursors WHERE source = $1',
    [source],
  );
  return (rows[0] as { cursor: string } | undefined)?.cursor;
}

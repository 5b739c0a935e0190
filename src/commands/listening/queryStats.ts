// Statistics of a listening query over a time range: volume and sentiment per minute, hour or day (from
// the per-minute counts), the most active authors, the most used words and hashtags (from the stored
// mentions), and the share of voice of several queries.
import { and, eq, inArray } from 'drizzle-orm';
import { badRequest, notFound } from '../../core/appError.ts';
import { listeningQueries } from '../../db/schema.ts';
import { topTerms } from '../../listening/topTerms.ts';
import type { ActorContext } from '../context.ts';
import { requireListeningReader } from './listeningAccess.ts';

export const INTERVALS = ['minute', 'hour', 'day'] as const;
export type Interval = (typeof INTERVALS)[number];

const INTERVAL_MS: Record<Interval, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MAX_BUCKETS = 5000;
const DAY_MS = 86_400_000;
/** Mentions read for the most used words; the newest ones of the range. */
export const TERM_SAMPLE = 5000;

export interface StatsRange {
  from?: Date;
  to?: Date;
}

/** The range asked for, by default the last 7 days; refuses one that ends before it starts. */
export function resolveRange(range: StatsRange, now = new Date()): { from: Date; to: Date } {
  const to = range.to ?? now;
  const from = range.from ?? new Date(to.getTime() - 7 * DAY_MS);
  if (from.getTime() >= to.getTime())
    throw badRequest('The start of the range must come before its end.', { from: 'Must be before "to".' });
  return { from, to };
}

function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw badRequest(`"${timeZone}" is not a time zone; use a name such as Asia/Dhaka or UTC.`, {
      timeZone: 'Unknown time zone.',
    });
  }
  return timeZone;
}

/** The reader's permission and the query, or 404 when the workspace has no such query. */
export async function requireQueryOf(ctx: ActorContext, workspaceId: string, queryId: string) {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const [row] = await ctx.database.db
    .select({ id: listeningQueries.id, name: listeningQueries.name })
    .from(listeningQueries)
    .where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.id, queryId)));
  if (!row) throw notFound('The listening query');
  return row;
}

export interface TimelineBucket {
  at: Date;
  total: number;
  positive: number;
  negative: number;
  neutral: number;
}

/** Mentions per bucket with their sentiment; buckets without mentions are left out. */
export async function queryTimeline(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
  options: StatsRange & { interval: Interval; timeZone?: string },
): Promise<{ from: Date; to: Date; interval: Interval; buckets: TimelineBucket[] }> {
  await requireQueryOf(ctx, workspaceId, queryId);
  const { from, to } = resolveRange(options);
  const timeZone = checkTimeZone(options.timeZone ?? 'UTC');
  const buckets = Math.ceil((to.getTime() - from.getTime()) / INTERVAL_MS[options.interval]);
  if (buckets > MAX_BUCKETS)
    throw badRequest(
      `That range holds ${buckets} ${options.interval}s; ask for at most ${MAX_BUCKETS} (a longer interval or a shorter range).`,
      { interval: 'Too many buckets for the range.' },
    );
  const { rows } = await ctx.database.executor.executeSql(
    `SELECT date_trunc($4, minute, $5) AS at, sum(total)::int AS total, sum(positive)::int AS positive,
       sum(negative)::int AS negative, sum(neutral)::int AS neutral
     FROM listening_counts
     WHERE query_id = $1 AND workspace_id = $2 AND minute >= date_trunc('minute', $3::timestamptz, 'UTC')
       AND minute < $6
     GROUP BY 1 ORDER BY 1`,
    [queryId, workspaceId, from.toISOString(), options.interval, timeZone, to.toISOString()],
  );
  return {
    from,
    to,
    interval: options.interval,
    buckets: (rows as Record<string, unknown>[]).map((r) => ({
      at: new Date(r.at as string),
      total: Number(r.total),
      positive: Number(r.positive),
      negative: Number(r.negative),
      neutral: Number(r.neutral),
    })),
  };
}

export interface QueryTop {
  from: Date;
  to: Date;
  total: number;
  authors: { handle: string; name: string; count: number }[];
  hashtags: { tag: string; count: number }[];
  terms: { term: string; count: number }[];
  languages: { lang: string; count: number }[];
}

export async function queryTop(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
  options: StatsRange & { limit?: number },
): Promise<QueryTop> {
  await requireQueryOf(ctx, workspaceId, queryId);
  const { from, to } = resolveRange(options);
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 50);
  const sql = ctx.database.executor;
  const scope = `workspace_id = $1 AND query_ids @> ARRAY[$2::uuid] AND posted_at >= $3 AND posted_at < $4`;
  const values = [workspaceId, queryId, from.toISOString(), to.toISOString()];
  const [authors, hashtags, languages, texts, total] = await Promise.all([
    sql.executeSql(
      `SELECT author_handle AS handle, max(author_name) AS name, count(*)::int AS count
       FROM listening_mentions WHERE ${scope} GROUP BY author_handle ORDER BY 3 DESC, 1 LIMIT $5`,
      [...values, limit],
    ),
    sql.executeSql(
      `SELECT tag, count(*)::int AS count FROM listening_mentions, unnest(hashtags) AS tag
       WHERE ${scope} GROUP BY tag ORDER BY 2 DESC, 1 LIMIT $5`,
      [...values, limit],
    ),
    sql.executeSql(
      `SELECT lang, count(*)::int AS count FROM listening_mentions WHERE ${scope}
       GROUP BY lang ORDER BY 2 DESC, 1 LIMIT $5`,
      [...values, limit],
    ),
    sql.executeSql(`SELECT text FROM listening_mentions WHERE ${scope} ORDER BY posted_at DESC LIMIT $5`, [
      ...values,
      TERM_SAMPLE,
    ]),
    sql.executeSql(`SELECT count(*)::int AS n FROM listening_mentions WHERE ${scope}`, values),
  ]);
  return {
    from,
    to,
    total: Number((total.rows[0] as { n: number }).n),
    authors: (authors.rows as { handle: string; name: string | null; count: number }[]).map((r) => ({
      handle: r.handle,
      name: r.name ?? '',
      count: Number(r.count),
    })),
    hashtags: (hashtags.rows as { tag: string; count: number }[]).map((r) => ({
      tag: r.tag,
      count: Number(r.count),
    })),
    languages: (languages.rows as { lang: string; count: number }[]).map((r) => ({
      lang: r.lang,
      count: Number(r.count),
    })),
    terms: topTerms(
      (texts.rows as { text: string }[]).map((r) => r.text),
      limit,
    ),
  };
}

export interface ShareOfVoice {
  from: Date;
  to: Date;
  total: number;
  queries: { queryId: string; name: string; total: number; share: number }[];
}

/** Mentions of each query over the range and its share of them all. */
export async function shareOfVoice(
  ctx: ActorContext,
  workspaceId: string,
  queryIds: string[],
  range: StatsRange,
): Promise<ShareOfVoice> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const { from, to } = resolveRange(range);
  const ids = [...new Set(queryIds)];
  const found = await ctx.database.db
    .select({ id: listeningQueries.id, name: listeningQueries.name })
    .from(listeningQueries)
    .where(and(eq(listeningQueries.workspaceId, workspaceId), inArray(listeningQueries.id, ids)));
  if (found.length !== ids.length) throw notFound('One of the listening queries');
  const { rows } = await ctx.database.executor.executeSql(
    `SELECT query_id, sum(total)::int AS total FROM listening_counts
     WHERE workspace_id = $1 AND query_id = ANY($2::uuid[])
       AND minute >= date_trunc('minute', $3::timestamptz, 'UTC') AND minute < $4
     GROUP BY query_id`,
    [workspaceId, `{${ids.join(',')}}`, from.toISOString(), to.toISOString()],
  );
  const totals = new Map(
    (rows as { query_id: string; total: number }[]).map((r) => [r.query_id, Number(r.total)]),
  );
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const byId = new Map(found.map((q) => [q.id, q.name]));
  return {
    from,
    to,
    total: all,
    queries: ids.map((id) => {
      const total = totals.get(id) ?? 0;
      return { queryId: id, name: byId.get(id)!, total, share: all === 0 ? 0 : total / all };
    }),
  };
}

// A workspace's listening queries: list, read, create, change and delete. The query text is parsed on
// save, so a mistake is answered with the parser's sentence and column and nothing is stored. A new
// query starts a background backfill of the last days from the networks' search; every change reaches
// the ingest workers' matcher at once in this process and within seconds in others.
import { and, asc, count, eq } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../core/appError.ts';
import { type QueryNode, QuerySyntaxError } from '../../core/listening/queryAst.ts';
import { parseQuery } from '../../core/listening/queryParser.ts';
import type { Queryable } from '../../db/database.ts';
import { listeningQueries } from '../../db/schema.ts';
import { LISTENING_BACKFILL, type ListeningBackfillJob } from '../../jobs/listeningBackfillJob.ts';
import { invalidateListeningQueries } from '../../listening/queryRegistry.ts';
import { checkOutboundUrl, OutboundUrlError } from '../../networks/outboundUrl.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requireListeningEditor, requireListeningReader } from './listeningAccess.ts';

export const MAX_QUERIES_PER_WORKSPACE = 50;
export const MAX_MASTODON_INSTANCES = 10;
export const MAX_FEED_URLS = 20;

export interface ListeningQueryInput {
  name: string;
  query: string;
  active?: boolean;
  ownBrand?: boolean;
  mastodonInstances?: string[];
  feedUrls?: string[];
  spikeSigma?: number;
  spikeMinCount?: number;
  negativeJumpPoints?: number;
  alertCooldownMinutes?: number;
  alertEmail?: boolean;
}

export interface ListeningQueryView {
  id: string;
  name: string;
  query: string;
  active: boolean;
  ownBrand: boolean;
  mastodonInstances: string[];
  feedUrls: string[];
  spikeSigma: number;
  spikeMinCount: number;
  negativeJumpPoints: number;
  alertCooldownMinutes: number;
  alertEmail: boolean;
  backfilledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type QueryRow = typeof listeningQueries.$inferSelect;

export function queryView(row: QueryRow): ListeningQueryView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    active: row.active,
    ownBrand: row.ownBrand,
    mastodonInstances: row.mastodonInstances,
    feedUrls: row.feedUrls,
    spikeSigma: row.spikeSigma,
    spikeMinCount: row.spikeMinCount,
    negativeJumpPoints: row.negativeJumpPoints,
    alertCooldownMinutes: row.alertCooldownMinutes,
    alertEmail: row.alertEmail,
    backfilledAt: row.backfilledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The tree of a query's text, or 400 with the parser's sentence and column under `fields.query`. */
export function parseQueryText(text: string): QueryNode {
  try {
    return parseQuery(text);
  } catch (err) {
    if (!(err instanceof QuerySyntaxError)) throw err;
    throw badRequest(`The query cannot be read: ${err.message}`, {
      query: `${err.message} (column ${err.column})`,
      queryColumn: String(err.column),
    });
  }
}

async function checkedUrls(
  ctx: ActorContext,
  urls: string[],
  field: 'mastodonInstances' | 'feedUrls',
): Promise<string[]> {
  const what = field === 'mastodonInstances' ? 'The Mastodon instance' : 'The feed address';
  const checked: string[] = [];
  for (const [index, input] of urls.entries()) {
    try {
      const url = await checkOutboundUrl(input, { allowPrivate: ctx.config.allowPrivateFetch }, what);
      // An instance is a server: keep only its origin. A feed keeps its whole address.
      checked.push(field === 'mastodonInstances' ? url.origin : url.toString());
    } catch (err) {
      if (err instanceof OutboundUrlError)
        throw badRequest(err.message, { [`${field}.${index}`]: err.message });
      throw err;
    }
  }
  return [...new Set(checked)];
}

async function findQuery(q: Queryable, workspaceId: string, queryId: string): Promise<QueryRow> {
  const [row] = await q
    .select()
    .from(listeningQueries)
    .where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.id, queryId)));
  if (!row) throw notFound('The listening query');
  return row;
}

export async function listListeningQueries(
  ctx: ActorContext,
  workspaceId: string,
): Promise<ListeningQueryView[]> {
  const db = ctx.database.db;
  await requireListeningReader(db, workspaceId, ctx.actorId);
  const rows = await db
    .select()
    .from(listeningQueries)
    .where(eq(listeningQueries.workspaceId, workspaceId))
    .orderBy(asc(listeningQueries.createdAt), asc(listeningQueries.id));
  return rows.map(queryView);
}

export async function getListeningQuery(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
): Promise<ListeningQueryView> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  return queryView(await findQuery(ctx.database.db, workspaceId, queryId));
}

export async function createListeningQuery(
  ctx: ActorContext,
  workspaceId: string,
  input: ListeningQueryInput,
): Promise<ListeningQueryView> {
  await requireListeningEditor(ctx.database.db, workspaceId, ctx.actorId);
  const tree = parseQueryText(input.query);
  const mastodonInstances = await checkedUrls(ctx, input.mastodonInstances ?? [], 'mastodonInstances');
  const feedUrls = await checkedUrls(ctx, input.feedUrls ?? [], 'feedUrls');
  await ctx.jobs.prepare(LISTENING_BACKFILL);
  const created = await ctx.database.transaction(async (tx, raw) => {
    await requireListeningEditor(tx, workspaceId, ctx.actorId);
    // Two creations at the same moment are counted one after the other.
    await raw.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [`listening-queries:${workspaceId}`]);
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(listeningQueries)
      .where(eq(listeningQueries.workspaceId, workspaceId))) as [{ n: number }];
    if (n >= MAX_QUERIES_PER_WORKSPACE)
      throw conflict(
        `A workspace can have at most ${MAX_QUERIES_PER_WORKSPACE} listening queries; delete one you no longer need first.`,
      );
    const [row] = await tx
      .insert(listeningQueries)
      .values({
        workspaceId,
        name: input.name,
        query: input.query,
        tree,
        active: input.active ?? true,
        ownBrand: input.ownBrand ?? false,
        mastodonInstances,
        feedUrls,
        spikeSigma: input.spikeSigma,
        spikeMinCount: input.spikeMinCount,
        negativeJumpPoints: input.negativeJumpPoints,
        alertCooldownMinutes: input.alertCooldownMinutes,
        alertEmail: input.alertEmail,
        createdBy: ctx.actorId,
      })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'listening_query.create',
      targetType: 'listening_query',
      targetId: row!.id,
      after: { name: row!.name, query: row!.query },
    });
    await ctx.jobs.send<ListeningBackfillJob>(
      LISTENING_BACKFILL,
      { workspaceId, queryId: row!.id },
      { in: raw },
    );
    return row!;
  });
  invalidateListeningQueries();
  return queryView(created);
}

export async function updateListeningQuery(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
  input: Partial<ListeningQueryInput>,
): Promise<ListeningQueryView> {
  await requireListeningEditor(ctx.database.db, workspaceId, ctx.actorId);
  const tree = input.query === undefined ? undefined : parseQueryText(input.query);
  const mastodonInstances =
    input.mastodonInstances && (await checkedUrls(ctx, input.mastodonInstances, 'mastodonInstances'));
  const feedUrls = input.feedUrls && (await checkedUrls(ctx, input.feedUrls, 'feedUrls'));
  const updated = await ctx.database.transaction(async (tx) => {
    await requireListeningEditor(tx, workspaceId, ctx.actorId);
    const before = await findQuery(tx, workspaceId, queryId);
    const [row] = await tx
      .update(listeningQueries)
      .set({
        name: input.name,
        query: input.query,
        tree,
        active: input.active,
        ownBrand: input.ownBrand,
        mastodonInstances,
        feedUrls,
        spikeSigma: input.spikeSigma,
        spikeMinCount: input.spikeMinCount,
        negativeJumpPoints: input.negativeJumpPoints,
        alertCooldownMinutes: input.alertCooldownMinutes,
        alertEmail: input.alertEmail,
        updatedAt: new Date(),
      })
      .where(eq(listeningQueries.id, queryId))
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'listening_query.update',
      targetType: 'listening_query',
      targetId: queryId,
      before: { name: before.name, query: before.query, active: before.active },
      after: { name: row!.name, query: row!.query, active: row!.active },
    });
    return row!;
  });
  invalidateListeningQueries();
  return queryView(updated);
}

/** Deletes the query with its counts and alerts; its mentions stay while other queries share them. */
export async function deleteListeningQuery(
  ctx: ActorContext,
  workspaceId: string,
  queryId: string,
): Promise<void> {
  await ctx.database.transaction(async (tx, raw) => {
    await requireListeningEditor(tx, workspaceId, ctx.actorId);
    const before = await findQuery(tx, workspaceId, queryId);
    await tx.delete(listeningQueries).where(eq(listeningQueries.id, queryId));
    // Mentions only this query found go with it; shared ones forget it.
    await raw.executeSql(
      `DELETE FROM listening_mentions WHERE workspace_id = $1 AND query_ids = ARRAY[$2::uuid]`,
      [workspaceId, queryId],
    );
    await raw.executeSql(
      `UPDATE listening_mentions SET query_ids = array_remove(query_ids, $2::uuid)
       WHERE workspace_id = $1 AND query_ids @> ARRAY[$2::uuid]`,
      [workspaceId, queryId],
    );
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'listening_query.delete',
      targetType: 'listening_query',
      targetId: queryId,
      before: { name: before.name, query: before.query },
    });
  });
  invalidateListeningQueries();
}

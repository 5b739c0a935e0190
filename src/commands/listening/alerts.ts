// A workspace's listening alerts, newest first, and marking them read. An alert about the workspace's
// own brand suggests crisis mode.

import { notFound } from '../../core/appError.ts';
import type { ActorContext } from '../context.ts';
import { requireListeningReader } from './listeningAccess.ts';

export interface AlertView {
  id: string;
  queryId: string;
  queryName: string;
  kind: 'volume' | 'negative';
  windowStart: Date;
  windowEnd: Date;
  count: number;
  mean: number;
  stdDev: number;
  negativeShare: number | null;
  baselineShare: number | null;
  read: boolean;
  createdAt: Date;
  /** The query is the workspace's own brand: offer to start crisis mode. */
  suggestCrisisMode: boolean;
}

interface AlertRow {
  id: string;
  query_id: string;
  query_name: string;
  own_brand: boolean;
  kind: AlertView['kind'];
  window_start: string | Date;
  window_end: string | Date;
  detail:
    | { count: number; mean: number; stdDev: number; negativeShare?: number; baselineShare?: number }
    | string;
  read_at: string | Date | null;
  created_at: string | Date;
}

function alertView(row: AlertRow): AlertView {
  const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
  return {
    id: row.id,
    queryId: row.query_id,
    queryName: row.query_name,
    kind: row.kind,
    windowStart: new Date(row.window_start),
    windowEnd: new Date(row.window_end),
    count: Number(detail.count),
    mean: Number(detail.mean),
    stdDev: Number(detail.stdDev),
    negativeShare: detail.negativeShare ?? null,
    baselineShare: detail.baselineShare ?? null,
    read: row.read_at !== null,
    createdAt: new Date(row.created_at),
    suggestCrisisMode: row.own_brand,
  };
}

export async function listAlerts(
  ctx: ActorContext,
  workspaceId: string,
  options: { unread?: boolean; queryId?: string; limit?: number },
): Promise<{ alerts: AlertView[]; unread: number }> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const where = ['a.workspace_id = $1'];
  const values: unknown[] = [workspaceId];
  if (options.unread) where.push('a.read_at IS NULL');
  if (options.queryId) {
    values.push(options.queryId);
    where.push(`a.query_id = $${values.length}`);
  }
  values.push(limit);
  const sql = ctx.database.executor;
  const [{ rows }, unread] = await Promise.all([
    sql.executeSql(
      `SELECT a.id, a.query_id, q.name AS query_name, q.own_brand, a.kind, a.window_start, a.window_end,
         a.detail, a.read_at, a.created_at
       FROM listening_alerts a JOIN listening_queries q ON q.id = a.query_id
       WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id LIMIT $${values.length}`,
      values,
    ),
    sql.executeSql(
      'SELECT count(*)::int AS n FROM listening_alerts WHERE workspace_id = $1 AND read_at IS NULL',
      [workspaceId],
    ),
  ]);
  return { alerts: (rows as AlertRow[]).map(alertView), unread: Number((unread.rows[0] as { n: number }).n) };
}

export async function markAlertRead(ctx: ActorContext, workspaceId: string, alertId: string): Promise<void> {
  await requireListeningReader(ctx.database.db, workspaceId, ctx.actorId);
  const { rows } = await ctx.database.executor.executeSql(
    `UPDATE listening_alerts SET read_at = coalesce(read_at, now()) WHERE workspace_id = $1 AND id = $2
     RETURNING id`,
    [workspaceId, alertId],
  );
  if (rows.length === 0) throw notFound('The alert');
}

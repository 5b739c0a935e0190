// Reads a workspace's audit trail for owners and admins: filtered by action, actor, target and time,
// newest first a page at a time, or all of it as CSV.
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { auditEvents, users } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { auditCsvHeader, auditCsvLine } from './auditCsv.ts';

export interface AuditFilter {
  /** Exactly this action, such as `post.deleted`. */
  action?: string;
  /** Actions starting with this, such as `post.` or `account`. */
  actionPrefix?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** From this instant, inclusive. */
  from?: Date;
  /** Up to this instant, exclusive. */
  to?: Date;
}

export interface AuditEventView {
  id: number;
  at: Date;
  actor: { userId: string; name: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

function conditions(workspaceId: string, filter: AuditFilter, beforeId?: number) {
  return and(
    eq(auditEvents.workspaceId, workspaceId),
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.actionPrefix
      ? sql`left(${auditEvents.action}, ${filter.actionPrefix.length}) = ${filter.actionPrefix}`
      : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.to ? lt(auditEvents.at, filter.to) : undefined,
    beforeId === undefined ? undefined : lt(auditEvents.id, beforeId),
  );
}

// Ids grow in the order events were written, so they order the trail and serve as the cursor.
async function page(
  q: Queryable,
  workspaceId: string,
  filter: AuditFilter,
  beforeId: number | undefined,
  limit: number,
) {
  return q
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(conditions(workspaceId, filter, beforeId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

export async function listAuditEvents(
  ctx: ActorContext,
  workspaceId: string,
  filter: AuditFilter,
  paging: { before?: number; limit?: number } = {},
): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'audit.read');
  const limit = paging.limit ?? 50;
  const rows = await page(db, workspaceId, filter, paging.before, limit + 1);
  const shown = rows.slice(0, limit);
  return {
    events: shown.map((row) => ({
      id: row.id,
      at: row.at,
      actor:
        row.actorId && row.actorName !== null
          ? { userId: row.actorId, name: row.actorName, email: row.actorEmail ?? '' }
          : null,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > limit ? (shown.at(-1)?.id ?? null) : null,
  };
}

const EXPORT_BATCH = 500;

/**
 * The filtered trail as CSV, newest first, read in batches so a long trail is never held whole. The
 * permission is checked before the first line, so a refusal is still a proper error answer.
 */
export async function exportAuditCsv(
  ctx: ActorContext,
  workspaceId: string,
  filter: AuditFilter,
): Promise<AsyncIterable<string>> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'audit.read');
  return (async function* lines() {
    yield auditCsvHeader();
    let before: number | undefined;
    for (;;) {
      const rows = await page(db, workspaceId, filter, before, EXPORT_BATCH);
      let chunk = '';
      for (const row of rows) chunk += auditCsvLine(row);
      if (chunk) yield chunk;
      if (rows.length < EXPORT_BATCH) return;
      before = rows.at(-1)!.id;
    }
  })();
}

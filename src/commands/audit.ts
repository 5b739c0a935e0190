// Writes an audit event inside the caller's transaction, so the trail and the change commit together.
import type { Queryable } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';

export interface AuditEvent {
  workspaceId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(q: Queryable, event: AuditEvent): Promise<void> {
  await q.insert(auditEvents).values({ ...event, before: event.before ?? null, after: event.after ?? null });
}

// The signed-in person's own notifications in a workspace (the bell): newest first, the unread count,
// and marking them read. Nobody sees or touches anyone else's: another person's notification is "not found".
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import { notifications } from '../../db/schema.ts';
import type { NotificationKind } from '../../db/teamSchema.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { decodeCursor, encodeCursor, keysetTime } from './pageCursor.ts';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

export async function listNotifications(
  ctx: ActorContext,
  workspaceId: string,
  page: { before?: string; limit?: number; unread?: boolean } = {},
): Promise<{ notifications: NotificationView[]; nextCursor: string | null }> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const limit = page.limit ?? 20;
  const before = page.before === undefined ? undefined : decodeCursor(page.before);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      cursorTime: keysetTime(notifications.createdAt),
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, ctx.actorId),
        page.unread ? isNull(notifications.readAt) : undefined,
        before
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (${before.time}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    notifications: shown.map(({ cursorTime: _cursorTime, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorTime, last.id) : null,
  };
}

export async function unreadNotificationCount(ctx: ActorContext, workspaceId: string): Promise<number> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, ctx.actorId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks one of the person's notifications read; reading it again keeps the first time. */
export async function markNotificationRead(
  ctx: ActorContext,
  notificationId: string,
): Promise<{ id: string; readAt: Date }> {
  const { db } = ctx.database;
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, ctx.actorId)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  if (!row?.readAt) throw notFound('The notification');
  return { id: row.id, readAt: row.readAt };
}

/** Marks every unread notification of the person in this workspace read; returns how many. */
export async function markAllNotificationsRead(ctx: ActorContext, workspaceId: string): Promise<number> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, ctx.actorId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

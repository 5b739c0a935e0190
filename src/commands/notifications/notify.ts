// Notifies teammates: an in-app notification for each (the bell) and an email in their language,
// both written in the caller's transaction, so a notification exists exactly when its cause committed.
import { and, eq, inArray } from 'drizzle-orm';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import { memberships, notifications, users, workspaces } from '../../db/schema.ts';
import type { NotificationKind } from '../../db/teamSchema.ts';
import type { JobQueue } from '../../jobs/jobQueue.ts';
import { SEND_MAIL } from '../../jobs/sendMailJob.ts';
import { type NotificationData, notificationMail } from '../../mail/notificationMail.ts';
import type { CommandContext } from '../context.ts';

export interface Notice<K extends NotificationKind = NotificationKind> {
  workspaceId: string;
  /** Who to tell; people no longer in the workspace, and the actor, are left out. */
  userIds: readonly string[];
  kind: K;
  data: NotificationData[K];
  /** A path inside the web app, such as `/w/<workspace>/publisher?post=<id>`. */
  link: string;
  /** The person whose action caused it: never told about their own action. */
  actorId?: string | null;
}

/** Creates the mail queue; call it before a transaction that notifies (the embedded engine needs that). */
export function prepareNotify(jobs: JobQueue): Promise<void> {
  return jobs.prepare(SEND_MAIL);
}

/** Writes the notifications and enqueues their emails in the caller's transaction. Returns who was told. */
export async function notify<K extends NotificationKind>(
  ctx: Pick<CommandContext, 'jobs' | 'config'>,
  tx: Tx,
  sql: SqlExecutor,
  notice: Notice<K>,
): Promise<string[]> {
  const wanted = [...new Set(notice.userIds)].filter((id) => id !== notice.actorId);
  if (wanted.length === 0) return [];
  const people = await tx
    .select({ id: users.id, email: users.email, locale: users.locale, workspaceName: workspaces.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, notice.workspaceId), inArray(memberships.userId, wanted)));
  if (people.length === 0) return [];
  await tx.insert(notifications).values(
    people.map((person) => ({
      workspaceId: notice.workspaceId,
      userId: person.id,
      kind: notice.kind,
      data: notice.data as unknown as Record<string, unknown>,
      link: notice.link,
    })),
  );
  const absolute = new URL(notice.link, ctx.config.publicUrl).toString();
  for (const person of people) {
    const mail = notificationMail(
      person.email,
      person.workspaceName,
      notice.kind,
      notice.data,
      absolute,
      person.locale === 'bn' ? 'bn' : 'en',
    );
    await ctx.jobs.send(SEND_MAIL, mail, { in: sql });
  }
  return people.map((person) => person.id);
}

/** Members of the workspace with one of the given roles (for "tell every admin"). */
export async function membersWithRoles(
  tx: Tx,
  workspaceId: string,
  roles: readonly ('owner' | 'admin' | 'editor' | 'contributor' | 'viewer')[],
): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, [...roles])));
  return rows.map((row) => row.userId);
}

// Comments and internal notes on a post or an inbox item. Members read them; contributors and up write
// them. Authors edit and delete their own; owners and admins may delete anyone's. Mentioned teammates are
// notified (in the app and by email) in the same transaction as the comment, with its audit event.
import { and, asc, sql as dsql, eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../core/appError.ts';
import { can, outranksOrEquals, type Role } from '../../core/roles.ts';
import type { Queryable, Tx } from '../../db/database.ts';
import { comments, inboxItems, memberships, posts, users } from '../../db/schema.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { notify, prepareNotify } from '../notifications/notify.ts';
import { decodeCursor, encodeCursor, keysetTime } from '../notifications/pageCursor.ts';
import { memberRole, requirePermission } from '../workspaceAccess.ts';
import { type MentionableMember, plainMentions, resolveMentions } from './commentMentions.ts';

export type CommentSubjectType = 'post' | 'inbox_item';

export interface CommentSubject {
  subjectType: CommentSubjectType;
  subjectId: string;
}

export interface CommentView {
  id: string;
  subjectType: CommentSubjectType;
  subjectId: string;
  author: { userId: string; name: string } | null;
  body: string;
  mentions: { userId: string; name: string }[];
  createdAt: Date;
  editedAt: Date | null;
}

const PAGE = 100;

/** 404 unless the post or inbox item exists in this workspace. */
async function requireSubject(q: Queryable, workspaceId: string, subject: CommentSubject): Promise<void> {
  const table = subject.subjectType === 'post' ? posts : inboxItems;
  const [row] = await q
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, subject.subjectId), eq(table.workspaceId, workspaceId)));
  if (!row) throw notFound(subject.subjectType === 'post' ? 'The post' : 'The inbox item');
}

async function workspaceMembers(q: Queryable, workspaceId: string): Promise<MentionableMember[]> {
  return q
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
}

function subjectLink(workspaceId: string, subject: CommentSubject): string {
  const ws = encodeURIComponent(workspaceId);
  return subject.subjectType === 'post'
    ? `/w/${ws}/publisher?post=${encodeURIComponent(subject.subjectId)}`
    : `/w/${ws}/inbox?item=${encodeURIComponent(subject.subjectId)}`;
}

const commentColumns = {
  id: comments.id,
  workspaceId: comments.workspaceId,
  subjectType: comments.subjectType,
  subjectId: comments.subjectId,
  authorId: comments.authorId,
  authorName: users.name,
  body: comments.body,
  mentions: comments.mentions,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  cursorTime: keysetTime(comments.createdAt),
};

type CommentRow = {
  id: string;
  subjectType: CommentSubjectType;
  subjectId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  mentions: string[];
  createdAt: Date;
  editedAt: Date | null;
};

async function present(q: Queryable, workspaceId: string, rows: CommentRow[]): Promise<CommentView[]> {
  const names = new Map((await workspaceMembers(q, workspaceId)).map((m) => [m.userId, m.name]));
  return rows.map((row) => ({
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    author: row.authorId ? { userId: row.authorId, name: row.authorName ?? '' } : null,
    body: row.body,
    // Someone who left the workspace is still shown by the name in the body, but not offered as a link.
    mentions: row.mentions.flatMap((userId) => {
      const name = names.get(userId);
      return name === undefined ? [] : [{ userId, name }];
    }),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  }));
}

/** The thread, oldest first, a page at a time. */
export async function listComments(
  ctx: ActorContext,
  workspaceId: string,
  subject: CommentSubject,
  page: { after?: string; limit?: number } = {},
): Promise<{ comments: CommentView[]; nextCursor: string | null }> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  await requireSubject(db, workspaceId, subject);
  const limit = page.limit ?? PAGE;
  const after = page.after === undefined ? undefined : decodeCursor(page.after);
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.subjectType, subject.subjectType),
        eq(comments.subjectId, subject.subjectId),
        after
          ? dsql`(${comments.createdAt}, ${comments.id}) > (${after.time}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const lastRow = shown.at(-1);
  return {
    comments: await present(db, workspaceId, shown),
    nextCursor: more && lastRow ? encodeCursor(lastRow.cursorTime, lastRow.id) : null,
  };
}

async function tellMentioned(
  ctx: ActorContext,
  tx: Tx,
  sql: Parameters<typeof notify>[2],
  workspaceId: string,
  subject: CommentSubject,
  userIds: string[],
  body: string,
): Promise<void> {
  if (userIds.length === 0) return;
  const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actorId));
  await notify(ctx, tx, sql, {
    workspaceId,
    userIds,
    kind: 'comment_mention',
    data: { authorName: author?.name ?? '', body: excerpt(plainMentions(body)) },
    link: subjectLink(workspaceId, subject),
    actorId: ctx.actorId,
  });
}

async function commentView(tx: Tx, workspaceId: string, commentId: string): Promise<CommentView> {
  const rows = await tx
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, commentId));
  return (await present(tx, workspaceId, rows))[0]!;
}

export async function addComment(
  ctx: ActorContext,
  workspaceId: string,
  input: CommentSubject & { body: string },
): Promise<CommentView> {
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'comments.write');
    await requireSubject(tx, workspaceId, input);
    const resolved = resolveMentions(input.body, await workspaceMembers(tx, workspaceId));
    const [row] = await tx
      .insert(comments)
      .values({
        workspaceId,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        authorId: ctx.actorId,
        body: resolved.body,
        mentions: resolved.userIds,
      })
      .returning({ id: comments.id });
    await tellMentioned(ctx, tx, sql, workspaceId, input, resolved.userIds, resolved.body);
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'comment.created',
      targetType: 'comment',
      targetId: row!.id,
      after: {
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        body: resolved.body,
        mentions: resolved.userIds,
      },
    });
    return commentView(tx, workspaceId, row!.id);
  });
}

/** Locks the comment and returns it with the actor's role; 404 for people outside its workspace. */
async function lockComment(tx: Tx, actorId: string, commentId: string) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for('update');
  const role: Role | undefined = comment ? await memberRole(tx, comment.workspaceId, actorId) : undefined;
  if (!comment || !role) throw notFound('The comment');
  return { comment, role };
}

export async function editComment(
  ctx: ActorContext,
  commentId: string,
  input: { body: string },
): Promise<CommentView> {
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const { comment, role } = await lockComment(tx, ctx.actorId, commentId);
    if (!can(role, 'comments.write')) throw forbidden('Viewers cannot comment.');
    if (comment.authorId !== ctx.actorId) throw forbidden('You can edit only your own comments.');
    const resolved = resolveMentions(input.body, await workspaceMembers(tx, comment.workspaceId));
    if (resolved.body === comment.body) return commentView(tx, comment.workspaceId, commentId);
    await tx
      .update(comments)
      .set({ body: resolved.body, mentions: resolved.userIds, editedAt: new Date() })
      .where(eq(comments.id, commentId));
    // Only people the edit newly names hear about it.
    const added = resolved.userIds.filter((id) => !comment.mentions.includes(id));
    await tellMentioned(ctx, tx, sql, comment.workspaceId, comment, added, resolved.body);
    await recordAudit(tx, {
      workspaceId: comment.workspaceId,
      actorId: ctx.actorId,
      action: 'comment.edited',
      targetType: 'comment',
      targetId: commentId,
      before: { body: comment.body, mentions: comment.mentions },
      after: { body: resolved.body, mentions: resolved.userIds },
    });
    return commentView(tx, comment.workspaceId, commentId);
  });
}

export async function deleteComment(ctx: ActorContext, commentId: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const { comment, role } = await lockComment(tx, ctx.actorId, commentId);
    if (!can(role, 'comments.write')) throw forbidden('Viewers cannot comment.');
    if (comment.authorId !== ctx.actorId && !outranksOrEquals(role, 'admin')) {
      throw forbidden('You can delete only your own comments. Owners and admins can delete any.');
    }
    await tx.delete(comments).where(eq(comments.id, commentId));
    await recordAudit(tx, {
      workspaceId: comment.workspaceId,
      actorId: ctx.actorId,
      action: 'comment.deleted',
      targetType: 'comment',
      targetId: commentId,
      before: {
        subjectType: comment.subjectType,
        subjectId: comment.subjectId,
        authorId: comment.authorId,
        body: comment.body,
      },
    });
  });
}

// The planner's view: posts with targets due (or published) in a time range, filtered by status,
// account and tag. One query for the targets, then grouped by post. Also one post on its own.
import { and, asc, sql as dsql, eq, gte, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { posts, postTargets, socialAccounts, type TargetMedia } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { memberRole, requirePermission } from '../workspaceAccess.ts';

export interface ListPostsFilter {
  from: Date;
  to: Date;
  status?: TargetStatus[];
  accountIds?: string[];
  tag?: string;
}

export interface PlannedTarget {
  id: string;
  accountId: string;
  handle: string;
  network: string;
  text: string;
  media: TargetMedia[];
  threadPosition: number;
  replyToTargetId: string | null;
  status: TargetStatus;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  remoteUrl: string | null;
  lastError: string | null;
  attempts: number;
  version: number;
}

export interface PlannedPost {
  id: string;
  text: string;
  tags: string[];
  authorId: string | null;
  targets: PlannedTarget[];
}

export async function listPosts(
  ctx: ActorContext,
  workspaceId: string,
  filter: ListPostsFilter,
): Promise<PlannedPost[]> {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  // A published target sits in the planner at the time it went out; the rest at their planned time.
  const shownAt = dsql`coalesce(${postTargets.publishedAt}, ${postTargets.scheduledAt})`;
  const rows = await plannedRows(db)
    .where(
      and(
        eq(postTargets.workspaceId, workspaceId),
        or(
          and(gte(postTargets.scheduledAt, filter.from), lt(postTargets.scheduledAt, filter.to)),
          and(gte(postTargets.publishedAt, filter.from), lt(postTargets.publishedAt, filter.to)),
          // A draft without a time belongs to no range: it is listed with every one.
          and(isNull(postTargets.scheduledAt), isNull(postTargets.publishedAt)),
        ),
        // Deleted posts are left out unless asked for by name.
        filter.status?.length
          ? inArray(postTargets.status, filter.status)
          : ne(postTargets.status, 'cancelled'),
        filter.accountIds?.length ? inArray(postTargets.accountId, filter.accountIds) : undefined,
        filter.tag ? dsql`${posts.tags} @> ${JSON.stringify([filter.tag])}::jsonb` : undefined,
      ),
    )
    .orderBy(asc(shownAt), asc(postTargets.postId), asc(postTargets.threadPosition));

  return groupByPost(rows);
}

/**
 * One post as the planner shows it, with every account's copy that is not deleted; 404 for people
 * outside its workspace and for a deleted post. A notification's link opens the planner at it.
 */
export async function getPost(ctx: ActorContext, postId: string): Promise<PlannedPost> {
  const { db } = ctx.database;
  const [post] = await db.select({ workspaceId: posts.workspaceId }).from(posts).where(eq(posts.id, postId));
  if (!post || !(await memberRole(db, post.workspaceId, ctx.actorId))) throw notFound('The post');
  await requirePermission(db, post.workspaceId, ctx.actorId, 'workspace.read');
  const rows = await plannedRows(db)
    .where(and(eq(postTargets.postId, postId), ne(postTargets.status, 'cancelled')))
    .orderBy(asc(postTargets.accountId), asc(postTargets.threadPosition));
  const [found] = groupByPost(rows);
  if (!found) throw notFound('The post');
  return found;
}

function plannedRows(db: ActorContext['database']['db']) {
  return db
    .select({
      postId: posts.id,
      postText: posts.text,
      tags: posts.tags,
      authorId: posts.authorId,
      target: postTargets,
      handle: socialAccounts.handle,
      network: socialAccounts.network,
    })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
    .$dynamic();
}

type PlannedRow = Awaited<ReturnType<ReturnType<typeof plannedRows>['execute']>>[number];

function groupByPost(rows: PlannedRow[]): PlannedPost[] {
  const byPost = new Map<string, PlannedPost>();
  for (const row of rows) {
    let post = byPost.get(row.postId);
    if (!post) {
      post = { id: row.postId, text: row.postText, tags: row.tags, authorId: row.authorId, targets: [] };
      byPost.set(row.postId, post);
    }
    const t = row.target;
    post.targets.push({
      id: t.id,
      accountId: t.accountId,
      handle: row.handle,
      network: row.network,
      text: t.text,
      media: t.media,
      threadPosition: t.threadPosition,
      replyToTargetId: t.replyToTargetId,
      status: t.status,
      scheduledAt: t.scheduledAt,
      publishedAt: t.publishedAt,
      remoteUrl: t.remoteUrl,
      lastError: t.lastError,
      attempts: t.attempts,
      version: t.version,
    });
  }
  return [...byPost.values()];
}

// The planner's view: posts with targets due (or published) in a time range, filtered by status,
// account and tag. One query for the targets, then grouped by post.
import { and, asc, sql as dsql, eq, gte, inArray, lt, or } from 'drizzle-orm';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { posts, postTargets, socialAccounts } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface ListPostsFilter {
  from: Date;
  to: Date;
  status?: TargetStatus[];
  accountIds?: string[];
  tag?: string;
}

export async function listPosts(ctx: ActorContext, workspaceId: string, filter: ListPostsFilter) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  // A published target sits in the planner at the time it went out; the rest at their planned time.
  const shownAt = dsql`coalesce(${postTargets.publishedAt}, ${postTargets.scheduledAt})`;
  const rows = await db
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
    .where(
      and(
        eq(postTargets.workspaceId, workspaceId),
        or(
          and(gte(postTargets.scheduledAt, filter.from), lt(postTargets.scheduledAt, filter.to)),
          and(gte(postTargets.publishedAt, filter.from), lt(postTargets.publishedAt, filter.to)),
        ),
        filter.status?.length ? inArray(postTargets.status, filter.status) : undefined,
        filter.accountIds?.length ? inArray(postTargets.accountId, filter.accountIds) : undefined,
        filter.tag ? dsql`${posts.tags} @> ${JSON.stringify([filter.tag])}::jsonb` : undefined,
      ),
    )
    .orderBy(asc(shownAt), asc(postTargets.postId), asc(postTargets.threadPosition));

  const byPost = new Map<
    string,
    { id: string; text: string; tags: string[]; authorId: string | null; targets: unknown[] }
  >();
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

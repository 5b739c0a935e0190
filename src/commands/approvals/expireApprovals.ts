// Posts whose time came before their approval chain was complete expire: their waiting targets become
// 'expired' (never published), the change is audited and the author told. The expiry job runs this
// for every overdue post; a decision on an overdue post runs it for that post instead of approving.
import { and, sql as dsql, eq, isNotNull, lte, ne } from 'drizzle-orm';
import type { Database, SqlExecutor, Tx } from '../../db/database.ts';
import { posts, postTargets } from '../../db/schema.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import { recordAudit } from '../audit.ts';
import type { CommandContext } from '../context.ts';
import { notify, prepareNotify } from '../notifications/notify.ts';

type PostRow = typeof posts.$inferSelect;

/** A time of its own: one equal to the row's creation time means "as soon as approved", which never expires. */
const asked = () => ne(postTargets.scheduledAt, postTargets.createdAt);

/** Expires the post's waiting targets that are due by `now`, in the caller's transaction (post locked). */
export async function expireOverdueTargets(
  ctx: Pick<CommandContext, 'jobs' | 'config'>,
  tx: Tx,
  sql: SqlExecutor,
  post: PostRow,
  now: Date,
  actorId: string | null,
): Promise<string[]> {
  const expired = await tx
    .update(postTargets)
    .set({ status: 'expired', version: dsql`${postTargets.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(postTargets.postId, post.id),
        eq(postTargets.status, 'pending_approval'),
        isNotNull(postTargets.scheduledAt),
        lte(postTargets.scheduledAt, now),
        asked(),
      ),
    )
    .returning({ id: postTargets.id, accountId: postTargets.accountId, text: postTargets.text });
  if (expired.length === 0) return [];
  await recordAudit(tx, {
    workspaceId: post.workspaceId,
    actorId,
    action: 'post.expired',
    targetType: 'post',
    targetId: post.id,
    before: { status: 'pending_approval', round: post.approvalRound },
    after: { status: 'expired', targets: expired.map((t) => t.id) },
  });
  if (post.authorId) {
    await notify(ctx, tx, sql, {
      workspaceId: post.workspaceId,
      userIds: [post.authorId],
      kind: 'post_expired',
      data: { postText: excerpt(expired[0]!.text) },
      link: `/w/${post.workspaceId}/publisher?post=${post.id}`,
    });
  }
  return expired.map((t) => t.id);
}

/** Expires every overdue waiting post of every workspace, one post per transaction. */
export async function expireOverdueApprovals(
  ctx: Pick<CommandContext, 'jobs' | 'config'> & { database: Database },
  now?: Date,
): Promise<number> {
  await prepareNotify(ctx.jobs);
  const due = now ?? new Date();
  const overdue = await ctx.database.db
    .selectDistinct({ postId: postTargets.postId })
    .from(postTargets)
    .where(
      and(
        eq(postTargets.status, 'pending_approval'),
        isNotNull(postTargets.scheduledAt),
        lte(postTargets.scheduledAt, due),
        asked(),
      ),
    )
    .limit(1000);
  let count = 0;
  for (const { postId } of overdue) {
    count += await ctx.database.transaction(async (tx, sql) => {
      const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
      if (!post) return 0;
      return (await expireOverdueTargets(ctx, tx, sql, post, due, null)).length;
    });
  }
  return count;
}

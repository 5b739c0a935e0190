// Asking for approval: telling the people who may decide the open step of each waiting account, and
// starting a new round when a post is sent for approval again after an edit or a rejection. Both run
// inside the caller's transaction.
import { sql as dsql, eq } from 'drizzle-orm';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import { posts, users } from '../../db/schema.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import type { CommandContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { loadPostApprovals, workspaceMembers } from './approvalState.ts';

/** Where a notification about a post's approval leads. */
export const approvalLink = (workspaceId: string, postId: string) =>
  `/w/${workspaceId}/publisher/approvals?post=${postId}`;

export async function personName(tx: Tx, userId: string | null): Promise<string> {
  if (!userId) return 'A former teammate';
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? 'A former teammate';
}

/**
 * Notifies everyone who may decide the open step of the post's waiting accounts (only those listed,
 * when `accountIds` is given). The mail queue must have been prepared (`prepareNotify`) beforehand.
 */
export function notifyApprovers(
  ctx: Pick<CommandContext, 'jobs' | 'config'>,
  tx: Tx,
  sql: SqlExecutor,
  workspaceId: string,
  postId: string,
  options: { actorId: string; accountIds?: readonly string[] },
): Promise<string[]> {
  return notifyDeciders(ctx, tx, sql, workspaceId, [postId], options);
}

/**
 * Notifies, once, everyone who may decide the open step of any of the posts, which arrived together
 * (a bulk import): a person who decides several hears of them all in one notification, which opens
 * the approvals queue. The mail queue must have been prepared (`prepareNotify`) beforehand.
 */
export function notifyApproversOfMany(
  ctx: Pick<CommandContext, 'jobs' | 'config'>,
  tx: Tx,
  sql: SqlExecutor,
  workspaceId: string,
  postIds: readonly string[],
  options: { actorId: string },
): Promise<string[]> {
  return notifyDeciders(ctx, tx, sql, workspaceId, postIds, options);
}

async function notifyDeciders(
  ctx: Pick<CommandContext, 'jobs' | 'config'>,
  tx: Tx,
  sql: SqlExecutor,
  workspaceId: string,
  postIds: readonly string[],
  options: { actorId: string; accountIds?: readonly string[] },
): Promise<string[]> {
  const members = await workspaceMembers(tx, workspaceId);
  const states = await loadPostApprovals(tx, workspaceId, postIds, members);
  const deciders = new Set<string>();
  let first: { text: string; authorId: string | null } | undefined;
  for (const state of states) {
    for (const account of state.accounts) {
      if (options.accountIds && !options.accountIds.includes(account.accountId)) continue;
      if (account.state !== 'waiting') continue;
      for (const id of account.deciders) deciders.add(id);
      first ??= { text: account.text, authorId: state.authorId };
    }
  }
  if (deciders.size === 0 || !first) return [];
  const one = postIds.length === 1;
  return notify(ctx, tx, sql, {
    workspaceId,
    userIds: [...deciders],
    kind: 'approval_requested',
    data: {
      authorName: await personName(tx, first.authorId),
      postText: excerpt(first.text),
      ...(one ? {} : { count: postIds.length }),
    },
    link: one ? approvalLink(workspaceId, postIds[0]!) : `/w/${workspaceId}/publisher/approvals`,
    actorId: options.actorId,
  });
}

/**
 * Starts a new approval round: decisions of earlier rounds stop counting, and a rejection's reason is
 * cleared because the post is being sent again. Returns the new round.
 */
export async function restartApprovalRound(tx: Tx, postId: string): Promise<number> {
  const [row] = await tx
    .update(posts)
    .set({
      approvalRound: dsql`${posts.approvalRound} + 1`,
      rejectionReason: null,
      rejectedBy: null,
      updatedAt: new Date(),
    })
    .where(eq(posts.id, postId))
    .returning({ round: posts.approvalRound });
  return row!.round;
}

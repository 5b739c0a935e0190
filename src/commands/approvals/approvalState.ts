// Where each post's approval stands, per account: its chain, the current round's decisions, the open
// step and who may decide it. Loaded in batches (a few queries for any number of posts) for the post
// panel, the approvers' queue, decisions and notifications.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Role } from '../../core/roles.ts';
import type { Queryable } from '../../db/database.ts';
import { memberships, posts, postTargets, socialAccounts, users } from '../../db/schema.ts';
import { approvalSteps, postApprovals } from '../../db/teamSchema.ts';
import {
  type ChainProgress,
  type ChainStep,
  chainProgress,
  type Decision,
  decidersOf,
  decisionRefusal,
  effectiveChain,
  type Person,
} from './approvalRules.ts';

export interface Member extends Person {
  name: string;
}

export interface AccountApproval {
  accountId: string;
  handle: string;
  network: string;
  /** `waiting`: some of its targets wait for approval; `none`: nothing asked in this round. */
  state: 'waiting' | 'approved' | 'rejected' | 'none';
  chain: ChainStep[];
  decisions: Decision[];
  progress: ChainProgress;
  /** The earliest time among its waiting targets (null: as soon as approved). */
  scheduledAt: Date | null;
  /** The text of its first waiting part (or of its first part). */
  text: string;
  /** Who may decide the open step, when waiting. */
  deciders: string[];
}

export interface PostApproval {
  postId: string;
  workspaceId: string;
  authorId: string | null;
  round: number;
  text: string;
  rejectionReason: string | null;
  rejectedBy: string | null;
  createdAt: Date;
  accounts: AccountApproval[];
}

/** The members of a workspace with their roles and names. */
export async function workspaceMembers(q: Queryable, workspaceId: string): Promise<Member[]> {
  return q
    .select({ userId: memberships.userId, role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

/** Each account's chain steps (empty when the account has none of its own). */
export async function chainsOf(
  q: Queryable,
  accountIds: readonly string[],
): Promise<Map<string, ChainStep[]>> {
  const byAccount = new Map<string, ChainStep[]>(accountIds.map((id) => [id, []]));
  if (accountIds.length === 0) return byAccount;
  const rows = await q
    .select()
    .from(approvalSteps)
    .where(inArray(approvalSteps.accountId, [...accountIds]))
    .orderBy(asc(approvalSteps.position));
  for (const row of rows) {
    byAccount.get(row.accountId)?.push({
      position: row.position,
      approverUserId: row.approverUserId,
      approverRole: row.approverRole,
    });
  }
  return byAccount;
}

/** The approval state of the given posts of one workspace, in the order asked. */
export async function loadPostApprovals(
  q: Queryable,
  workspaceId: string,
  postIds: readonly string[],
  members: readonly Member[],
): Promise<PostApproval[]> {
  if (postIds.length === 0) return [];
  const postRows = await q
    .select()
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, [...postIds])));
  const targets = await q
    .select({
      postId: postTargets.postId,
      accountId: postTargets.accountId,
      status: postTargets.status,
      // "As soon as approved" (asked for now): the time equals the row's creation time.
      scheduledAt:
        sql<Date | null>`CASE WHEN ${postTargets.scheduledAt} = ${postTargets.createdAt} THEN NULL ELSE ${postTargets.scheduledAt} END`.mapWith(
          postTargets.scheduledAt,
        ),
      text: postTargets.text,
      threadPosition: postTargets.threadPosition,
      handle: socialAccounts.handle,
      network: socialAccounts.network,
    })
    .from(postTargets)
    .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
    .where(and(inArray(postTargets.postId, [...postIds]), ne(postTargets.status, 'cancelled')))
    .orderBy(asc(socialAccounts.handle), asc(postTargets.threadPosition));
  const decisions = await q
    .select({
      postId: postApprovals.postId,
      accountId: postApprovals.accountId,
      position: postApprovals.position,
      decision: postApprovals.decision,
      decidedBy: postApprovals.decidedBy,
      comment: postApprovals.comment,
      decidedAt: postApprovals.decidedAt,
    })
    .from(postApprovals)
    .innerJoin(posts, eq(posts.id, postApprovals.postId))
    .where(and(inArray(postApprovals.postId, [...postIds]), eq(postApprovals.round, posts.approvalRound)))
    .orderBy(asc(postApprovals.position));
  const chains = await chainsOf(q, [...new Set(targets.map((t) => t.accountId))]);

  const byId = new Map(postRows.map((p) => [p.id, p]));
  return postIds.flatMap((postId) => {
    const post = byId.get(postId);
    if (!post) return [];
    const accounts = new Map<string, AccountApproval>();
    for (const target of targets.filter((t) => t.postId === postId)) {
      let account = accounts.get(target.accountId);
      if (!account) {
        const chain = effectiveChain(chains.get(target.accountId) ?? []);
        const own = decisions
          .filter((d) => d.postId === postId && d.accountId === target.accountId)
          .map(({ postId: _p, accountId: _a, ...d }) => d);
        account = {
          accountId: target.accountId,
          handle: target.handle,
          network: target.network,
          state: 'none',
          chain,
          decisions: own,
          progress: chainProgress(chain, own),
          scheduledAt: null,
          text: target.text,
          deciders: [],
        };
        accounts.set(target.accountId, account);
      }
      if (target.status === 'pending_approval') {
        if (account.state !== 'waiting') {
          account.state = 'waiting';
          account.text = target.text;
          account.scheduledAt = target.scheduledAt;
        } else if (target.scheduledAt && (!account.scheduledAt || target.scheduledAt < account.scheduledAt)) {
          account.scheduledAt = target.scheduledAt;
        }
      }
    }
    for (const account of accounts.values()) {
      if (account.state === 'waiting') {
        if (account.progress.state === 'pending') {
          account.deciders = decidersOf(account.progress.step, members, post.authorId);
        }
      } else if (account.progress.state === 'rejected') account.state = 'rejected';
      else if (account.progress.state === 'approved' && account.decisions.length > 0)
        account.state = 'approved';
    }
    return [
      {
        postId,
        workspaceId,
        authorId: post.authorId,
        round: post.approvalRound,
        text: post.text,
        rejectionReason: post.rejectionReason,
        rejectedBy: post.rejectedBy,
        createdAt: post.createdAt,
        accounts: [...accounts.values()],
      },
    ];
  });
}

/** Whether this person may decide the open step of this account now. */
export function mayDecide(account: AccountApproval, person: Person, authorId: string | null): boolean {
  return (
    account.state === 'waiting' &&
    account.progress.state === 'pending' &&
    decisionRefusal(account.progress.step, person, authorId) === undefined
  );
}

/** The role of a member, by id. */
export function roleOf(members: readonly Member[], userId: string): Role | undefined {
  return members.find((m) => m.userId === userId)?.role;
}

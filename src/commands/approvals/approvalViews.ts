// What people see of approvals: one post's state per account (the post panel) and the approver's queue
// (posts whose open step, on any of their accounts, this person may decide).
import { and, eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../core/appError.ts';
import { can } from '../../core/roles.ts';
import { posts, postTargets } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { memberRole, requirePermission } from '../workspaceAccess.ts';
import type { Person } from './approvalRules.ts';
import {
  type AccountApproval,
  loadPostApprovals,
  type Member,
  mayDecide,
  type PostApproval,
  workspaceMembers,
} from './approvalState.ts';

export interface AccountApprovalView {
  accountId: string;
  handle: string;
  network: string;
  state: AccountApproval['state'];
  text: string;
  scheduledAt: Date | null;
  /** The open step (1 to 3), when waiting. */
  currentStep: number | null;
  of: number;
  steps: {
    step: number;
    approverUserId: string | null;
    approverName: string | null;
    approverRole: string | null;
    decision: {
      decision: 'approved' | 'rejected';
      comment: string;
      decidedBy: string | null;
      decidedByName: string | null;
      decidedAt: Date;
    } | null;
  }[];
  deciders: { userId: string; name: string }[];
  canDecide: boolean;
}

export interface PostApprovalView {
  postId: string;
  authorId: string | null;
  authorName: string | null;
  round: number;
  text: string;
  createdAt: Date;
  rejectionReason: string | null;
  rejectedBy: { userId: string; name: string | null } | null;
  accounts: AccountApprovalView[];
  canDecide: boolean;
}

function present(state: PostApproval, members: readonly Member[], person: Person): PostApprovalView {
  const name = (id: string | null) => (id ? (members.find((m) => m.userId === id)?.name ?? null) : null);
  const accounts = state.accounts.map((account): AccountApprovalView => {
    const progress = account.progress;
    return {
      accountId: account.accountId,
      handle: account.handle,
      network: account.network,
      state: account.state,
      text: account.text,
      scheduledAt: account.scheduledAt,
      currentStep: account.state === 'waiting' && progress.state === 'pending' ? progress.index + 1 : null,
      of: progress.of,
      steps: account.chain.map((step, index) => {
        const decision = account.decisions.find((d) => d.position === step.position);
        return {
          step: index + 1,
          approverUserId: step.approverUserId,
          approverName: name(step.approverUserId),
          approverRole: step.approverRole,
          decision: decision ? { ...decision, decidedByName: name(decision.decidedBy) } : null,
        };
      }),
      deciders: account.deciders.map((userId) => ({ userId, name: name(userId) ?? '' })),
      canDecide: mayDecide(account, person, state.authorId),
    };
  });
  return {
    postId: state.postId,
    authorId: state.authorId,
    authorName: name(state.authorId),
    round: state.round,
    text: state.text,
    createdAt: state.createdAt,
    rejectionReason: state.rejectionReason,
    rejectedBy: state.rejectedBy ? { userId: state.rejectedBy, name: name(state.rejectedBy) } : null,
    accounts,
    canDecide: accounts.some((a) => a.canDecide),
  };
}

/** One post's approval state, per account, for anyone in its workspace. */
export async function getPostApproval(ctx: ActorContext, postId: string): Promise<PostApprovalView> {
  const { db } = ctx.database;
  const [post] = await db.select({ workspaceId: posts.workspaceId }).from(posts).where(eq(posts.id, postId));
  const role = post ? await memberRole(db, post.workspaceId, ctx.actorId) : undefined;
  if (!post || !role) throw notFound('The post');
  const members = await workspaceMembers(db, post.workspaceId);
  const [state] = await loadPostApprovals(db, post.workspaceId, [postId], members);
  return present(state!, members, { userId: ctx.actorId, role });
}

/**
 * The posts waiting for approval that this person may decide now (with `all`, for owners and admins:
 * every post waiting in the workspace), soonest first; posts asked "as soon as approved" come first.
 */
export async function approvalQueue(
  ctx: ActorContext,
  workspaceId: string,
  options: { all?: boolean } = {},
): Promise<{ items: PostApprovalView[]; count: number }> {
  const { db } = ctx.database;
  const role = await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  if (options.all && !can(role, 'approvals.manage')) {
    throw forbidden('Only owners and admins can see every post waiting for approval.');
  }
  const waiting = await db
    .selectDistinct({ postId: postTargets.postId })
    .from(postTargets)
    .where(and(eq(postTargets.workspaceId, workspaceId), eq(postTargets.status, 'pending_approval')));
  const members = await workspaceMembers(db, workspaceId);
  const person = { userId: ctx.actorId, role };
  const states = await loadPostApprovals(
    db,
    workspaceId,
    waiting.map((w) => w.postId),
    members,
  );
  const views = states
    .map((state) => present(state, members, person))
    .filter((view) => options.all || view.canDecide)
    .map((view) => ({ ...view, accounts: view.accounts.filter((a) => a.state === 'waiting') }));
  const soonest = (view: PostApprovalView) =>
    Math.min(...view.accounts.map((a) => (a.scheduledAt ? a.scheduledAt.getTime() : 0)));
  views.sort((a, b) => soonest(a) - soonest(b) || a.createdAt.getTime() - b.createdAt.getTime());
  return { items: views, count: views.filter((v) => v.canDecide).length };
}

// Each account's approval chain: up to three ordered steps, each a named teammate or a role (that role
// or a higher one). Everyone in the workspace may read the chains; owners and admins set them.
import { and, asc, eq } from 'drizzle-orm';
import { badRequest, notFound } from '../../core/appError.ts';
import { outranksOrEquals, type Role } from '../../core/roles.ts';
import type { Queryable } from '../../db/database.ts';
import { socialAccounts } from '../../db/schema.ts';
import { approvalSteps } from '../../db/teamSchema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { type ChainStep, IMPLICIT_STEP, MAX_STEPS } from './approvalRules.ts';
import { chainsOf, workspaceMembers } from './approvalState.ts';

export interface StepInput {
  approverUserId?: string | null;
  approverRole?: Role | null;
}

export interface AccountChain {
  accountId: string;
  handle: string;
  network: string;
  displayName: string;
  /** True when the account has no steps of its own: any editor or higher approves in one step. */
  implicit: boolean;
  steps: (ChainStep & { approverName: string | null })[];
}

async function accountChains(q: Queryable, workspaceId: string, accountId?: string): Promise<AccountChain[]> {
  const accounts = await q
    .select({
      id: socialAccounts.id,
      handle: socialAccounts.handle,
      network: socialAccounts.network,
      displayName: socialAccounts.displayName,
    })
    .from(socialAccounts)
    .where(
      and(
        eq(socialAccounts.workspaceId, workspaceId),
        accountId ? eq(socialAccounts.id, accountId) : undefined,
      ),
    )
    .orderBy(asc(socialAccounts.handle));
  const chains = await chainsOf(
    q,
    accounts.map((a) => a.id),
  );
  const names = new Map((await workspaceMembers(q, workspaceId)).map((m) => [m.userId, m.name]));
  return accounts.map((account) => {
    const steps = chains.get(account.id) ?? [];
    return {
      accountId: account.id,
      handle: account.handle,
      network: account.network,
      displayName: account.displayName,
      implicit: steps.length === 0,
      steps: (steps.length === 0 ? [IMPLICIT_STEP] : steps).map((step) => ({
        ...step,
        approverName: step.approverUserId ? (names.get(step.approverUserId) ?? null) : null,
      })),
    };
  });
}

/** Every account's chain in the workspace. */
export async function listApprovalChains(ctx: ActorContext, workspaceId: string): Promise<AccountChain[]> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  return accountChains(ctx.database.db, workspaceId);
}

/** One account's chain. */
export async function getApprovalChain(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
): Promise<AccountChain> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const [chain] = await accountChains(ctx.database.db, workspaceId, accountId);
  if (!chain) throw notFound('The account');
  return chain;
}

/** Replaces an account's chain; an empty list goes back to the implicit step (any editor or higher). */
export async function setApprovalChain(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  steps: readonly StepInput[],
): Promise<AccountChain> {
  if (steps.length > MAX_STEPS) throw badRequest(`A chain can have at most ${MAX_STEPS} steps.`);
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'approvals.manage');
    // The account row is the lock: two admins saving at once write one chain after the other.
    const [account] = await tx
      .select({ id: socialAccounts.id })
      .from(socialAccounts)
      .where(and(eq(socialAccounts.id, accountId), eq(socialAccounts.workspaceId, workspaceId)))
      .for('update');
    if (!account) throw notFound('The account');
    const members = await workspaceMembers(tx, workspaceId);
    const named = new Set<string>();
    const rows = steps.map((step, index) => {
      const where = `Step ${index + 1}`;
      const hasUser = Boolean(step.approverUserId);
      const hasRole = Boolean(step.approverRole);
      if (hasUser === hasRole) throw badRequest(`${where}: choose either a teammate or a role.`);
      if (step.approverUserId) {
        const member = members.find((m) => m.userId === step.approverUserId);
        if (!member) throw badRequest(`${where}: that person is not a member of this workspace.`);
        if (member.role === 'viewer') throw badRequest(`${where}: viewers cannot approve posts.`);
        if (named.has(member.userId)) throw badRequest(`${where}: ${member.name} is already in the chain.`);
        named.add(member.userId);
      } else if (!outranksOrEquals(step.approverRole!, 'contributor')) {
        throw badRequest(`${where}: viewers cannot approve posts; choose contributor or a higher role.`);
      }
      return {
        workspaceId,
        accountId,
        position: index + 1,
        approverUserId: step.approverUserId ?? null,
        approverRole: step.approverUserId ? null : (step.approverRole ?? null),
      };
    });
    const before = (await chainsOf(tx, [accountId])).get(accountId) ?? [];
    await tx.delete(approvalSteps).where(eq(approvalSteps.accountId, accountId));
    if (rows.length > 0) await tx.insert(approvalSteps).values(rows);
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'approval_chain.updated',
      targetType: 'social_account',
      targetId: accountId,
      before: { steps: before },
      after: {
        steps: rows.map(({ position, approverUserId, approverRole }) => ({
          position,
          approverUserId,
          approverRole,
        })),
      },
    });
    const [chain] = await accountChains(tx, workspaceId, accountId);
    return chain!;
  });
}

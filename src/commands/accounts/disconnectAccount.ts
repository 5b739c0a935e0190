// Removes a connected account and its sealed credentials from the workspace.
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import { socialAccounts } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

export async function disconnectAccount(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'accounts.manage');
    const [removed] = await tx
      .delete(socialAccounts)
      .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.id, accountId)))
      .returning({ network: socialAccounts.network, handle: socialAccounts.handle });
    if (!removed) throw notFound('That account');
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'account.disconnected',
      targetType: 'social_account',
      targetId: accountId,
      before: removed,
    });
  });
}

// The connected accounts of a workspace, for every member to see. Credentials never leave the database.
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { socialAccounts } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';

/** The columns anyone in the workspace may see; credentials_sealed is deliberately not among them. */
const summaryColumns = {
  id: socialAccounts.id,
  network: socialAccounts.network,
  handle: socialAccounts.handle,
  displayName: socialAccounts.displayName,
  avatarUrl: socialAccounts.avatarUrl,
  serviceUrl: socialAccounts.serviceUrl,
  status: socialAccounts.status,
  statusReason: socialAccounts.statusReason,
  postingSlots: socialAccounts.postingSlots,
  timeZone: socialAccounts.timeZone,
  textLimit: socialAccounts.textLimit,
  createdAt: socialAccounts.createdAt,
};

export type AccountSummary = Awaited<ReturnType<typeof accountSummary>>;

export async function accountSummary(q: Queryable, workspaceId: string, accountId: string) {
  const [row] = await q
    .select(summaryColumns)
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.id, accountId)));
  if (!row) throw new Error(`Account ${accountId} vanished while it was being saved`);
  return row;
}

export async function listAccounts(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  return db
    .select(summaryColumns)
    .from(socialAccounts)
    .where(eq(socialAccounts.workspaceId, workspaceId))
    .orderBy(asc(socialAccounts.network), asc(socialAccounts.handle));
}

// Saves a verified account with its sealed credentials. The same account (workspace, network, remote
// id) connected again keeps its row, so its posts and settings stay with it: the credentials are
// replaced and any "needs reconnecting" is cleared.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { socialAccounts } from '../../db/schema.ts';
import type { AccountProfile, NetworkId } from '../../networks/connector.ts';
import { recordAudit } from '../audit.ts';

export interface AccountToStore {
  workspaceId: string;
  actorId: string;
  network: NetworkId;
  profile: AccountProfile;
  serviceUrl: string;
  credentialsSealed: string;
  /** The server's own post length limit, when it reports one. */
  textLimit?: number;
}

export async function storeAccount(
  tx: Tx,
  input: AccountToStore,
): Promise<{ id: string; reconnected: boolean }> {
  const { workspaceId, network, profile } = input;
  const values = {
    handle: profile.handle,
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl ?? null,
    serviceUrl: input.serviceUrl,
    credentialsSealed: input.credentialsSealed,
    status: 'connected' as const,
    statusReason: null,
    connectedBy: input.actorId,
    textLimit: input.textLimit ?? null,
  };
  const [existing] = await tx
    .select({ id: socialAccounts.id, status: socialAccounts.status, handle: socialAccounts.handle })
    .from(socialAccounts)
    .where(
      and(
        eq(socialAccounts.workspaceId, workspaceId),
        eq(socialAccounts.network, network),
        eq(socialAccounts.remoteId, profile.remoteId),
      ),
    )
    .for('update');
  // Two people connecting the same account at once meet at the unique key; the later one wins.
  const [row] = await tx
    .insert(socialAccounts)
    .values({ workspaceId, network, remoteId: profile.remoteId, ...values })
    .onConflictDoUpdate({
      target: [socialAccounts.workspaceId, socialAccounts.network, socialAccounts.remoteId],
      set: values,
    })
    .returning({ id: socialAccounts.id });
  const id = row!.id;
  await recordAudit(tx, {
    workspaceId,
    actorId: input.actorId,
    action: existing ? 'account.reconnected' : 'account.connected',
    targetType: 'social_account',
    targetId: id,
    before: existing ? { status: existing.status, handle: existing.handle } : undefined,
    after: { network, handle: profile.handle, serviceUrl: input.serviceUrl },
  });
  return { id, reconnected: Boolean(existing) };
}

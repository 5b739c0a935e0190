// Connects a Bluesky account with its handle (or email) and an app password, on bsky.social or on a
// self-hosted PDS. The sign-in is tried before anything is saved; the app password and the session
// tokens are stored sealed, so the publish worker can resume without signing in each time.
import {
  BLUESKY_DEFAULT_SERVICE,
  type BlueskyCredentials,
  blueskyConnector,
} from '../../networks/bluesky/blueskyConnector.ts';
import type { AccountProfile } from '../../networks/connector.ts';
import { checkOutboundUrl } from '../../networks/outboundUrl.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { accountSummary } from './listAccounts.ts';
import { networkRefusal } from './networkRefusal.ts';
import { storeAccount } from './storeAccount.ts';

export interface ConnectBlueskyInput {
  /** The PDS address; bsky.social when not given. */
  service?: string;
  identifier: string;
  appPassword: string;
}

export async function connectBlueskyAccount(
  ctx: ActorContext,
  workspaceId: string,
  input: ConnectBlueskyInput,
) {
  // Before any request leaves, so nobody outside the workspace can use it to reach a server.
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'accounts.manage');
  const given = input.service?.trim();
  const serviceUrl = given || BLUESKY_DEFAULT_SERVICE;
  const refusal = {
    serviceUrl,
    field: 'service',
    authMessage: 'Bluesky did not accept that handle and app password.',
  };

  let credentials: BlueskyCredentials;
  let profile: AccountProfile;
  try {
    const service = given
      ? (await checkOutboundUrl(given, { allowPrivate: ctx.config.allowPrivateFetch }, 'The PDS address'))
          .origin
      : BLUESKY_DEFAULT_SERVICE;
    credentials = { service, identifier: input.identifier.trim(), appPassword: input.appPassword };
    const connection = await blueskyConnector.connect(credentials);
    profile = await connection.verify();
    credentials.session = connection.session();
  } catch (error) {
    throw networkRefusal(error, refusal);
  }

  const sealed = ctx.secretBox.seal(JSON.stringify(credentials));
  return ctx.database.transaction(async (tx) => {
    // Again inside the transaction: the role may have changed while the network answered.
    await requirePermission(tx, workspaceId, ctx.actorId, 'accounts.manage');
    const { id } = await storeAccount(tx, {
      workspaceId,
      actorId: ctx.actorId,
      network: 'bluesky',
      profile,
      serviceUrl: credentials.service ?? BLUESKY_DEFAULT_SERVICE,
      credentialsSealed: sealed,
    });
    return accountSummary(tx, workspaceId, id);
  });
}

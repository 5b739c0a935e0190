// Connects a Mastodon account through its server's OAuth flow. Start: register Kolorob as an app on the
// instance, remember the app and a random state for 15 minutes, and send the person to the instance's
// authorize page. Finish (the callback): the same signed-in person comes back with the state and a code,
// which is traded for a token; the account is verified and saved with its token sealed.
import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { AppError, badRequest } from '../../core/appError.ts';
import { oauthStates } from '../../db/schema.ts';
import { type AccountProfile, ConnectorError } from '../../networks/connector.ts';
import { mastodonConnector } from '../../networks/mastodon/mastodonConnector.ts';
import { normaliseInstanceUrl } from '../../networks/mastodon/mastodonHttp.ts';
import { readInstanceLimits } from '../../networks/mastodon/mastodonInstance.ts';
import {
  authorizeUrl,
  exchangeCode,
  MASTODON_SCOPES,
  type RegisteredApp,
  registerApp,
} from '../../networks/mastodon/mastodonOAuth.ts';
import { checkOutboundUrl } from '../../networks/outboundUrl.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { accountSummary } from './listAccounts.ts';
import { networkRefusal } from './networkRefusal.ts';
import { storeAccount } from './storeAccount.ts';

const STATE_MINUTES = 15;
export const MASTODON_CALLBACK_PATH = '/api/oauth/mastodon/callback';

interface SealedClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
}

/** A failed connection that knows its workspace, so the callback can send the person back to it. */
export class MastodonConnectError extends AppError {
  constructor(
    cause: AppError,
    readonly workspaceId: string | undefined,
  ) {
    super(cause.status, cause.code, cause.message, cause.fields);
  }
}

async function safeInstanceUrl(ctx: ActorContext, instanceUrl: string): Promise<string> {
  let origin: string;
  try {
    origin = normaliseInstanceUrl(instanceUrl);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw badRequest(message, { instanceUrl: message });
  }
  const url = await checkOutboundUrl(
    origin,
    { allowPrivate: ctx.config.allowPrivateFetch },
    'The server address',
  );
  return url.origin;
}

export async function startMastodonConnect(
  ctx: ActorContext,
  workspaceId: string,
  input: { instanceUrl: string },
): Promise<{ authorizeUrl: string }> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'accounts.manage');
  let instanceUrl = input.instanceUrl.trim();
  const refusal = () => ({
    serviceUrl: instanceUrl,
    field: 'instanceUrl',
    authMessage: `${instanceUrl} did not let Kolorob register as an app.`,
  });
  let app: RegisteredApp;
  try {
    instanceUrl = await safeInstanceUrl(ctx, instanceUrl);
    const register = () =>
      registerApp(instanceUrl, `${ctx.config.publicUrl}${MASTODON_CALLBACK_PATH}`, {
        clientName: 'Kolorob',
        website: ctx.config.publicUrl,
      });
    // Some servers (snac2) close a kept-alive connection just as it is reused, failing the request
    // before it arrives; registering an app twice is harmless, so one more try is safe here.
    app = await register().catch((error: unknown) => {
      if (error instanceof ConnectorError && error.kind === 'transient') return register();
      throw error;
    });
  } catch (error) {
    throw networkRefusal(error, refusal());
  }
  const state = randomBytes(32).toString('base64url');
  const client: SealedClient = {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
    scopes: app.scopes,
  };
  await ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'accounts.manage');
    await tx.insert(oauthStates).values({
      state,
      workspaceId,
      userId: ctx.actorId,
      network: 'mastodon',
      serviceUrl: instanceUrl,
      clientSealed: ctx.secretBox.seal(JSON.stringify(client)),
      expiresAt: new Date(Date.now() + STATE_MINUTES * 60_000),
    });
    // The state itself is a one-time secret and stays out of the trail.
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'account.connect_started',
      targetType: 'mastodon_instance',
      targetId: instanceUrl,
    });
  });
  return { authorizeUrl: authorizeUrl(app, state) };
}

/** Finishes a connection; returns the workspace and the saved account. */
export async function finishMastodonConnect(ctx: ActorContext, input: { state: string; code: string }) {
  const [pending] = await ctx.database.db
    .select()
    .from(oauthStates)
    .where(
      and(
        eq(oauthStates.state, input.state),
        eq(oauthStates.userId, ctx.actorId),
        eq(oauthStates.network, 'mastodon'),
        gt(oauthStates.expiresAt, new Date()),
      ),
    );
  // Someone else's state is answered like an unknown one: the person who started must finish.
  if (!pending) {
    throw new MastodonConnectError(
      badRequest('This connection request is unknown or has expired; start connecting the account again.'),
      undefined,
    );
  }
  const { workspaceId, serviceUrl: instanceUrl } = pending;
  const fail = (error: unknown): never => {
    const mapped = networkRefusal(error, {
      serviceUrl: instanceUrl,
      field: 'code',
      authMessage: `${new URL(instanceUrl).host} did not accept the sign-in; start connecting the account again.`,
    });
    throw mapped instanceof AppError ? new MastodonConnectError(mapped, workspaceId) : mapped;
  };

  let accessToken = '';
  let profile: AccountProfile | undefined;
  let textLimit: number | undefined;
  try {
    await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'accounts.manage');
    await safeInstanceUrl(ctx, instanceUrl);
    const client = JSON.parse(ctx.secretBox.open(pending.clientSealed)) as SealedClient;
    const app: RegisteredApp = { instanceUrl, ...client, scopes: client.scopes || MASTODON_SCOPES };
    ({ accessToken } = await exchangeCode(app, input.code));
    const connection = await mastodonConnector.connect({ instanceUrl, accessToken });
    profile = await connection.verify();
    textLimit = (await readInstanceLimits(instanceUrl)).maxCharacters;
  } catch (error) {
    fail(error);
  }
  const verified = profile as AccountProfile;

  const id = await ctx.database
    .transaction(async (tx) => {
      await requirePermission(tx, workspaceId, ctx.actorId, 'accounts.manage');
      // One use only: a second callback with the same state finds nothing to finish.
      const [used] = await tx
        .delete(oauthStates)
        .where(eq(oauthStates.state, input.state))
        .returning({ state: oauthStates.state });
      if (!used) {
        throw new MastodonConnectError(
          badRequest('This connection request was already used; start connecting the account again.'),
          workspaceId,
        );
      }
      const stored = await storeAccount(tx, {
        workspaceId,
        actorId: ctx.actorId,
        network: 'mastodon',
        // An account id is only unique on its own server.
        profile: { ...verified, remoteId: `${verified.remoteId}@${new URL(instanceUrl).host}` },
        serviceUrl: instanceUrl,
        credentialsSealed: ctx.secretBox.seal(JSON.stringify({ instanceUrl, accessToken })),
        textLimit,
      });
      return stored.id;
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && !(error instanceof MastodonConnectError)) {
        throw new MastodonConnectError(error, workspaceId);
      }
      throw error;
    });
  return { workspaceId, account: await accountSummary(ctx.database.db, workspaceId, id) };
}

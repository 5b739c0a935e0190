// Opens a stored account: unseals its credentials and signs in with its network's connector. Bluesky
// session tokens refreshed along the way are saved back, and a credential the network no longer
// accepts marks the account "needs reconnecting" (with the network's reason and an audit event) so
// people see it in Settings → Accounts instead of posts failing quietly.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../commands/audit.ts';
import type { CommandContext } from '../commands/context.ts';
import { notFound } from '../core/appError.ts';
import { socialAccounts } from '../db/schema.ts';
import {
  type BlueskyConnection,
  type BlueskyCredentials,
  type BlueskySession,
  blueskyConnector,
} from './bluesky/blueskyConnector.ts';
import { type Connection, ConnectorError } from './connector.ts';
import { createDbPublishLog } from './mastodon/dbPublishLog.ts';
import { createMastodonConnector, type MastodonCredentials } from './mastodon/mastodonConnector.ts';

export interface AccountConnection {
  accountId: string;
  workspaceId: string;
  network: 'bluesky' | 'mastodon';
  /** Every call saves refreshed tokens afterwards and marks the account on a refused credential. */
  connection: Connection;
}

type AccountRow = typeof socialAccounts.$inferSelect;

/** Marks the account as needing a new sign-in, unless it already is; the reason is shown to people. */
export async function markNeedsReconnect(
  ctx: CommandContext,
  accountId: string,
  reason: string,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const [account] = await tx
      .select({ workspaceId: socialAccounts.workspaceId, status: socialAccounts.status })
      .from(socialAccounts)
      .where(eq(socialAccounts.id, accountId))
      .for('update');
    if (!account || account.status === 'needs_reconnect') return;
    await tx
      .update(socialAccounts)
      .set({ status: 'needs_reconnect', statusReason: reason })
      .where(eq(socialAccounts.id, accountId));
    await recordAudit(tx, {
      workspaceId: account.workspaceId,
      actorId: null,
      action: 'account.needs_reconnect',
      targetType: 'social_account',
      targetId: accountId,
      before: { status: account.status },
      after: { status: 'needs_reconnect', reason },
    });
  });
}

async function saveBlueskySession(
  ctx: CommandContext,
  account: AccountRow,
  credentials: BlueskyCredentials,
  session: BlueskySession,
): Promise<void> {
  const saved = credentials.session;
  if (saved && saved.accessJwt === session.accessJwt && saved.refreshJwt === session.refreshJwt) return;
  credentials.session = session;
  // Token rotation is routine upkeep rather than a change anyone made, so it leaves no audit event.
  await ctx.database.db
    .update(socialAccounts)
    .set({ credentialsSealed: ctx.secretBox.seal(JSON.stringify(credentials)) })
    .where(eq(socialAccounts.id, account.id));
}

async function guarded<T>(ctx: CommandContext, accountId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === 'auth') {
      await markNeedsReconnect(ctx, accountId, error.message);
    }
    throw error;
  }
}

/** Wraps each call of the connection: refused credentials mark the account, new tokens are saved. */
function watched(
  ctx: CommandContext,
  accountId: string,
  inner: Connection,
  afterCall: () => Promise<void>,
): Connection {
  const run = async <T>(call: () => Promise<T>) => {
    try {
      return await guarded(ctx, accountId, call);
    } finally {
      await afterCall();
    }
  };
  return {
    verify: () => run(() => inner.verify()),
    publish: (request) => run(() => inner.publish(request)),
    findPublished: (publishKey) => run(() => inner.findPublished(publishKey)),
    delete: (post) => run(() => inner.delete(post)),
  };
}

export async function openAccountConnection(
  ctx: CommandContext,
  accountId: string,
): Promise<AccountConnection> {
  const [account] = await ctx.database.db
    .select()
    .from(socialAccounts)
    .where(eq(socialAccounts.id, accountId));
  if (!account) throw notFound('That account');
  const base = { accountId, workspaceId: account.workspaceId };

  if (account.network === 'bluesky') {
    const credentials = JSON.parse(ctx.secretBox.open(account.credentialsSealed)) as BlueskyCredentials;
    const inner: BlueskyConnection = await guarded(ctx, accountId, () =>
      blueskyConnector.connect(credentials),
    );
    const save = async () => {
      let session: BlueskySession;
      try {
        session = inner.session();
      } catch {
        // The session ended during the call; the call's own error says so.
        return;
      }
      await saveBlueskySession(ctx, account, credentials, session);
    };
    await save();
    return { ...base, network: 'bluesky', connection: watched(ctx, accountId, inner, save) };
  }
  if (account.network === 'mastodon') {
    const credentials = JSON.parse(ctx.secretBox.open(account.credentialsSealed)) as MastodonCredentials;
    const connector = createMastodonConnector({ publishLog: createDbPublishLog(ctx.database.db, accountId) });
    const inner = await guarded(ctx, accountId, () => connector.connect(credentials));
    return { ...base, network: 'mastodon', connection: watched(ctx, accountId, inner, async () => {}) };
  }
  throw new ConnectorError('rejected', `Kolorob cannot connect ${account.network} accounts yet.`);
}

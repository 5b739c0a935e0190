// Opens a stored account: unseals its credentials and signs in with its network's connector. Bluesky
// session tokens made by a sign-in with the app password, or refreshed during a call, are saved back,
// and a credential the network no longer accepts marks the account "needs reconnecting" (with the
// network's reason and an audit event) so people see it in Settings → Accounts instead of posts
// failing quietly. A connection may be kept for hours (the publish worker keeps one per account), so
// it never overwrites credentials someone changed after it was opened.
import { and, eq } from 'drizzle-orm';
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
import type { InboxReader } from './inboxReader.ts';
import { createDbPublishLog } from './mastodon/dbPublishLog.ts';
import { createMastodonConnector, type MastodonCredentials } from './mastodon/mastodonConnector.ts';
import type { StreamReader } from './streamReader.ts';

export interface AccountConnection {
  accountId: string;
  workspaceId: string;
  network: 'bluesky' | 'mastodon';
  /** Every call saves refreshed tokens afterwards and marks the account on a refused credential. */
  connection: Connection;
}

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

/**
 * Saves the connection's tokens, unless the stored credentials changed since the connection read or
 * last wrote them (a reconnect, or another process's save): those are newer than ours. Returns the
 * sealed credentials now stored by this connection, or undefined when it left them alone.
 */
async function saveBlueskySession(
  ctx: CommandContext,
  accountId: string,
  credentials: BlueskyCredentials,
  session: BlueskySession,
  storedSealed: string,
): Promise<string | undefined> {
  const sealed = ctx.secretBox.seal(JSON.stringify({ ...credentials, session }));
  // Token rotation is routine upkeep rather than a change anyone made, so it leaves no audit event.
  const saved = await ctx.database.db
    .update(socialAccounts)
    .set({ credentialsSealed: sealed })
    .where(and(eq(socialAccounts.id, accountId), eq(socialAccounts.credentialsSealed, storedSealed)))
    .returning({ id: socialAccounts.id });
  return saved.length > 0 ? sealed : undefined;
}

/** Stored tokens younger than this are not replaced by the rotated ones an opening makes. */
const KEEP_STORED_TOKENS_MS = 60 * 60 * 1000;

/** Whether the tokens were issued lately, from the access token's `iat` claim. */
function recentlyIssued(session: BlueskySession | undefined): boolean {
  if (!session) return false;
  try {
    const payload = session.accessJwt.split('.')[1] ?? '';
    const { iat } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iat?: unknown };
    return typeof iat === 'number' && Date.now() - iat * 1000 < KEEP_STORED_TOKENS_MS;
  } catch {
    return false;
  }
}

function sameTokens(a: BlueskySession | undefined, b: BlueskySession): boolean {
  return a?.accessJwt === b.accessJwt && a.refreshJwt === b.refreshJwt;
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
    streams: () => watchedReader(inner.streams(), run),
    ...(inner.inbox ? { inbox: () => watchedInbox(inner.inbox!(), run) } : {}),
  };
}

/** Every method of the reader, run through `run` (refused credentials mark the account, tokens are saved). */
function watchedReader(inner: StreamReader, run: <T>(call: () => Promise<T>) => Promise<T>): StreamReader {
  const wrapped = {} as Record<string, unknown>;
  for (const name of STREAM_READER_METHODS) {
    const method = inner[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => run(() => method.apply(inner, args));
  }
  return wrapped as unknown as StreamReader;
}

/** The inbox reader with its reads run through `run`, like the stream reader's. */
function watchedInbox(inner: InboxReader, run: <T>(call: () => Promise<T>) => Promise<T>): InboxReader {
  return {
    privateReplies: inner.privateReplies,
    feeds: () => inner.feeds(),
    read: (cursors) => run(() => inner.read(cursors)),
  };
}

const STREAM_READER_METHODS = [
  'home',
  'mentions',
  'myPosts',
  'listFeed',
  'search',
  'like',
  'unlike',
  'repost',
  'unrepost',
  'lists',
  'createList',
  'updateList',
  'deleteList',
  'listMembers',
  'addListMember',
  'removeListMember',
  'searchActors',
  'resolveActor',
] as const satisfies readonly (keyof StreamReader)[];

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
    let storedSealed: string | undefined = account.credentialsSealed;
    const save = async (session: BlueskySession) => {
      if (storedSealed === undefined) return;
      storedSealed = await saveBlueskySession(ctx, accountId, credentials, session, storedSealed);
    };
    const current = (): BlueskySession | undefined => {
      try {
        return inner.session();
      } catch {
        // The session ended during the call; the call's own error says so.
        return undefined;
      }
    };
    // Opening rotates the stored tokens. Saving them each time would change the row at every opening,
    // and each process keeping a connection would then open it again, rotating them again; stored
    // tokens resume for a while after their rotation, so they are saved only once they have aged.
    let known = current();
    if (known && !sameTokens(credentials.session, known) && !recentlyIssued(credentials.session)) {
      await save(known);
    }
    const afterCall = async () => {
      const session = current();
      if (!session || sameTokens(known, session)) return;
      known = session;
      await save(session);
    };
    return { ...base, network: 'bluesky', connection: watched(ctx, accountId, inner, afterCall) };
  }
  if (account.network === 'mastodon') {
    const credentials = JSON.parse(ctx.secretBox.open(account.credentialsSealed)) as MastodonCredentials;
    const connector = createMastodonConnector({ publishLog: createDbPublishLog(ctx.database.db, accountId) });
    const inner = await guarded(ctx, accountId, () => connector.connect(credentials));
    return { ...base, network: 'mastodon', connection: watched(ctx, accountId, inner, async () => {}) };
  }
  throw new ConnectorError('rejected', `Kolorob cannot connect ${account.network} accounts yet.`);
}

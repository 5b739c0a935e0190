// Reads each connected account's inbox from its network and keeps what it read. The new items and the
// account's cursors are written in one transaction, so a crash between them cannot skip or lose items,
// and an item read twice (a restart, two processes) is stored once: (account_id, remote_id) is unique.
// A failing account waits longer before each new try (the network's Retry-After when it gave one).
import { and, sql as dsql, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { inboxItems, inboxSources, socialAccounts } from '../../db/schema.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { createConnectionCache } from '../../networks/connectionCache.ts';
import { ConnectorError } from '../../networks/connector.ts';
import type { InboxEntry, InboxReader } from '../../networks/inboxReader.ts';
import type { CommandContext } from '../context.ts';

export type InboxSourceRow = typeof inboxSources.$inferSelect;
export type InboxItemRow = typeof inboxItems.$inferSelect;

/** Longest wait between polls of a failing account. */
const MAX_BACKOFF_MS = 15 * 60_000;
/** A claimed poll that never finished (the process died) is tried again after this long. */
const CLAIM_LEASE_MS = 2 * 60_000;

export type InboxReaderFor = (accountId: string) => Promise<InboxReader>;

/** Opens each account's inbox reader once and keeps it while the account row stays as it was. */
export function createInboxReaders(ctx: CommandContext): {
  readerFor: InboxReaderFor;
  drop(accountId: string): void;
} {
  const cache = createConnectionCache<InboxReader>(async (accountId) => {
    const { connection } = await openAccountConnection(ctx, accountId);
    if (!connection.inbox) {
      throw new ConnectorError('rejected', 'This account’s network has no inbox Kolorob can read.');
    }
    return connection.inbox();
  });
  return {
    async readerFor(accountId) {
      const [account] = await ctx.database.db
        .select({
          stamp: dsql<string>`md5(${socialAccounts.status} || ${socialAccounts.credentialsSealed})`,
          status: socialAccounts.status,
        })
        .from(socialAccounts)
        .where(eq(socialAccounts.id, accountId));
      if (!account) throw new ConnectorError('rejected', 'The account is no longer connected.');
      if (account.status === 'needs_reconnect') {
        throw new ConnectorError('auth', 'The account needs reconnecting in Settings → Accounts.');
      }
      return cache.get(accountId, account.stamp);
    },
    drop: (accountId) => cache.drop(accountId),
  };
}

/** Gives every connected account a polling row, due at once. */
export async function ensureInboxSources(ctx: CommandContext): Promise<void> {
  await ctx.database.executor.executeSql(
    `INSERT INTO inbox_sources (account_id, workspace_id, next_poll_at)
     SELECT id, workspace_id, now() FROM social_accounts WHERE status = 'connected'
     ON CONFLICT (account_id) DO NOTHING`,
  );
}

/**
 * Claims the accounts due for a poll: those whose time has come, and in the watched workspaces (someone
 * has the inbox open) those not polled for `liveMs` unless they are failing. The claim moves the next
 * poll time on, so another process looking at the same moment leaves them alone.
 */
export async function claimDueSources(
  ctx: CommandContext,
  options: { watchedWorkspaceIds: string[]; liveMs: number; limit: number },
): Promise<InboxSourceRow[]> {
  const due = or(
    isNull(inboxSources.nextPollAt),
    lte(inboxSources.nextPollAt, dsql`now()`),
    options.watchedWorkspaceIds.length > 0
      ? and(
          inArray(inboxSources.workspaceId, options.watchedWorkspaceIds),
          eq(inboxSources.failures, 0),
          or(
            isNull(inboxSources.lastPolledAt),
            lte(inboxSources.lastPolledAt, dsql`now() - ${options.liveMs} * interval '1 millisecond'`),
          ),
        )
      : undefined,
  );
  const candidates = await ctx.database.db
    .select({ accountId: inboxSources.accountId })
    .from(inboxSources)
    .innerJoin(socialAccounts, eq(socialAccounts.id, inboxSources.accountId))
    .where(and(eq(socialAccounts.status, 'connected'), due))
    .orderBy(inboxSources.nextPollAt)
    .limit(options.limit);
  const claimed: InboxSourceRow[] = [];
  for (const { accountId } of candidates) {
    const [row] = await ctx.database.db
      .update(inboxSources)
      .set({
        nextPollAt: dsql`now() + ${CLAIM_LEASE_MS} * interval '1 millisecond'`,
        lastPolledAt: dsql`now()`,
      })
      .where(and(eq(inboxSources.accountId, accountId), due))
      .returning();
    if (row) claimed.push(row);
  }
  return claimed;
}

function backoffMs(failures: number, intervalMs: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
}

/** PostgreSQL text cannot hold U+0000; a network can send it. */
const clean = (text: string) => text.replaceAll('\u0000', '');

function itemValues(workspaceId: string, accountId: string, entry: InboxEntry) {
  const at = new Date(entry.createdAt);
  return {
    workspaceId,
    accountId,
    kind: entry.kind,
    remoteId: entry.remoteId,
    remoteUrl: entry.remoteUrl,
    remoteCid: entry.cid ?? null,
    replyRef: entry.replyRef,
    conversationId: entry.conversationId ?? null,
    authorRemoteId: entry.author.remoteId,
    authorHandle: clean(entry.author.handle),
    authorName: clean(entry.author.name),
    authorAvatarUrl: entry.author.avatarUrl ?? null,
    text: clean(entry.text),
    receivedAt: Number.isNaN(at.getTime()) ? new Date() : at,
  };
}

export interface InboxPollOutcome {
  inserted: InboxItemRow[];
  error?: string;
}

/** Polls one claimed account: stores what is new and its cursors together, or records the failure. */
export async function pollInboxSource(
  ctx: CommandContext,
  readerFor: InboxReaderFor,
  source: InboxSourceRow,
  intervalMs: number,
): Promise<InboxPollOutcome> {
  const where = eq(inboxSources.accountId, source.accountId);
  try {
    const reader = await readerFor(source.accountId);
    const read = await reader.read(source.cursors);
    const inserted = await ctx.database.transaction(async (tx) => {
      const rows =
        read.entries.length === 0
          ? []
          : await tx
              .insert(inboxItems)
              .values(read.entries.map((entry) => itemValues(source.workspaceId, source.accountId, entry)))
              .onConflictDoNothing({ target: [inboxItems.accountId, inboxItems.remoteId] })
              .returning();
      await tx
        .update(inboxSources)
        .set({
          cursors: { ...source.cursors, ...read.cursors },
          lastPolledAt: dsql`now()`,
          nextPollAt: dsql`now() + ${intervalMs} * interval '1 millisecond'`,
          failures: 0,
          lastError: null,
        })
        .where(where);
      return rows;
    });
    return { inserted };
  } catch (error) {
    const message =
      error instanceof ConnectorError
        ? error.message
        : 'The network could not be reached; trying again shortly.';
    const retryAfter = error instanceof ConnectorError ? error.retryAfterMs : undefined;
    const wait = Math.max(retryAfter ?? 0, backoffMs(source.failures + 1, intervalMs));
    await ctx.database.db
      .update(inboxSources)
      .set({
        failures: source.failures + 1,
        lastError: message,
        nextPollAt: dsql`now() + ${wait} * interval '1 millisecond'`,
      })
      .where(where);
    return { inserted: [], error: message };
  }
}

// Keeps the inbox current, one hub per process and database. Polling: every connected account is read
// every KOLOROB_INBOX_POLL_MS (60 s by default), and while someone has a workspace's inbox open its
// accounts are read more often (every few seconds); a claim in the database keeps two processes from
// reading one account at once, and the unique (account, remote id) keeps an item read twice stored once.
// Watching: an open inbox is sent the items created or changed since it opened, read from the database
// each second, so items stored, assigned or resolved by another process reach it too.
import { gt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { inboxItems } from '../../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { type InboxItemView, itemViews } from './inboxItems.ts';
import {
  claimDueSources,
  createInboxReaders,
  ensureInboxSources,
  type InboxReaderFor,
  pollInboxSource,
} from './inboxPolling.ts';

export type InboxHubEvent =
  /** Items that arrived since the inbox was opened. */
  | { type: 'new'; items: InboxItemView[] }
  /** Items assigned, tagged, resolved or reopened since. */
  | { type: 'changed'; items: InboxItemView[] };

type Listener = (event: InboxHubEvent) => void;

/** The poll interval from KOLOROB_INBOX_POLL_MS (at least 1 s), 60 s by default. */
export function inboxPollInterval(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.KOLOROB_INBOX_POLL_MS);
  return Number.isFinite(value) && value >= 1000 ? value : 60_000;
}

export interface InboxPollingOptions {
  /** Time between reads of an account nobody is watching. */
  intervalMs?: number;
  /** Time between reads of an account whose inbox is open; at most intervalMs. */
  liveIntervalMs?: number;
  /** How often the hub looks for due accounts. */
  tickMs?: number;
  /** Accounts read at once. */
  concurrency?: number;
  readerFor?: InboxReaderFor;
}

/** Rows committed late can carry an earlier updated_at than rows already seen; look back this far. */
const OVERLAP_MS = 5_000;
const WATCH_TICK_MS = 1_000;

/** Follows one workspace's items for its open inboxes. */
class WorkspaceFollower {
  readonly listeners = new Set<Listener>();
  private readonly startedAt = new Date();
  private since = new Date();
  private readonly sent = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly database: Database,
    private readonly workspaceId: string,
  ) {
    this.timer = setInterval(() => void this.check(), WATCH_TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async check(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const from = new Date(this.since.getTime() - OVERLAP_MS);
      const changed = await itemViews(
        this.database.db,
        this.workspaceId,
        gt(inboxItems.updatedAt, from),
        500,
      );
      const fresh: InboxItemView[] = [];
      const updated: InboxItemView[] = [];
      for (const item of changed.reverse()) {
        const at = new Date(item.updatedAt);
        if (at > this.since) this.since = at;
        if (this.sent.get(item.id) === item.updatedAt) continue;
        const known = this.sent.has(item.id);
        this.sent.set(item.id, item.updatedAt);
        // An item stored after the inbox opened is new to it; anything else changed.
        if (!known && new Date(item.createdAt) >= this.startedAt) fresh.push(item);
        else updated.push(item);
      }
      for (const listener of this.listeners) {
        if (fresh.length > 0) listener({ type: 'new', items: fresh });
        if (updated.length > 0) listener({ type: 'changed', items: updated });
      }
    } catch {
      // The database was busy or closing; the next check looks again.
    } finally {
      this.running = false;
    }
  }
}

export class InboxHub {
  private readonly followers = new Map<string, WorkspaceFollower>();
  private pollTimer: NodeJS.Timeout | undefined;
  private polling:
    | (Required<Omit<InboxPollingOptions, 'readerFor'>> & { readerFor: InboxReaderFor })
    | undefined;
  private readonly busy = new Set<string>();
  private ticking = false;
  private closed = false;

  constructor(private readonly ctx: CommandContext) {}

  /** Starts reading every connected account's inbox (again, after stopPolling). */
  startPolling(options: InboxPollingOptions = {}): void {
    const intervalMs = options.intervalMs ?? inboxPollInterval();
    this.polling = {
      intervalMs,
      liveIntervalMs: Math.min(options.liveIntervalMs ?? 5_000, intervalMs),
      tickMs: options.tickMs ?? 1_000,
      concurrency: options.concurrency ?? 4,
      readerFor: options.readerFor ?? createInboxReaders(this.ctx).readerFor,
    };
    this.closed = false;
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => void this.tick(), this.polling.tickMs);
    void this.tick();
  }

  stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.polling = undefined;
  }

  /** Sends the workspace's new and changed items to the listener until the returned function is called. */
  watch(workspaceId: string, listener: Listener): () => void {
    let follower = this.followers.get(workspaceId);
    if (!follower) {
      follower = new WorkspaceFollower(this.ctx.database, workspaceId);
      this.followers.set(workspaceId, follower);
    }
    follower.listeners.add(listener);
    // Someone opened the inbox: its accounts are due sooner.
    void this.tick();
    return () => {
      follower.listeners.delete(listener);
      if (follower.listeners.size === 0) {
        follower.stop();
        this.followers.delete(workspaceId);
      }
    };
  }

  close(): void {
    this.closed = true;
    this.stopPolling();
    for (const follower of this.followers.values()) follower.stop();
    this.followers.clear();
  }

  private async tick(): Promise<void> {
    const polling = this.polling;
    if (!polling || this.ticking || this.closed) return;
    this.ticking = true;
    try {
      await ensureInboxSources(this.ctx);
      const free = polling.concurrency - this.busy.size;
      if (free <= 0) return;
      const claimed = await claimDueSources(this.ctx, {
        watchedWorkspaceIds: [...this.followers.keys()],
        liveMs: polling.liveIntervalMs,
        limit: free,
      });
      for (const source of claimed) {
        if (this.busy.has(source.accountId)) continue;
        this.busy.add(source.accountId);
        void pollInboxSource(this.ctx, polling.readerFor, source, polling.intervalMs)
          .then((outcome) => {
            const follower = this.followers.get(source.workspaceId);
            if (follower && outcome.inserted.length > 0) void follower.check();
          })
          .catch(() => {
            // Recorded on the source row by pollInboxSource; a database failure waits for the next tick.
          })
          .finally(() => this.busy.delete(source.accountId));
      }
    } catch {
      // The database was busy or closing; the next tick tries again.
    } finally {
      this.ticking = false;
    }
  }
}

const hubs = new WeakMap<Database, InboxHub>();

/** The process's inbox hub for this database (made on first use, without polling). */
export function inboxHubFor(ctx: CommandContext): InboxHub {
  let hub = hubs.get(ctx.database);
  if (!hub) {
    hub = new InboxHub(ctx);
    hubs.set(ctx.database, hub);
  }
  return hub;
}

export interface InboxPolling {
  stop(): void;
}

/** Starts polling every connected account's inbox in this process; stop() ends it. */
export function startInboxPolling(ctx: CommandContext, options: InboxPollingOptions = {}): InboxPolling {
  const hub = inboxHubFor(ctx);
  hub.startPolling(options);
  return { stop: () => hub.stopPolling() };
}

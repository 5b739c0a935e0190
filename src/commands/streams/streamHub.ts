// Keeps open boards live. While someone has a board open, the hub polls each of its column sources
// when due (every interval, later after failures, never two polls of one account at once, a few polls
// at a time in all) and hands what was new to every open board showing that source. Sources nobody
// watches are not polled.
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import { streamSources } from '../../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { createSourceFetcher, pollSource, type SourceFetcher, type SourceRow } from './columnSources.ts';

export type HubEvent =
  | { type: 'items'; sourceKey: string; items: StreamItem[] }
  | { type: 'source-error'; sourceKey: string; message: string }
  | { type: 'source-ok'; sourceKey: string };

type Listener = (event: HubEvent) => void;

interface Watch {
  workspaceId: string;
  sourceKeys: Set<string>;
  listener: Listener;
}

export interface StreamHubOptions {
  /** Time between polls of a healthy source. */
  intervalMs: number;
  /** How often the hub looks for due sources. */
  tickMs?: number;
  /** Polls running at once, over all accounts. */
  concurrency?: number;
  fetcher?: SourceFetcher;
}

/** The poll interval from KOLOROB_STREAM_POLL_MS (at least 1 s), 60 s by default. */
export function streamPollInterval(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.KOLOROB_STREAM_POLL_MS);
  return Number.isFinite(value) && value >= 1000 ? value : 60_000;
}

export class StreamHub {
  readonly fetcher: SourceFetcher;
  private readonly watches = new Set<Watch>();
  private readonly polling = new Set<string>();
  private readonly busyAccounts = new Set<string>();
  /** Sources whose last poll failed, so a recovery is announced once. */
  private readonly failing = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private closed = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly options: StreamHubOptions,
  ) {
    this.fetcher = options.fetcher ?? createSourceFetcher(ctx);
  }

  /** Watches the sources until the returned function is called; due sources are polled right away. */
  watch(workspaceId: string, sourceKeys: Iterable<string>, listener: Listener): () => void {
    const watch: Watch = { workspaceId, sourceKeys: new Set(sourceKeys), listener };
    this.watches.add(watch);
    this.timer ??= setInterval(() => void this.tick(), this.options.tickMs ?? 1000);
    void this.tick();
    return () => {
      this.watches.delete(watch);
      if (this.watches.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.watches.clear();
  }

  private emit(workspaceId: string, event: HubEvent): void {
    for (const watch of this.watches) {
      if (watch.workspaceId === workspaceId && watch.sourceKeys.has(event.sourceKey)) watch.listener(event);
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      const byWorkspace = new Map<string, Set<string>>();
      for (const watch of this.watches) {
        const keys = byWorkspace.get(watch.workspaceId) ?? new Set<string>();
        for (const key of watch.sourceKeys) keys.add(key);
        byWorkspace.set(watch.workspaceId, keys);
      }
      const due: SourceRow[] = [];
      for (const [workspaceId, keys] of byWorkspace) {
        if (keys.size === 0) continue;
        due.push(
          ...(await this.ctx.database.db
            .select()
            .from(streamSources)
            .where(
              and(
                eq(streamSources.workspaceId, workspaceId),
                inArray(streamSources.sourceKey, [...keys]),
                lte(streamSources.nextPollAt, new Date()),
              ),
            )),
        );
      }
      // The longest overdue first, so a source polled often never starves the others of its account.
      due.sort((a, b) => a.nextPollAt.getTime() - b.nextPollAt.getTime());
      const limit = this.options.concurrency ?? 4;
      for (const source of due) {
        if (this.polling.size >= limit) break;
        const id = `${source.workspaceId}|${source.sourceKey}`;
        if (this.polling.has(id)) continue;
        if (source.accountId && this.busyAccounts.has(source.accountId)) continue;
        this.polling.add(id);
        if (source.accountId) this.busyAccounts.add(source.accountId);
        void this.poll(source).finally(() => {
          this.polling.delete(id);
          if (source.accountId) this.busyAccounts.delete(source.accountId);
          // The account is free again: its next due source need not wait for the next tick.
          if (!this.closed && this.watches.size > 0) setImmediate(() => void this.tick());
        });
      }
    } catch {
      // The database was busy or closing; the next tick tries again.
    } finally {
      this.ticking = false;
    }
  }

  private async poll(source: SourceRow): Promise<void> {
    const outcome = await pollSource(this.ctx, this.fetcher, source, this.options.intervalMs).catch(() => ({
      newItems: [],
      error: 'The column could not be refreshed; trying again shortly.',
    }));
    if (this.closed) return;
    const id = `${source.workspaceId}|${source.sourceKey}`;
    if (outcome.error) {
      this.failing.add(id);
      this.emit(source.workspaceId, {
        type: 'source-error',
        sourceKey: source.sourceKey,
        message: outcome.error,
      });
      return;
    }
    if (this.failing.delete(id))
      this.emit(source.workspaceId, { type: 'source-ok', sourceKey: source.sourceKey });
    if (outcome.newItems.length > 0) {
      this.emit(source.workspaceId, { type: 'items', sourceKey: source.sourceKey, items: outcome.newItems });
    }
  }
}

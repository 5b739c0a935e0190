// Live status of a workspace's posts for the planner, as Server-Sent Events. One poller per workspace
// reads the targets changed since it last looked and hands them to every open page of that workspace;
// reading the database means a change made by a worker in another process is seen too.
import type { Database } from '../../db/database.ts';

export interface TargetChange {
  id: string;
  postId: string;
  status: string;
  version: number;
  scheduledAt: string | null;
  publishedAt: string | null;
  remoteUrl: string | null;
  lastError: string | null;
}

type Listener = (changes: TargetChange[]) => void;

/** Rows committed late can carry an earlier updated_at than rows already seen; look back this far. */
const OVERLAP_MS = 5_000;

class WorkspacePoller {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private since = new Date();
  /** id → version@status already sent, for rows seen again inside the overlap. */
  private readonly sent = new Map<string, string>();
  private running = false;

  constructor(
    private readonly database: Database,
    private readonly workspaceId: string,
    private readonly intervalMs: number,
  ) {}

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  get idle(): boolean {
    return this.listeners.size === 0;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const from = new Date(this.since.getTime() - OVERLAP_MS);
      const { rows } = await this.database.executor.executeSql(
        `SELECT id, post_id, status, version, scheduled_at, published_at, remote_url, last_error, updated_at
           FROM post_targets WHERE workspace_id = $1 AND updated_at > $2 ORDER BY updated_at LIMIT 500`,
        [this.workspaceId, from.toISOString()],
      );
      const changes: TargetChange[] = [];
      for (const row of rows as Record<string, unknown>[]) {
        const updatedAt = new Date(row.updated_at as string);
        if (updatedAt > this.since) this.since = updatedAt;
        const mark = `${row.version}@${row.status}`;
        if (this.sent.get(row.id as string) === mark) continue;
        this.sent.set(row.id as string, mark);
        const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
        changes.push({
          id: row.id as string,
          postId: row.post_id as string,
          status: row.status as string,
          version: Number(row.version),
          scheduledAt: iso(row.scheduled_at),
          publishedAt: iso(row.published_at),
          remoteUrl: (row.remote_url as string | null) ?? null,
          lastError: (row.last_error as string | null) ?? null,
        });
      }
      if (this.sent.size > 10_000) this.sent.clear();
      if (changes.length > 0) for (const listener of this.listeners) listener(changes);
    } catch {
      // The database may be closing; the next tick tries again.
    } finally {
      this.running = false;
    }
  }
}

export class PostEvents {
  private readonly pollers = new Map<string, WorkspacePoller>();

  constructor(
    private readonly database: Database,
    private readonly intervalMs = 1_000,
  ) {}

  subscribe(workspaceId: string, listener: Listener): () => void {
    let poller = this.pollers.get(workspaceId);
    if (!poller) {
      poller = new WorkspacePoller(this.database, workspaceId, this.intervalMs);
      this.pollers.set(workspaceId, poller);
    }
    const unsubscribe = poller.add(listener);
    return () => {
      unsubscribe();
      if (poller.idle) this.pollers.delete(workspaceId);
    };
  }

  close(): void {
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }
}

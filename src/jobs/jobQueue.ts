// pg-boss on either engine: the queue every background job goes through. A job is enqueued in the
// same transaction as the row it belongs to, so a rollback drops both.
import PgBoss from 'pg-boss';
import type { Database, SqlExecutor } from '../db/database.ts';

export interface JobQueue {
  /** Enqueues a job; pass the transaction's executor so the job commits or rolls back with it. */
  send<T extends object>(
    queue: string,
    data: T,
    options?: { startAfter?: Date; in?: SqlExecutor },
  ): Promise<string | null>;
  /**
   * Runs handler for each job. With `batchSize` above 1 a poll takes up to that many due jobs and
   * handles them side by side: pg-boss waits out the polling interval after each poll, so one job per
   * poll would cap a worker at one job a second.
   */
  /**
   * Creates the queue if needed. Call it before a transaction that sends to the queue: on the
   * embedded engine, creating it inside would wait on the transaction's own session.
   */
  prepare(queue: string): Promise<void>;
  work<T>(
    queue: string,
    handler: (data: T) => Promise<void>,
    options?: { batchSize?: number },
  ): Promise<void>;
  schedule(queue: string, cron: string): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

export interface JobQueueOptions {
  /** How often an idle worker looks for due jobs; bounds how late a delayed job can run. */
  pollingIntervalSeconds?: number;
  /** Run cron schedules and maintenance in this process (one per deployment is enough, any is fine). */
  supervise?: boolean;
}

export async function startJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  let stopped = false;
  const boss = new PgBoss({
    db: {
      executeSql: (text, values) => {
        const result = database.executor.executeSql(text, values);
        // A handler still running when stop() gave up waiting for it completes its job afterwards,
        // and pg-boss does not wait for that write: once the database is closed it would reject with
        // nobody listening. After stop() such a failed write is left unanswered instead; the job stays
        // active and is retried after it expires, like one cut short by a killed process (publishing
        // is idempotent).
        return stopped ? result.catch(() => new Promise<never>(() => {})) : result;
      },
    },
    schema: 'pgboss',
    supervise: options.supervise ?? true,
    schedule: options.supervise ?? true,
    migrate: true,
    // Finished jobs may hold links with one-time tokens: keep them only briefly.
    deleteAfterHours: 24,
    archiveCompletedAfterSeconds: 3600,
  });
  boss.on('error', (err: Error) => {
    process.emitWarning(`job queue: ${err.message}`);
  });
  // pg-boss creates its schema on first start; two processes doing that at once collide.
  await database.duringStartup(() => boss.start());
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    // Processes starting together may create the same queue at once; PostgreSQL then reports a
    // deadlock or a duplicate to all but one. The queue exists afterwards, so look again and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await boss.getQueue(name))) await boss.createQueue(name);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
      }
    }
    created.add(name);
  };

  return {
    boss,
    prepare: ensureQueue,
    async send(queue, data, opts = {}) {
      await ensureQueue(queue);
      return boss.send(queue, data, {
        startAfter: opts.startAfter,
        retryLimit: 5,
        retryDelay: 5,
        retryBackoff: true,
        db: opts.in ? { executeSql: (text, values) => opts.in!.executeSql(text, values) } : undefined,
      });
    },
    async work(queue, handler, workOptions = {}) {
      await ensureQueue(queue);
      const batchSize = workOptions.batchSize ?? 1;
      await boss.work(queue, { pollingIntervalSeconds, batchSize }, async (jobs) => {
        if (batchSize === 1) {
          for (const job of jobs) await handler(job.data as never);
          return;
        }
        // A batch completes or fails as one in pg-boss; a handler that must not be retried catches its own errors.
        await Promise.all(jobs.map((job) => handler(job.data as never)));
      });
    },
    async schedule(queue, cron) {
      await ensureQueue(queue);
      await boss.schedule(queue, cron);
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      stopped = true;
    },
  };
}

// Finishes what a crash interrupted. A target left "publishing" longer than a publish can take is
// looked up on its network by its publish key: found means it went out (record it), not found means
// it did not (schedule it again; the publish key keeps a late first attempt from doubling it). A
// scheduled target long past its time with no job waiting for it gets a new job.
import { and, sql as dsql, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { postTargets, publishAttempts, socialAccounts } from '../db/schema.ts';
import { ConnectorError, type RemotePost } from '../networks/connector.ts';
import type { JobQueue } from './jobQueue.ts';
import { enqueuePublish, PUBLISH_TARGET } from './publishQueue.ts';
import { type AccountConnectionHandle, recordPublished } from './publishTargetJob.ts';

export const RECONCILE_PUBLISHING = 'reconcile-publishing';

export interface ReconcileDeps {
  database: Database;
  jobs: JobQueue;
  connectionFor(accountId: string): Promise<AccountConnectionHandle>;
}

export interface ReconcileOptions {
  /** A target publishing for longer than this is taken to be interrupted. */
  stuckAfterSeconds?: number;
  /** A scheduled target this long past its time, with no live job, has lost its job. */
  lostAfterSeconds?: number;
  /** Targets looked at per run. */
  limit?: number;
}

export interface ReconcileReport {
  found: number;
  rescheduled: number;
  failed: number;
  requeued: number;
  errors: number;
}

export async function reconcilePublishing(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const stuckAfter = options.stuckAfterSeconds ?? 120;
  const lostAfter = options.lostAfterSeconds ?? 60;
  const limit = options.limit ?? 200;
  const report: ReconcileReport = { found: 0, rescheduled: 0, failed: 0, requeued: 0, errors: 0 };
  const { db } = deps.database;

  const stuck = await db
    .select({
      id: postTargets.id,
      version: postTargets.version,
      accountId: postTargets.accountId,
      publishKey: postTargets.publishKey,
      publishingSince: postTargets.publishingSince,
      handle: socialAccounts.handle,
    })
    .from(postTargets)
    .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
    .where(
      and(
        eq(postTargets.status, 'publishing'),
        lt(postTargets.publishingSince, dsql`now() - make_interval(secs => ${stuckAfter})`),
      ),
    )
    .limit(limit);

  const connections = new Map<string, Promise<AccountConnectionHandle>>();
  const connectionFor = (accountId: string) => {
    let c = connections.get(accountId);
    if (!c) {
      c = deps.connectionFor(accountId);
      // A failed sign-in is retried next run, not cached for the rest of this one.
      c.catch(() => connections.delete(accountId));
      connections.set(accountId, c);
    }
    return c;
  };

  for (const target of stuck) {
    let remote: RemotePost | undefined;
    try {
      const { connection } = await connectionFor(target.accountId);
      remote = await connection.findPublished(target.publishKey);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') {
        // Whether it went out cannot be known until the account is reconnected; a retry then looks it up first.
        const reason = `Reconnect @${target.handle}: ${error.message}`;
        const moved = await deps.database.transaction(async (tx) => {
          const rows = await tx
            .update(postTargets)
            .set({ status: 'failed', lastError: reason, publishingSince: null, updatedAt: new Date() })
            .where(stillStuck(target))
            .returning({ id: postTargets.id });
          return rows.length;
        });
        report.failed += moved;
      } else {
        report.errors++;
      }
      continue;
    }
    await deps.database.transaction(async (tx, sql) => {
      const [open] = await tx
        .select({ id: publishAttempts.id })
        .from(publishAttempts)
        .where(and(eq(publishAttempts.targetId, target.id), isNull(publishAttempts.finishedAt)))
        .orderBy(dsql`${publishAttempts.startedAt} DESC`)
        .limit(1);
      if (remote) {
        if (await recordPublished(deps.jobs, tx, sql, target, remote, open?.id, 'found')) report.found++;
        return;
      }
      const [row] = await tx
        .update(postTargets)
        .set({
          status: 'scheduled',
          publishingSince: null,
          lastError: 'Publishing was interrupted; trying again.',
          version: dsql`${postTargets.version} + 1`,
          updatedAt: new Date(),
        })
        .where(stillStuck(target))
        .returning({ version: postTargets.version });
      if (!row) return;
      if (open) {
        await tx
          .update(publishAttempts)
          .set({ finishedAt: new Date(), outcome: 'interrupted' })
          .where(eq(publishAttempts.id, open.id));
      }
      await enqueuePublish(deps.jobs, sql, { targetId: target.id, version: row.version }, new Date());
      report.rescheduled++;
    });
  }

  // Due targets with no job that could still run them: none waiting, and none running recently
  // (a job that was running when its process died stays "active" until pg-boss expires it).
  const lost = (
    await deps.database.executor.executeSql(
      `SELECT t.id, t.version FROM post_targets t
        WHERE t.status = 'scheduled'
          AND t.scheduled_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (
            SELECT 1 FROM post_targets p
             WHERE p.id = t.reply_to_target_id AND p.status IN ('scheduled', 'publishing'))
          AND NOT EXISTS (
            SELECT 1 FROM pgboss.job j
             WHERE j.name = $2
               AND j.data->>'targetId' = t.id::text
               AND (j.data->>'version')::int = t.version
               AND (j.state IN ('created', 'retry')
                    OR (j.state = 'active' AND j.started_on > now() - make_interval(secs => $1))))
        LIMIT $3`,
      [lostAfter, PUBLISH_TARGET, limit],
    )
  ).rows as { id: string; version: number }[];
  for (const target of lost) {
    await deps.database.transaction(async (_tx, sql) => {
      await enqueuePublish(deps.jobs, sql, { targetId: target.id, version: target.version }, new Date());
    });
    report.requeued++;
  }
  return report;
}

function stillStuck(target: { id: string; version: number; publishingSince: Date | null }) {
  return and(
    eq(postTargets.id, target.id),
    eq(postTargets.status, 'publishing'),
    eq(postTargets.version, target.version),
  );
}

/** Runs the reconciler every minute through the queue's cron, and more often when asked to. */
export async function workReconcilePublishing(
  deps: ReconcileDeps,
  options: ReconcileOptions & { everySeconds?: number } = {},
): Promise<{ stop(): void }> {
  const run = async () => {
    try {
      await reconcilePublishing(deps, options);
    } catch (error) {
      process.emitWarning(`reconcile publishing: ${(error as Error).message}`);
    }
  };
  await deps.jobs.work(RECONCILE_PUBLISHING, run);
  await deps.jobs.schedule(RECONCILE_PUBLISHING, '* * * * *');
  // pg-boss's cron stops at minutes; a shorter interval runs in this process as well. Reconciling is
  // safe to run in several places at once: every change re-checks the row under lock.
  const every = options.everySeconds;
  if (!every || every >= 60) return { stop() {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void run().finally(() => {
      running = false;
    });
  }, every * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

// Every hour: deletes each workspace's listening mentions, per-minute counts and alerts older than the
// workspace keeps them (90 days unless an admin chose otherwise), a slice at a time so no single
// transaction grows large.
import type { Database } from '../db/database.ts';
import type { JobQueue } from './jobQueue.ts';

export const LISTENING_PURGE = 'listening-purge';
const SLICE = 5000;

const STATEMENTS = {
  mentions: `DELETE FROM listening_mentions WHERE id IN (
    SELECT m.id FROM listening_mentions m JOIN workspaces w ON w.id = m.workspace_id
    WHERE m.posted_at < $1::timestamptz - make_interval(days => w.listening_retention_days) LIMIT ${SLICE})`,
  counts: `DELETE FROM listening_counts c USING (
    SELECT c2.query_id, c2.minute FROM listening_counts c2 JOIN workspaces w ON w.id = c2.workspace_id
    WHERE c2.minute < $1::timestamptz - make_interval(days => w.listening_retention_days) LIMIT ${SLICE}) old
    WHERE c.query_id = old.query_id AND c.minute = old.minute`,
  alerts: `DELETE FROM listening_alerts WHERE id IN (
    SELECT a.id FROM listening_alerts a JOIN workspaces w ON w.id = a.workspace_id
    WHERE a.created_at < $1::timestamptz - make_interval(days => w.listening_retention_days) LIMIT ${SLICE})`,
};

/** Deletes what is past each workspace's retention; returns how many rows of each kind went. */
export async function purgeListening(
  database: Pick<Database, 'executor'>,
  now = new Date(),
): Promise<Record<keyof typeof STATEMENTS, number>> {
  const removed = { mentions: 0, counts: 0, alerts: 0 };
  for (const kind of Object.keys(STATEMENTS) as (keyof typeof STATEMENTS)[]) {
    for (;;) {
      const { rows } = await database.executor.executeSql(
        `WITH gone AS (${STATEMENTS[kind]} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [now.toISOString()],
      );
      const n = Number((rows[0] as { n: number }).n);
      removed[kind] += n;
      if (n < SLICE) break;
    }
  }
  return removed;
}

export async function workListeningPurge(
  jobs: JobQueue,
  database: Pick<Database, 'executor'>,
): Promise<void> {
  await jobs.work(LISTENING_PURGE, async () => {
    await purgeListening(database);
  });
  await jobs.schedule(LISTENING_PURGE, '17 * * * *');
}

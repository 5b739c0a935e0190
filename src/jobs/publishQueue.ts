// The publish queue's name and job shape, shared by the commands that schedule targets and the worker.
import type { SqlExecutor } from '../db/database.ts';
import type { JobQueue } from './jobQueue.ts';

export const PUBLISH_TARGET = 'publish-target';

/** A job is for one version of a target: when the target has moved on, the job does nothing. */
export interface PublishTargetJob {
  targetId: string;
  version: number;
}

/** Enqueues the target's job inside the caller's transaction, so it commits or rolls back with the row. */
export async function enqueuePublish(
  jobs: JobQueue,
  sql: SqlExecutor,
  job: PublishTargetJob,
  startAfter: Date,
): Promise<void> {
  await jobs.send<PublishTargetJob>(PUBLISH_TARGET, job, { startAfter, in: sql });
}

/** Call before a transaction that enqueues publish jobs (see JobQueue.prepare). */
export function preparePublishQueue(jobs: JobQueue): Promise<void> {
  return jobs.prepare(PUBLISH_TARGET);
}

// The publish worker's and the reconciler's settings, read from the environment with defaults.
export interface PublishingSettings {
  /** KOLOROB_RECONCILE_AFTER_SECONDS: a target publishing this long is taken to be interrupted. */
  reconcileAfterSeconds: number;
  /** KOLOROB_RECONCILE_EVERY_SECONDS: how often the reconciler runs (60 is pg-boss's cron minute). */
  reconcileEverySeconds: number;
  /** KOLOROB_LOST_JOB_AFTER_SECONDS: a scheduled target this late with no live job gets a new one. */
  lostJobAfterSeconds: number;
  /**
   * KOLOROB_PUBLISH_BATCH: jobs a poll takes and publishes side by side, per loop. A poll that comes
   * back full makes the next loop poll at once, so this bounds the posts in flight (batch × loops per
   * process), not the posts a second.
   */
  publishBatchSize: number;
  /** KOLOROB_PUBLISH_LOOPS: polling loops per worker process, taking turns within the polling interval. */
  publishLoops: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Kolorob cannot start: ${name} must be a positive number, not "${raw}".`);
  }
  return value;
}

export function readPublishingSettings(env: NodeJS.ProcessEnv = process.env): PublishingSettings {
  return {
    reconcileAfterSeconds: positive(env, 'KOLOROB_RECONCILE_AFTER_SECONDS', 120),
    reconcileEverySeconds: positive(env, 'KOLOROB_RECONCILE_EVERY_SECONDS', 60),
    lostJobAfterSeconds: positive(env, 'KOLOROB_LOST_JOB_AFTER_SECONDS', 60),
    publishBatchSize: Math.floor(positive(env, 'KOLOROB_PUBLISH_BATCH', 50)),
    publishLoops: Math.floor(positive(env, 'KOLOROB_PUBLISH_LOOPS', 4)),
  };
}

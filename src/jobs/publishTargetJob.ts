// The publish worker. For one job {targetId, version} it claims the target under lock (only when it is
// still scheduled, at that version, and due), records the attempt, calls the network outside any
// transaction, and writes the outcome. The network call is idempotent by the target's publish key, and
// the reconciler finishes what a crash interrupted, so a post goes out once.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../commands/audit.ts';
import { type BackoffPolicy, nextRetry } from '../core/retryBackoff.ts';
import type { Database, SqlExecutor, Tx } from '../db/database.ts';
import { media, postTargets, publishAttempts, socialAccounts } from '../db/schema.ts';
import {
  type Connection,
  type Connector,
  ConnectorError,
  type ImageUpload,
  type PublishRequest,
  type RemotePost,
} from '../networks/connector.ts';
import type { JobQueue } from './jobQueue.ts';
import { enqueuePublish, PUBLISH_TARGET, type PublishTargetJob } from './publishQueue.ts';

export interface AccountConnectionHandle {
  connector: Connector<unknown>;
  connection: Connection;
}

export interface PublishDeps {
  database: Database;
  jobs: JobQueue;
  /** A signed-in connection for a stored account. */
  connectionFor(accountId: string): Promise<AccountConnectionHandle>;
  backoff?: BackoffPolicy;
  /** A job may run this much before its target's time (clocks and polling are not exact). */
  earlySlackMs?: number;
}

type TargetRow = typeof postTargets.$inferSelect;

export type PublishOutcome =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'waiting'; reason: string }
  | { outcome: 'published'; remote: RemotePost }
  | { outcome: 'retry'; delayMs: number; error: string }
  | { outcome: 'failed'; error: string };

/**
 * Why a scheduled, due target is held back instead of published, or undefined to go ahead. The one
 * place where a paused workspace (crisis mode) will stop publishing.
 */
async function holdReason(_tx: Tx, target: TargetRow): Promise<string | undefined> {
  if (target.status === 'paused') return 'The post is paused.';
  return undefined;
}

async function dbNow(sql: SqlExecutor): Promise<Date> {
  const [row] = (await sql.executeSql('SELECT now() AS now')).rows as { now: Date | string }[];
  return new Date(row!.now);
}

/** The remote post of each published ancestor, for a reply: its parent and the thread's first post. */
async function replyContext(
  tx: Tx,
  target: TargetRow,
): Promise<{ replyTo?: PublishRequest['replyTo']; blocked?: 'wait' | string }> {
  if (!target.replyToTargetId) return {};
  const chain: TargetRow[] = [];
  let parentId: string | null = target.replyToTargetId;
  while (parentId) {
    const [parent]: TargetRow[] = await tx.select().from(postTargets).where(eq(postTargets.id, parentId));
    if (!parent) return { blocked: 'The post this one replies to no longer exists.' };
    chain.push(parent);
    parentId = parent.replyToTargetId;
  }
  const parent = chain[0]!;
  if (parent.status === 'failed' || parent.status === 'cancelled') {
    return {
      blocked: 'The post this one replies to was not published, so this part of the thread was not either.',
    };
  }
  if (parent.status !== 'published' || !parent.remoteId) return { blocked: 'wait' };
  const root = chain.at(-1)!;
  const remote = (t: TargetRow): RemotePost => ({
    id: t.remoteId!,
    url: t.remoteUrl ?? '',
    cid: t.remoteCid ?? undefined,
  });
  return { replyTo: { parent: remote(parent), root: remote(root) } };
}

interface Claim {
  target: TargetRow;
  handle: string;
  attemptId: number;
  request: PublishRequest;
}

async function claim(
  deps: PublishDeps,
  job: PublishTargetJob,
): Promise<{ claim: Claim } | { done: PublishOutcome }> {
  return deps.database.transaction(async (tx, sql) => {
    const [row] = await tx
      .select({ target: postTargets, handle: socialAccounts.handle })
      .from(postTargets)
      .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
      .where(eq(postTargets.id, job.targetId))
      .for('update', { of: postTargets });
    if (!row) return { done: { outcome: 'skipped', reason: 'The target no longer exists.' } };
    const { target } = row;
    if (target.version !== job.version) {
      return {
        done: {
          outcome: 'skipped',
          reason: `The job is for version ${job.version}; the target is at ${target.version}.`,
        },
      };
    }
    const held = await holdReason(tx, target);
    if (held) return { done: { outcome: 'skipped', reason: held } };
    if (target.status !== 'scheduled') {
      return { done: { outcome: 'skipped', reason: `The target is ${target.status}.` } };
    }
    const now = await dbNow(sql);
    if (!target.scheduledAt) return { done: { outcome: 'skipped', reason: 'The target has no time.' } };
    if (target.scheduledAt.getTime() > now.getTime() + (deps.earlySlackMs ?? 1000)) {
      // Early (a clock moved): come back at the right time.
      await enqueuePublish(deps.jobs, sql, job, target.scheduledAt);
      return { done: { outcome: 'waiting', reason: 'The target is not due yet.' } };
    }
    const reply = await replyContext(tx, target);
    if (reply.blocked === 'wait') {
      // The parent's publication enqueues this target again.
      return { done: { outcome: 'waiting', reason: 'Waiting for the post it replies to.' } };
    }
    if (reply.blocked) {
      await tx
        .update(postTargets)
        .set({ status: 'failed', lastError: reply.blocked, updatedAt: now })
        .where(eq(postTargets.id, target.id));
      return { done: { outcome: 'failed', error: reply.blocked } };
    }
    const images: ImageUpload[] = [];
    if (target.media.length > 0) {
      const rows = await tx
        .select()
        .from(media)
        .where(
          and(
            eq(media.workspaceId, target.workspaceId),
            inArray(
              media.id,
              target.media.map((m) => m.mediaId),
            ),
          ),
        );
      const byId = new Map(rows.map((m) => [m.id, m]));
      for (const item of target.media) {
        const found = byId.get(item.mediaId);
        if (found)
          images.push({
            data: new Uint8Array(found.bytes),
            mimeType: found.mimeType,
            alt: item.alt || found.alt,
          });
      }
    }
    const [updated] = await tx
      .update(postTargets)
      .set({
        status: 'publishing',
        publishingSince: now,
        attempts: dsql`${postTargets.attempts} + 1`,
        updatedAt: now,
      })
      .where(eq(postTargets.id, target.id))
      .returning();
    const [attempt] = await tx
      .insert(publishAttempts)
      .values({ targetId: target.id, startedAt: now })
      .returning({ id: publishAttempts.id });
    return {
      claim: {
        target: updated!,
        handle: row.handle,
        attemptId: attempt!.id,
        request: { text: target.text, images, replyTo: reply.replyTo, publishKey: target.publishKey },
      },
    };
  });
}

/**
 * Records a publication (by the worker or the reconciler) if the target is still publishing at the
 * version it was claimed at, and wakes the thread's next part. False when the target had moved on.
 */
export async function recordPublished(
  jobs: JobQueue,
  tx: Tx,
  sql: SqlExecutor,
  target: { id: string; version: number },
  remote: RemotePost,
  attemptId: number | undefined,
  outcome: 'published' | 'found' = 'published',
): Promise<boolean> {
  const now = await dbNow(sql);
  const [row] = await tx
    .update(postTargets)
    .set({
      status: 'published',
      remoteId: remote.id,
      remoteUrl: remote.url,
      remoteCid: remote.cid ?? null,
      publishedAt: now,
      publishingSince: null,
      lastError: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(postTargets.id, target.id),
        eq(postTargets.status, 'publishing'),
        eq(postTargets.version, target.version),
      ),
    )
    .returning({ id: postTargets.id });
  if (attemptId !== undefined) {
    await tx
      .update(publishAttempts)
      .set({ finishedAt: now, outcome })
      .where(eq(publishAttempts.id, attemptId));
  }
  if (!row) return false;
  const replies = await tx
    .select({ id: postTargets.id, version: postTargets.version, scheduledAt: postTargets.scheduledAt })
    .from(postTargets)
    .where(and(eq(postTargets.replyToTargetId, target.id), eq(postTargets.status, 'scheduled')));
  for (const reply of replies) {
    const at = reply.scheduledAt && reply.scheduledAt > now ? reply.scheduledAt : now;
    await enqueuePublish(jobs, sql, { targetId: reply.id, version: reply.version }, at);
  }
  return true;
}

function describeFailure(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError('transient', `Publishing stopped unexpectedly: ${message}`);
}

async function recordFailure(
  deps: PublishDeps,
  claimed: Claim,
  error: ConnectorError,
): Promise<PublishOutcome> {
  const { target, handle } = claimed;
  return deps.database.transaction(async (tx, sql) => {
    const now = await dbNow(sql);
    const still = and(
      eq(postTargets.id, target.id),
      eq(postTargets.status, 'publishing'),
      eq(postTargets.version, target.version),
    );
    let result: PublishOutcome;
    const retryable = error.kind === 'transient' || error.kind === 'rate_limited';
    const decision = retryable
      ? nextRetry(target.attempts, { retryAfterMs: error.retryAfterMs, policy: deps.backoff })
      : ({ retry: false } as const);
    if (decision.retry) {
      const [row] = await tx
        .update(postTargets)
        .set({
          status: 'scheduled',
          lastError: error.message,
          publishingSince: null,
          version: dsql`${postTargets.version} + 1`,
          updatedAt: now,
        })
        .where(still)
        .returning({ version: postTargets.version });
      // Our own job, not a pg-boss retry: it carries the new version, so nothing else can publish it too.
      if (row)
        await enqueuePublish(
          deps.jobs,
          sql,
          { targetId: target.id, version: row.version },
          new Date(now.getTime() + decision.delayMs),
        );
      result = { outcome: 'retry', delayMs: decision.delayMs, error: error.message };
    } else {
      const reason =
        error.kind === 'auth'
          ? `Reconnect @${handle}: ${error.message}`
          : retryable
            ? `Gave up after ${target.attempts} attempts: ${error.message}`
            : error.message;
      const [row] = await tx
        .update(postTargets)
        .set({ status: 'failed', lastError: reason, publishingSince: null, updatedAt: now })
        .where(still)
        .returning({ id: postTargets.id });
      if (row) {
        await recordAudit(tx, {
          workspaceId: target.workspaceId,
          actorId: null,
          action: 'post_target.failed',
          targetType: 'post_target',
          targetId: target.id,
          after: { reason, kind: error.kind },
        });
      }
      result = { outcome: 'failed', error: reason };
    }
    await tx
      .update(publishAttempts)
      .set({ finishedAt: now, outcome: result.outcome, error: error.message })
      .where(eq(publishAttempts.id, claimed.attemptId));
    return result;
  });
}

/** Handles one publish job; never throws for a network's answer, so pg-boss does not retry it. */
export async function publishTarget(deps: PublishDeps, job: PublishTargetJob): Promise<PublishOutcome> {
  const claimedOrDone = await claim(deps, job);
  if ('done' in claimedOrDone) return claimedOrDone.done;
  const claimed = claimedOrDone.claim;
  let remote: RemotePost;
  try {
    const { connection } = await deps.connectionFor(claimed.target.accountId);
    remote = await connection.publish(claimed.request);
  } catch (error) {
    return recordFailure(deps, claimed, describeFailure(error));
  }
  await deps.database.transaction((tx, sql) =>
    recordPublished(deps.jobs, tx, sql, claimed.target, remote, claimed.attemptId),
  );
  return { outcome: 'published', remote };
}

export interface PublishWorkerOptions {
  /** Jobs one poll takes and publishes side by side. */
  batchSize?: number;
  /** Polling loops; several loops at different phases shorten the wait for a due job. */
  loops?: number;
}

export async function workPublishTarget(
  deps: PublishDeps,
  options: PublishWorkerOptions = {},
  onOutcome?: (job: PublishTargetJob, outcome: PublishOutcome) => void,
): Promise<void> {
  for (let i = 0; i < (options.loops ?? 4); i++) {
    await deps.jobs.work<PublishTargetJob>(
      PUBLISH_TARGET,
      async (job) => {
        try {
          // Not `onOutcome?.(job, await ...)`: without a listener that would skip the publish itself.
          const outcome = await publishTarget(deps, job);
          onOutcome?.(job, outcome);
        } catch (error) {
          // The database failed us mid-way. Failing the job would make pg-boss retry the whole batch;
          // the reconciler instead picks up this target (stuck publishing, or due without a job).
          process.emitWarning(`publish ${job.targetId}: ${(error as Error).message}`);
        }
      },
      { batchSize: options.batchSize ?? 10 },
    );
  }
}

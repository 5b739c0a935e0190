// The publish worker. For each job {targetId, version} it claims the target under lock (only when it
// is still scheduled, at that version, and due), records the attempt, calls the network outside any
// transaction, and writes the outcome. The network call is idempotent by the target's publish key, and
// the reconciler finishes what a crash interrupted, so a post goes out once. Jobs running at the same
// time share their claim and their outcome transactions, and connections are kept per account, so a
// burst of due posts costs a few transactions and one sign-in per account rather than several each.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../commands/audit.ts';
import { notify, prepareNotify } from '../commands/notifications/notify.ts';
import { readConfig } from '../config.ts';
import { type BackoffPolicy, nextRetry } from '../core/retryBackoff.ts';
import type { Database, SqlExecutor, Tx } from '../db/database.ts';
import { media, posts, postTargets, publishAttempts, socialAccounts, workspaces } from '../db/schema.ts';
import { excerpt } from '../mail/notificationMail.ts';
import { type ConnectionCache, createConnectionCache } from '../networks/connectionCache.ts';
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
  /**
   * Connections kept between jobs (workPublishTarget makes one from connectionFor); without it every
   * job signs in again.
   */
  connections?: ConnectionCache<AccountConnectionHandle>;
  backoff?: BackoffPolicy;
  /** A job may run this much before its target's time (clocks and polling are not exact). */
  earlySlackMs?: number;
  /** Where the web app lives, for the links in notifications (the configured public URL by default). */
  publicUrl?: string;
}

type TargetRow = typeof postTargets.$inferSelect;

export type PublishOutcome =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'waiting'; reason: string }
  | { outcome: 'published'; remote: RemotePost }
  | { outcome: 'retry'; delayMs: number; error: string }
  | { outcome: 'failed'; error: string };

/**
 * Why a scheduled, due target is held back instead of published, or undefined to go ahead. Crisis mode
 * pauses the workspace's targets when it starts (and a trigger pauses any scheduled later); this is the
 * second guard: a target found scheduled in a workspace in crisis, and not published anyway by an admin,
 * is paused here, under the claim's lock, and waits for the crisis to end.
 */
async function holdReason(
  tx: Tx,
  target: TargetRow,
  crisisStartedAt: Date | null,
): Promise<string | undefined> {
  if (target.status === 'paused') return 'The post is paused.';
  if (target.status === 'scheduled' && crisisStartedAt && !target.crisisOverride) {
    await tx
      .update(postTargets)
      .set({
        status: 'paused',
        pausedByCrisis: true,
        version: dsql`${postTargets.version} + 1`,
        updatedAt: dsql`now()`,
      })
      .where(eq(postTargets.id, target.id));
    return 'The workspace is in crisis mode: the post is paused.';
  }
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
  if (!target.replyToTargetId) {
    // A reply written in Streams or the inbox answers a post already on the network.
    return target.replyToRemote ? { replyTo: target.replyToRemote } : {};
  }
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
  /** The account row as claimed; a kept connection opened for another stamp is not used. */
  accountStamp: string;
  attemptId: number;
  request: PublishRequest;
}

type ClaimResult = { claim: Claim } | { done: PublishOutcome };

/** The images of a target, read inside the claim's transaction. */
async function targetImages(tx: Tx, target: TargetRow): Promise<ImageUpload[]> {
  if (target.media.length === 0) return [];
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
  const images: ImageUpload[] = [];
  for (const item of target.media) {
    const found = byId.get(item.mediaId);
    if (found)
      images.push({
        data: new Uint8Array(found.bytes),
        mimeType: found.mimeType,
        alt: item.alt || found.alt,
      });
  }
  return images;
}

/**
 * Claims the targets of several jobs in one transaction: each target is locked (in id order, so two
 * workers never wait on each other in a circle) and checked as if it were alone, and those still
 * scheduled at the job's version and due are marked publishing, with an attempt each, in one statement.
 */
async function claimTargets(deps: PublishDeps, jobs: PublishTargetJob[]): Promise<ClaimResult[]> {
  return deps.database.transaction(async (tx, sql) => {
    const rows = await tx
      .select({
        target: postTargets,
        handle: socialAccounts.handle,
        accountStamp: dsql<string>`md5(${socialAccounts.status} || ${socialAccounts.credentialsSealed})`,
        crisisStartedAt: workspaces.crisisStartedAt,
        // The transaction's time, read with the rows rather than in a round trip of its own.
        now: dsql<Date | string>`now()`,
      })
      .from(postTargets)
      .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
      .innerJoin(workspaces, eq(workspaces.id, postTargets.workspaceId))
      .where(inArray(postTargets.id, [...new Set(jobs.map((job) => job.targetId))]))
      .orderBy(postTargets.id)
      .for('update', { of: postTargets });
    const byId = new Map(rows.map((row) => [row.target.id, row]));
    const results: ClaimResult[] = [];
    const claiming = new Map<string, number>();
    for (const [index, job] of jobs.entries()) {
      const row = byId.get(job.targetId);
      const result = await checkClaim(deps, tx, sql, job, row, claiming.has(job.targetId));
      if ('claim' in result) claiming.set(job.targetId, index);
      results.push(result);
    }
    if (claiming.size === 0) return results;
    // The rows are locked, so the values written are the values the claims carry.
    const attempts = (
      await sql.executeSql(
        `WITH claimed AS (
           UPDATE post_targets
              SET status = 'publishing', publishing_since = now(), attempts = attempts + 1, updated_at = now()
            WHERE id = ANY($1::uuid[])
        RETURNING id)
         INSERT INTO publish_attempts (target_id, started_at)
         SELECT id, now() FROM claimed RETURNING id, target_id`,
        [[...claiming.keys()]],
      )
    ).rows as { id: number | string; target_id: string }[];
    for (const attempt of attempts) {
      const result = results[claiming.get(attempt.target_id)!]!;
      if ('claim' in result) result.claim.attemptId = Number(attempt.id);
    }
    return results;
  });
}

/** Whether one locked target may be published for this job now, and what to send if so. */
async function checkClaim(
  deps: PublishDeps,
  tx: Tx,
  sql: SqlExecutor,
  job: PublishTargetJob,
  row:
    | {
        target: TargetRow;
        handle: string;
        accountStamp: string;
        crisisStartedAt: Date | null;
        now: Date | string;
      }
    | undefined,
  alreadyClaimed: boolean,
): Promise<ClaimResult> {
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
  // The same job twice in one batch: the first one publishes.
  if (alreadyClaimed) return { done: { outcome: 'skipped', reason: 'The target is publishing.' } };
  const held = await holdReason(tx, target, row.crisisStartedAt);
  if (held) return { done: { outcome: 'skipped', reason: held } };
  if (target.status !== 'scheduled') {
    return { done: { outcome: 'skipped', reason: `The target is ${target.status}.` } };
  }
  const now = new Date(row.now);
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
  return {
    claim: {
      target: {
        ...target,
        status: 'publishing',
        publishingSince: now,
        attempts: target.attempts + 1,
        updatedAt: now,
      },
      handle: row.handle,
      accountStamp: row.accountStamp,
      attemptId: 0, // Set once the attempt row exists.
      request: {
        text: target.text,
        images: await targetImages(tx, target),
        replyTo: reply.replyTo,
        ...(target.quoteOf ? { quote: target.quoteOf } : {}),
        publishKey: target.publishKey,
      },
    },
  };
}

/** A publication to record: the target as claimed, what the network answered, and the attempt. */
export interface PublishedTarget {
  target: { id: string; version: number };
  remote: RemotePost;
  attemptId: number | undefined;
  outcome?: 'published' | 'found';
}

/**
 * Records publications (by the worker or the reconciler), each only if its target is still publishing
 * at the version it was claimed at, finishes their attempts, and wakes each thread's next part, in one
 * statement. For each: false when the target had moved on.
 */
export async function recordPublishedTargets(
  jobs: JobQueue,
  sql: SqlExecutor,
  items: PublishedTarget[],
): Promise<boolean[]> {
  // The next parts of a thread are found through the post (a thread's parts belong to one post, and
  // post_id is indexed); an attempt is finished whatever became of its target.
  const rows = (
    await sql.executeSql(
      `WITH given AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
             AS g(id, version, remote_id, remote_url, remote_cid, attempt_id, outcome)),
       published AS (
         UPDATE post_targets t
            SET status = 'published', remote_id = g.remote_id, remote_url = g.remote_url,
                remote_cid = g.remote_cid, published_at = now(), publishing_since = NULL,
                last_error = NULL, updated_at = now()
           FROM given g
          WHERE t.id = g.id AND t.status = 'publishing' AND t.version = g.version
      RETURNING t.id, t.post_id, t.published_at),
       finished AS (
         UPDATE publish_attempts a SET finished_at = now(), outcome = g.outcome
           FROM given g WHERE a.id = g.attempt_id)
       SELECT p.id AS published_id, p.published_at, r.id, r.version, r.scheduled_at
         FROM published p
         LEFT JOIN post_targets r
           ON r.post_id = p.post_id AND r.reply_to_target_id = p.id AND r.status = 'scheduled'`,
      [
        items.map((i) => i.target.id),
        items.map((i) => i.target.version),
        items.map((i) => i.remote.id),
        items.map((i) => i.remote.url),
        items.map((i) => i.remote.cid ?? null),
        items.map((i) => i.attemptId ?? null),
        items.map((i) => i.outcome ?? 'published'),
      ],
    )
  ).rows as {
    published_id: string;
    published_at: Date | string;
    id: string | null;
    version: number | null;
    scheduled_at: Date | string | null;
  }[];
  for (const reply of rows) {
    if (reply.id === null || reply.version === null) continue;
    const now = new Date(reply.published_at);
    const scheduledAt = reply.scheduled_at === null ? null : new Date(reply.scheduled_at);
    await enqueuePublish(
      jobs,
      sql,
      { targetId: reply.id, version: reply.version },
      scheduledAt && scheduledAt > now ? scheduledAt : now,
    );
  }
  const published = new Set(rows.map((row) => row.published_id));
  return items.map((item) => published.has(item.target.id));
}

/**
 * Records a publication (by the worker or the reconciler) if the target is still publishing at the
 * version it was claimed at, and wakes the thread's next part. False when the target had moved on.
 */
export async function recordPublished(
  jobs: JobQueue,
  _tx: Tx,
  sql: SqlExecutor,
  target: { id: string; version: number },
  remote: RemotePost,
  attemptId: number | undefined,
  outcome: 'published' | 'found' = 'published',
): Promise<boolean> {
  const [recorded] = await recordPublishedTargets(jobs, sql, [{ target, remote, attemptId, outcome }]);
  return recorded!;
}

function describeFailure(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError('transient', `Publishing stopped unexpectedly: ${message}`);
}

let configuredPublicUrl: string | undefined;

/** The public URL from the environment, read once, for workers started without one. */
function defaultPublicUrl(): string {
  if (configuredPublicUrl === undefined) {
    try {
      configuredPublicUrl = readConfig().publicUrl;
    } catch {
      configuredPublicUrl = 'http://localhost:3000';
    }
  }
  return configuredPublicUrl;
}

/** Tells the post's author (in app and by email) that it failed for good, in the failure's transaction. */
async function notifyAuthorOfFailure(
  deps: PublishDeps,
  tx: Tx,
  sql: SqlExecutor,
  target: TargetRow,
  handle: string,
  reason: string,
): Promise<void> {
  const [post] = await tx.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, target.postId));
  if (!post?.authorId) return;
  await notify(
    {
      jobs: deps.jobs,
      config: { publicUrl: deps.publicUrl ?? defaultPublicUrl(), allowPrivateFetch: false },
    },
    tx,
    sql,
    {
      workspaceId: target.workspaceId,
      userIds: [post.authorId],
      kind: 'post_failed',
      data: { postText: excerpt(target.text), handle: `@${handle}`, error: excerpt(reason, 300) },
      link: `/w/${target.workspaceId}/publisher?post=${target.postId}`,
    },
  );
}

async function recordFailure(
  deps: PublishDeps,
  claimed: Claim,
  error: ConnectorError,
): Promise<PublishOutcome> {
  const { target, handle } = claimed;
  await prepareNotify(deps.jobs);
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
        await notifyAuthorOfFailure(deps, tx, sql, target, handle, reason);
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

/** The two database steps around the network call: for one job at a time, or grouped across jobs. */
interface PublishSteps {
  claim(job: PublishTargetJob): Promise<ClaimResult>;
  record(item: PublishedTarget): Promise<boolean>;
}

function recordInTransaction(deps: PublishDeps, items: PublishedTarget[]): Promise<boolean[]> {
  return deps.database.transaction((_tx, sql) => recordPublishedTargets(deps.jobs, sql, items));
}

function singleSteps(deps: PublishDeps): PublishSteps {
  return {
    claim: async (job) => (await claimTargets(deps, [job]))[0]!,
    record: async (item) => (await recordInTransaction(deps, [item]))[0]!,
  };
}

/**
 * Runs the calls that arrive while an earlier group is running together, as the next group (up to
 * maxGroup): one transaction for many targets, without waiting for calls that may not come. A group
 * that fails is run again one call at a time, so one bad row does not fail the others.
 */
function grouped<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  maxGroup: number,
  gatherMs = 0,
): (input: I) => Promise<O> {
  type Call = { input: I; resolve(output: O): void; reject(error: unknown): void };
  const waiting: Call[] = [];
  let running = false;
  const runAlone = async (call: Call) => {
    try {
      call.resolve((await run([call.input]))[0]!);
    } catch (error) {
      call.reject(error);
    }
  };
  const drain = async () => {
    while (waiting.length > 0) {
      const group = waiting.splice(0, maxGroup);
      try {
        const outputs = await run(group.map((call) => call.input));
        for (const [index, call] of group.entries()) call.resolve(outputs[index]!);
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else for (const call of group) await runAlone(call);
      }
    }
    running = false;
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (running) return;
      running = true;
      // At the earliest after this turn of the event loop: the jobs of one poll all start in one turn.
      if (gatherMs > 0) setTimeout(() => void drain(), gatherMs);
      else setImmediate(() => void drain());
    });
}

/** Targets claimed or recorded in one transaction at most. */
const MAX_GROUP = 200;
/**
 * How long a publication waits for others to be recorded with it. The jobs of a poll are claimed
 * together but come back from the network one by one; a few milliseconds gather them again.
 */
const RECORD_GATHER_MS = 10;

function groupedSteps(deps: PublishDeps): PublishSteps {
  return {
    claim: grouped((jobs: PublishTargetJob[]) => claimTargets(deps, jobs), MAX_GROUP),
    record: grouped(
      (items: PublishedTarget[]) => recordInTransaction(deps, items),
      MAX_GROUP,
      RECORD_GATHER_MS,
    ),
  };
}

async function publishWith(
  deps: PublishDeps,
  steps: PublishSteps,
  job: PublishTargetJob,
): Promise<PublishOutcome> {
  const claimedOrDone = await steps.claim(job);
  if ('done' in claimedOrDone) return claimedOrDone.done;
  const claimed = claimedOrDone.claim;
  const { accountId } = claimed.target;
  let remote: RemotePost;
  let opened: AccountConnectionHandle | undefined;
  try {
    opened = await (deps.connections
      ? deps.connections.get(accountId, claimed.accountStamp)
      : deps.connectionFor(accountId));
    remote = await opened.connection.publish(claimed.request);
  } catch (error) {
    const failure = describeFailure(error);
    // The next job signs in afresh (and finds the account marked if the credential is really gone).
    if (failure.kind === 'auth' && opened) deps.connections?.drop(accountId, opened);
    return recordFailure(deps, claimed, failure);
  }
  await steps.record({ target: claimed.target, remote, attemptId: claimed.attemptId });
  return { outcome: 'published', remote };
}

/** Handles one publish job; never throws for a network's answer, so pg-boss does not retry it. */
export async function publishTarget(deps: PublishDeps, job: PublishTargetJob): Promise<PublishOutcome> {
  return publishWith(deps, singleSteps(deps), job);
}

export interface PublishWorkerOptions {
  /** Jobs one poll takes and publishes side by side. */
  batchSize?: number;
  /** Polling loops: while some publish a batch, the others keep polling. */
  loops?: number;
  /** The job queue's polling interval (1 s, as the queue's default); the loops take turns within it. */
  pollingIntervalMs?: number;
}

/**
 * Publishes due targets in this process. Connections are kept per account between jobs, and the
 * database steps of jobs running at the same time share transactions (claims with claims,
 * publications with publications), which is what lets many targets due at once go out on time.
 *
 * The loops poll in turns spread over the polling interval (a due post waits interval / loops for its
 * poll at most), and a poll that came back full makes the next loop poll at once, so a burst is taken
 * as fast as it can be published rather than one batch per loop per interval.
 */
export async function workPublishTarget(
  deps: PublishDeps,
  options: PublishWorkerOptions = {},
  onOutcome?: (job: PublishTargetJob, outcome: PublishOutcome) => void,
): Promise<void> {
  const worker: PublishDeps = deps.connections
    ? deps
    : { ...deps, connections: createConnectionCache(deps.connectionFor) };
  const steps = groupedSteps(worker);
  const { boss } = worker.jobs;
  const batchSize = options.batchSize ?? 10;
  const loops = Math.max(1, options.loops ?? 4);
  const intervalMs = options.pollingIntervalMs ?? 1000;
  const publish = async (job: PublishTargetJob) => {
    try {
      // Not `onOutcome?.(job, await ...)`: without a listener that would skip the publish itself.
      const outcome = await publishWith(worker, steps, job);
      onOutcome?.(job, outcome);
    } catch (error) {
      // The database failed us mid-way. Failing the job would make pg-boss retry the whole batch;
      // the reconciler instead picks up this target (stuck publishing, or due without a job).
      process.emitWarning(`publish ${job.targetId}: ${(error as Error).message}`);
    }
  };
  // pg-boss's own loops (not JobQueue.work) for their ids: a loop can be told to poll now.
  await worker.jobs.prepare(PUBLISH_TARGET);
  // A failure notifies the author inside its transaction, where the mail queue cannot be created.
  await prepareNotify(worker.jobs);
  const ids: string[] = [];
  for (let i = 0; i < loops; i++) {
    ids.push(
      await boss.work<PublishTargetJob>(
        PUBLISH_TARGET,
        { pollingIntervalSeconds: intervalMs / 1000, batchSize },
        async (batch) => {
          if (batch.length >= batchSize) boss.notifyWorker(ids[(i + 1) % loops]!);
          await Promise.all(batch.map((job) => publish(job.data)));
        },
      ),
    );
  }
  let turn = 0;
  const turns = setInterval(() => boss.notifyWorker(ids[turn++ % loops]!), intervalMs / loops);
  turns.unref();
  boss.once('stopped', () => clearInterval(turns));
}

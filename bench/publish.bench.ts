// Publishing benchmark: 100 targets due at the same moment on the embedded engine, published through
// the real worker (its production settings, KOLOROB_PUBLISH_BATCH and KOLOROB_PUBLISH_LOOPS) and the
// real Bluesky connector to a local HTTP sink in its own process that answers Bluesky's createSession,
// getSession, getRecord and createRecord the way a PDS does, so the figures measure Kolorob rather
// than a network. Reports lateness (published at − scheduled at) p50/p99 and targets per second; the
// baseline, measured in the same run, is the sink's own rate under a bare request loop.
import { createPost } from '../src/commands/posts/createPost.ts';
import { openDatabase } from '../src/db/database.ts';
import { postTargets } from '../src/db/schema.ts';
import { startJobQueue } from '../src/jobs/jobQueue.ts';
import { readPublishingSettings } from '../src/jobs/publishingSettings.ts';
import { workPublishTarget } from '../src/jobs/publishTargetJob.ts';
import {
  actorContext,
  blueskyConnectionFor,
  createPublishingWorkspace,
  sinkDid,
  storeBlueskyAccount,
} from '../src/testing/publishingFixtures.ts';
import type { BenchReport } from './benchRow.ts';
import { sinkPairRate, spawnBlueskySink } from './blueskySinkProcess.ts';

const TARGETS = 100;
const HANDLE = 'bench.test';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function publishBench(): Promise<BenchReport> {
  const settings = readPublishingSettings();
  const sink = await spawnBlueskySink();
  const database = await openDatabase({ memory: {} });
  const jobs = await startJobQueue(database, { pollingIntervalSeconds: 1 });
  try {
    const baseline = await sinkPairRate(sink.url, 1000, 10);
    const ws = await createPublishingWorkspace(database.db);
    const ctx = actorContext(database, jobs, ws.userId);
    const accountId = await storeBlueskyAccount(database.db, ctx.secretBox, ws.workspaceId, sink.url, {
      did: sinkDid(HANDLE),
      handle: HANDLE,
      appPassword: 'bench-app-password',
    });
    const published = new Map<string, number>();
    await workPublishTarget(
      { database, jobs, connectionFor: blueskyConnectionFor(database, ctx.secretBox) },
      { batchSize: settings.publishBatchSize, loops: settings.publishLoops },
      (job, outcome) => {
        if (outcome.outcome === 'published') published.set(job.targetId, Date.now());
      },
    );
    const before = await sink.stats();
    const due = new Date(Date.now() + 5_000);
    for (let i = 0; i < TARGETS; i++) {
      await createPost(ctx, ws.workspaceId, {
        text: `Benchmark post ${i}`,
        targets: [{ accountId }],
        mode: 'schedule',
        scheduledAt: due,
      });
    }
    if (Date.now() >= due.getTime()) throw new Error('Creating the posts took longer than the lead time.');
    const deadline = due.getTime() + 60_000;
    while (published.size < TARGETS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const rows = await database.db.select().from(postTargets);
    const lateness = rows
      .filter((r) => r.status === 'published')
      .map((r) => r.publishedAt!.getTime() - r.scheduledAt!.getTime())
      .sort((a, b) => a - b);
    if (lateness.length < TARGETS)
      throw new Error(`Only ${lateness.length} of ${TARGETS} targets were published.`);
    const after = await sink.stats();
    const created = after.records - before.records;
    if (created !== TARGETS || after.duplicates > 0) {
      throw new Error(`The sink holds ${created} new posts (${after.duplicates} sent twice) for ${TARGETS}.`);
    }
    const signIns =
      (after.counts['com.atproto.server.createSession'] ?? 0) -
      (before.counts['com.atproto.server.createSession'] ?? 0);
    const lastAt = Math.max(...[...published.values()]);
    const throughput = TARGETS / ((lastAt - due.getTime()) / 1000);
    const where = `${TARGETS} targets due at once, embedded engine, Bluesky-shaped local sink`;
    return {
      notes: [
        `${TARGETS} posts on one Bluesky account, all due at the same moment, published in this process by the ` +
          `worker (batch ${settings.publishBatchSize}, ${settings.publishLoops} loops) on PGlite in memory. ` +
          `The network is a local HTTP sink in its own process answering Bluesky's createSession, getSession, ` +
          `getRecord and createRecord like a PDS; it received ${created} posts, none twice, after ${signIns} sign-in(s).`,
      ],
      rows: [
        { name: `publish lateness p50 (${where})`, value: percentile(lateness, 50), unit: 'ms' },
        {
          name: `publish lateness p99 (${where})`,
          value: percentile(lateness, 99),
          unit: 'ms',
          target: 1000,
        },
        {
          name: `publish throughput (${where}; baseline: the sink's getRecord+createRecord pairs from a bare loop of 10)`,
          value: throughput,
          unit: 'targets/s',
          baseline,
        },
      ],
    };
  } finally {
    await jobs.stop();
    await database.close();
    await sink.stop();
  }
}

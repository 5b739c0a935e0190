// Listening end to end: Jetstream-shaped post events, arriving at 2,000 a second, go through the real
// pipeline (JSON parsed, turned into events the way the Jetstream source does, language, sentiment,
// all 1,000 active queries of 10 workspaces matched at once, mentions and per-minute counts stored with
// the cursor in one transaction per batch) into the embedded database in a folder on disk. A reader
// takes up to 500 waiting events per batch, as the source's batch collector does. Reported: the rate
// sustained over the run, the backlog (events generated but not stored yet) at the end, and whether
// the backlog grew over the run (its least-squares slope). Runs KOLOROB_BENCH_E2E_SECONDS seconds
// (default 600).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import type { ListeningEvent } from '../src/listening/listeningEvent.ts';
import { createListeningSink } from '../src/listening/pipeline.ts';
import { createQueryRegistry } from '../src/listening/queryRegistry.ts';
import { blueskyPostEvent, POST_COLLECTION } from '../src/listening/sources/blueskyPostEvent.ts';
import type { BenchReport } from './benchRow.ts';
import { jetstreamEvents, listeningQueries, listeningVocabulary } from './listeningCorpus.ts';

const RATE = 2000;
const QUERIES = 1000;
const WORKSPACES = 10;
const POOL = 100_000;
const MAX_BATCH = 500;
const TICK_MS = 50;

interface RawEvent {
  did: string;
  time_us: number;
  commit: { rkey: string; collection: string; operation: string; record: unknown };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export async function listeningEndToEndBench(): Promise<BenchReport> {
  const seconds = Number(process.env.KOLOROB_BENCH_E2E_SECONDS ?? 600);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error('KOLOROB_BENCH_E2E_SECONDS must be a positive number.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-bench-listening-e2e-'));
  const database = await openDatabase({ dataDir });
  try {
    const vocabulary = listeningVocabulary();
    const pool = jetstreamEvents(vocabulary, POOL);
    const queries = listeningQueries(vocabulary, QUERIES);
    const { rows: workspaceRows } = await database.executor.executeSql(
      `INSERT INTO workspaces (name) SELECT 'Bench ' || n FROM generate_series(1, ${WORKSPACES}) n RETURNING id`,
    );
    const workspaceIds = (workspaceRows as { id: string }[]).map((r) => r.id);
    await database.executor.executeSql(
      `INSERT INTO listening_queries (workspace_id, name, query, tree)
       SELECT (q->>'workspaceId')::uuid, q->>'name', q->>'name', q->'tree' FROM jsonb_array_elements($1::jsonb) q`,
      [
        JSON.stringify(
          queries.map((q, n) => ({
            workspaceId: workspaceIds[n % WORKSPACES],
            name: `Query ${n}`,
            tree: q.tree,
          })),
        ),
      ],
    );
    const registry = createQueryRegistry(database);
    const latencies: number[] = [];
    let stored = 0;
    let mentions = 0;
    const sink = createListeningSink({ database }, registry, {
      onStored: (batch, result) => {
        stored += batch.events.length;
        mentions += result.stored;
      },
    });

    // Events arrive on a clock; the reader stores what is waiting, a batch at a time.
    const queue: string[] = [];
    let head = 0;
    let generated = 0;
    let cycle = 0;
    const started = performance.now();
    const endAt = started + seconds * 1000;
    const backlogSamples: [number, number][] = [];
    let lastSample = started;
    const produce = () => {
      const now = Math.min(performance.now(), endAt);
      const due = Math.floor(((now - started) / 1000) * RATE);
      for (; generated < due; generated++) {
        const n = generated % POOL;
        if (n === 0 && generated > 0) cycle++;
        queue.push(cycle === 0 ? pool[n]! : pool[n]!.replace(/"rkey":"([^"]+)"/, `"rkey":"$1c${cycle}"`));
      }
      if (now - lastSample >= 1000) {
        backlogSamples.push([(now - started) / 1000, generated - stored]);
        lastSample = now;
      }
    };
    const producer = setInterval(produce, TICK_MS);

    let cursor = 0;
    while (performance.now() < endAt) {
      produce();
      if (head >= queue.length) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const raw = queue.slice(head, head + MAX_BATCH);
      head += raw.length;
      if (head > 200_000) {
        queue.splice(0, head);
        head = 0;
      }
      const events: ListeningEvent[] = [];
      for (const line of raw) {
        const event = JSON.parse(line) as RawEvent;
        cursor = event.time_us;
        if (event.commit.collection !== POST_COLLECTION || event.commit.operation !== 'create') continue;
        const post = blueskyPostEvent({
          did: event.did,
          rkey: event.commit.rkey,
          record: event.commit.record,
          seenAt: new Date(),
        });
        if (post) events.push(post);
      }
      const t0 = performance.now();
      await sink({ source: 'bench-jetstream', cursor: String(cursor), events });
      latencies.push(performance.now() - t0);
    }
    clearInterval(producer);
    produce();
    const elapsed = (performance.now() - started) / 1000;
    const backlog = generated - stored;
    const growth = slope(backlogSamples);
    // Grew: the backlog rose by more than 1% of the arrival rate per second and ended above one second's worth.
    const grew = growth > RATE * 0.01 && backlog > RATE ? 1 : 0;
    registry.close();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      notes: [
        `${QUERIES} active queries in ${WORKSPACES} workspaces; ${generated} events generated at ${RATE}/s over ${elapsed.toFixed(0)} s; ${stored} stored (${mentions} mentions) on PGlite in ${dataDir}.`,
      ],
      rows: [
        { name: 'sustained rate', value: stored / elapsed, unit: 'events/s', atLeast: RATE * 0.98 },
        { name: 'backlog at the end', value: backlog, unit: 'events', target: RATE },
        { name: 'backlog growth', value: growth, unit: 'events/s', target: RATE * 0.01 },
        { name: 'backlog grew (1 = yes)', value: grew, unit: '', target: 0 },
        { name: 'mentions stored', value: mentions / elapsed, unit: 'mentions/s' },
        { name: 'batch store p50', value: percentile(sorted, 50), unit: 'ms' },
        { name: 'batch store p95', value: percentile(sorted, 95), unit: 'ms', target: 1000 },
      ],
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

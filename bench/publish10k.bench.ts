// Publishing at scale: 10,000 targets due at the same moment on a real PostgreSQL server, published by
// one worker process and then by four (separate `kolorob start --role worker` processes, as deployed),
// through the real Bluesky connector to the Bluesky-shaped local HTTP sink in its own process. Each
// run gets a fresh database (BENCH_DATABASE_URL's server, database kolorob_bench, dropped afterwards).
// Reports lateness (published at − scheduled at, both from the database) p50/p99, targets per second,
// and the ratio of four workers to one; the baseline is the sink's own rate under a bare request loop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { insertPost } from '../src/commands/posts/createPost.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { startJobQueue } from '../src/jobs/jobQueue.ts';
import { readPublishingSettings } from '../src/jobs/publishingSettings.ts';
import { PUBLISH_TARGET, preparePublishQueue } from '../src/jobs/publishQueue.ts';
import { type KolorobProcess, spawnKolorob } from '../src/testing/kolorobProcess.ts';
import {
  actorContext,
  createPublishingWorkspace,
  PUBLISHING_SECRET,
  sinkDid,
  storeBlueskyAccount,
} from '../src/testing/publishingFixtures.ts';
import type { BenchReport, BenchRow } from './benchRow.ts';
import { type SinkProcess, sinkPairRate, spawnBlueskySink } from './blueskySinkProcess.ts';
import { percentile } from './publish.bench.ts';

const ACCOUNTS = 50;
/** 10,000; BENCH_10K_TARGETS sets another multiple of 50 when working on the benchmark itself. */
const TARGETS = Number(process.env.BENCH_10K_TARGETS ?? 10_000);
const POSTS_PER_TRANSACTION = 20;
const BENCH_DATABASE = 'kolorob_bench';
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Give up on a run after this long past the due time. */
const RUN_LIMIT_MS = 240_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function benchUrl(): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** CPU time (user + system, in clock ticks) the process has used so far. */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU seconds used so far by the workers, the PostgreSQL server, the sink, and the machine. */
interface CpuSnapshot {
  workers: number;
  postgres: number;
  sink: number;
  machineBusy: number;
  machineAll: number;
}

const TICKS_PER_SECOND = 100;

function ticksOrZero(pid: number): number {
  try {
    return cpuTicks(pid);
  } catch {
    return 0; // Gone since it was listed.
  }
}

function cpuSnapshot(workers: KolorobProcess[], sink: SinkProcess): CpuSnapshot {
  const postgresPids = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
  const [, ...machine] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .map(Number);
  const all = machine.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = machine[3]! + machine[4]!;
  const seconds = (ticks: number) => ticks / TICKS_PER_SECOND;
  return {
    workers: seconds(workers.reduce((sum, w) => sum + ticksOrZero(w.child.pid!), 0)),
    postgres: seconds(postgresPids.reduce((sum, pid) => sum + ticksOrZero(pid), 0)),
    sink: seconds(ticksOrZero(sink.pid)),
    machineBusy: seconds(all - idle),
    machineAll: seconds(all),
  };
}

/**
 * Waits until every worker has started: the processes print nothing when ready (a worker has no
 * HTTP), so this waits until each has gone quiet (under 10% of a core for a second) after start-up.
 */
async function startedAndQuiet(workers: KolorobProcess[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (const w of workers) {
      if (w.child.exitCode !== null)
        throw new Error(`A worker exited with ${w.child.exitCode}:\n${w.output()}`);
    }
    const before = workers.map((w) => cpuTicks(w.child.pid!));
    await sleep(1000);
    const busiest = Math.max(...workers.map((w, i) => cpuTicks(w.child.pid!) - before[i]!));
    if (busiest < 10) return;
    if (Date.now() > deadline) throw new Error('The workers did not settle within two minutes.');
  }
}

/** The scheduled targets (TARGETS / ACCOUNTS posts, each on every account), written as createPost writes them. */
async function createTargets(database: Database, sink: SinkProcess, at: Date): Promise<void> {
  const jobs = await startJobQueue(database, { supervise: false });
  try {
    const ws = await createPublishingWorkspace(database.db);
    const ctx = actorContext(database, jobs, ws.userId);
    const accountIds: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const handle = `bench${i}.test`;
      // As Settings → Accounts stores them: the app password and the session it signed in with.
      const session = (await (
        await fetch(`${sink.url}/xrpc/com.atproto.server.createSession`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: handle, password: 'bench-app-password' }),
        })
      ).json()) as { did: string; handle: string; accessJwt: string; refreshJwt: string };
      accountIds.push(
        await storeBlueskyAccount(database.db, ctx.secretBox, ws.workspaceId, sink.url, {
          did: sinkDid(handle),
          handle,
          appPassword: 'bench-app-password',
          session: {
            did: session.did,
            handle: session.handle,
            accessJwt: session.accessJwt,
            refreshJwt: session.refreshJwt,
          },
        }),
      );
    }
    await preparePublishQueue(jobs);
    const posts = TARGETS / ACCOUNTS;
    let next = 0;
    // A few transactions side by side, as several people scheduling at once would.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < posts) {
          const first = next;
          next += POSTS_PER_TRANSACTION;
          await database.transaction(async (tx, sql) => {
            for (let i = first; i < Math.min(posts, first + POSTS_PER_TRANSACTION); i++) {
              await insertPost(ctx, tx, sql, ws.workspaceId, {
                text: `Benchmark post ${i}`,
                targets: accountIds.map((accountId) => ({ accountId })),
                mode: 'schedule',
                scheduledAt: at,
              });
            }
          });
        }
      }),
    );
  } finally {
    await jobs.stop();
  }
}

interface RunResult {
  lateness: number[];
  throughput: number;
  sinkCreated: number;
  signIns: number;
  resumes: number;
  createSeconds: number;
  publishSeconds: number;
  /** CPU seconds used while publishing. */
  cpu: CpuSnapshot;
}

async function publishRun(sink: SinkProcess, workerCount: number): Promise<RunResult> {
  await onServer(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${BENCH_DATABASE}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-bench-'));
  const workers: KolorobProcess[] = [];
  let database: Database | undefined;
  try {
    database = await openDatabase({ databaseUrl: benchUrl() });
    // The queue's schema before the workers start, so they do not race to create it.
    await (await startJobQueue(database, { supervise: false })).stop();
    for (let i = 0; i < workerCount; i++) {
      workers.push(
        await spawnKolorob(['start', '--role', 'worker'], {
          DATABASE_URL: benchUrl(),
          KOLOROB_SECRET: PUBLISHING_SECRET,
          KOLOROB_DATA: dataDir,
          LOG_LEVEL: 'warn',
        }),
      );
    }
    // Written for a later time while the workers start, then moved to a moment just ahead: the
    // targets and their jobs exactly as if they had been scheduled for that moment.
    const createStarted = Date.now();
    const placeholder = new Date(Date.now() + 3_600_000);
    await createTargets(database, sink, placeholder);
    const createSeconds = (Date.now() - createStarted) / 1000;
    await startedAndQuiet(workers);
    const before = await sink.stats();
    const due = new Date(Date.now() + 2_000);
    let cpuAtDue: CpuSnapshot | undefined;
    setTimeout(() => {
      cpuAtDue = cpuSnapshot(workers, sink);
    }, 2_000).unref();
    await database.transaction(async (_tx, sql) => {
      await sql.executeSql("UPDATE post_targets SET scheduled_at = $1 WHERE status = 'scheduled'", [due]);
      await sql.executeSql("UPDATE pgboss.job SET start_after = $1 WHERE name = $2 AND state = 'created'", [
        due,
        PUBLISH_TARGET,
      ]);
    });
    const count = async () =>
      Number(
        (
          await database!.executor.executeSql(
            "SELECT count(*) AS n FROM post_targets WHERE status IN ('published', 'failed', 'cancelled')",
          )
        ).rows[0].n,
      );
    while ((await count()) < TARGETS && Date.now() < due.getTime() + RUN_LIMIT_MS) {
      for (const w of workers) {
        if (w.child.exitCode !== null)
          throw new Error(`A worker exited with ${w.child.exitCode}:\n${w.output()}`);
      }
      await sleep(250);
    }
    const cpuAtEnd = cpuSnapshot(workers, sink);
    const rows = (
      await database.executor.executeSql(
        `SELECT status, extract(epoch FROM published_at - scheduled_at) * 1000 AS late,
                extract(epoch FROM published_at) * 1000 AS at
           FROM post_targets`,
      )
    ).rows as { status: string; late: string | null; at: string | null }[];
    const published = rows.filter((r) => r.status === 'published');
    if (published.length < TARGETS) {
      const statuses: Record<string, number> = {};
      for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      throw new Error(
        `${workerCount} worker(s): ${published.length} of ${TARGETS} targets published within ${RUN_LIMIT_MS / 1000} s ` +
          `(${JSON.stringify(statuses)}).\n${workers.map((w) => w.output().slice(-2000)).join('\n')}`,
      );
    }
    const after = await sink.stats();
    const sinkCreated = after.records - before.records;
    if (sinkCreated !== TARGETS || after.duplicates > before.duplicates) {
      throw new Error(
        `The sink received ${sinkCreated} posts for ${TARGETS} targets, ${after.duplicates - before.duplicates} of them twice.`,
      );
    }
    const lastAt = Math.max(...published.map((r) => Number(r.at)));
    const calls = (method: string) => (after.counts[method] ?? 0) - (before.counts[method] ?? 0);
    return {
      lateness: published.map((r) => Number(r.late)).sort((a, b) => a - b),
      throughput: TARGETS / ((lastAt - due.getTime()) / 1000),
      sinkCreated,
      signIns: calls('com.atproto.server.createSession'),
      resumes: calls('com.atproto.server.refreshSession'),
      createSeconds,
      publishSeconds: (lastAt - due.getTime()) / 1000,
      cpu: {
        workers: cpuAtEnd.workers - cpuAtDue!.workers,
        postgres: cpuAtEnd.postgres - cpuAtDue!.postgres,
        sink: cpuAtEnd.sink - cpuAtDue!.sink,
        machineBusy: cpuAtEnd.machineBusy - cpuAtDue!.machineBusy,
        machineAll: cpuAtEnd.machineAll - cpuAtDue!.machineAll,
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGTERM')));
    await database?.close();
    await onServer(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function publish10kBench(): Promise<BenchReport> {
  const settings = readPublishingSettings();
  const sink = await spawnBlueskySink();
  try {
    const baseline = await sinkPairRate(sink.url, 3000, 50);
    const one = await publishRun(sink, 1);
    const four = await publishRun(sink, 4);
    const where = (n: number) =>
      `${TARGETS.toLocaleString('en')} targets due at once, PostgreSQL, ${n} worker process${n > 1 ? 'es' : ''}, Bluesky-shaped local sink`;
    const rowsFor = (n: number, run: RunResult, p99Target?: number): BenchRow[] => [
      { name: `publish lateness p50 (${where(n)})`, value: percentile(run.lateness, 50), unit: 'ms' },
      {
        name: `publish lateness p99 (${where(n)})`,
        value: percentile(run.lateness, 99),
        unit: 'ms',
        target: p99Target,
      },
      {
        name: `publish throughput (${where(n)}; baseline: the sink's getRecord+createRecord pairs from a bare loop of 50)`,
        value: run.throughput,
        unit: 'targets/s',
        baseline,
      },
    ];
    const describe = (n: number, run: RunResult) =>
      `${n} worker(s): targets written in ${run.createSeconds.toFixed(0)} s, published in ` +
      `${run.publishSeconds.toFixed(1)} s; the sink received ${run.sinkCreated} posts, none twice, after ` +
      `${run.signIns} sign-in(s) and ${run.resumes} session refresh(es). While publishing, the machine's ` +
      `${os.cpus().length} cores were ${Math.round((100 * run.cpu.machineBusy) / run.cpu.machineAll)}% busy: ` +
      `CPU seconds ${run.cpu.workers.toFixed(1)} in the worker process(es) ` +
      `(${((1000 * run.cpu.workers) / TARGETS).toFixed(1)} ms a post), ${run.cpu.postgres.toFixed(1)} in PostgreSQL ` +
      `(${((1000 * run.cpu.postgres) / TARGETS).toFixed(1)} ms a post), ${run.cpu.sink.toFixed(1)} in the sink ` +
      `(${((1000 * run.cpu.sink) / TARGETS).toFixed(1)} ms a post: it could take ` +
      `${Math.round(TARGETS / run.cpu.sink)} posts a second on one core), ` +
      `${Math.max(0, run.cpu.machineBusy - run.cpu.workers - run.cpu.postgres - run.cpu.sink).toFixed(1)} in other ` +
      `processes (anything else running on the machine).`;
    return {
      notes: [
        `${TARGETS.toLocaleString('en')} posts (${TARGETS / ACCOUNTS} posts on each of ${ACCOUNTS} Bluesky accounts) due at the same moment, ` +
          `on PostgreSQL (${new URL(SERVER_URL).host}, a fresh database per run), published by separate ` +
          `\`kolorob start --role worker\` processes (batch ${settings.publishBatchSize}, ${settings.publishLoops} loops each) ` +
          `on a machine with ${os.cpus().length} cores. The network is not Bluesky: it is a local HTTP sink in its own ` +
          `process that accepts Bluesky's createRecord (and answers createSession, refreshSession, getSession and ` +
          `getRecord) the way a PDS does.`,
        describe(1, one),
        describe(4, four),
      ],
      rows: [
        ...rowsFor(1, one),
        ...rowsFor(4, four, 5000),
        {
          name: 'publish throughput, 4 worker processes ÷ 1',
          value: four.throughput / one.throughput,
          unit: 'x',
          atLeast: 3,
        },
      ],
    };
  } finally {
    await sink.stop();
  }
}

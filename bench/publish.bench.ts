// Publishing benchmark: 100 targets due at the same moment on the embedded engine, published through
// the real worker and the real Bluesky connector to a small local HTTP sink that answers Bluesky's
// createSession, getSession, getRecord and createRecord the way a PDS does, so the figures measure
// Kolorob rather than a network. Reports lateness (published at − scheduled at) p50/p99 and targets
// per second; the baseline, measured in the same run, is the sink's own rate under a bare request loop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPost } from '../src/commands/posts/createPost.ts';
import { openDatabase } from '../src/db/database.ts';
import { postTargets } from '../src/db/schema.ts';
import { startJobQueue } from '../src/jobs/jobQueue.ts';
import { workPublishTarget } from '../src/jobs/publishTargetJob.ts';
import {
  actorContext,
  blueskyConnectionFor,
  createPublishingWorkspace,
  storeBlueskyAccount,
} from '../src/testing/publishingFixtures.ts';
import type { BenchRow } from './benchRow.ts';

const TARGETS = 100;
const DID = 'did:plc:benchbenchbenchbenchbenc';
const HANDLE = 'bench.test';
// Any well-formed CID: the client checks the shape, and the sink stores no content.
const CID = 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm';

function fakeJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: DID, exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
}

/** A Bluesky-shaped sink: records live in a Map keyed by rkey. */
async function startSink(): Promise<{ url: string; records: Map<string, unknown>; close(): Promise<void> }> {
  const records = new Map<string, unknown>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = (status: number, value: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const session = { did: DID, handle: HANDLE, accessJwt: fakeJwt(), refreshJwt: fakeJwt(), active: true };
      switch (url.pathname) {
        case '/xrpc/com.atproto.server.createSession':
        case '/xrpc/com.atproto.server.refreshSession':
          return reply(200, session);
        case '/xrpc/com.atproto.server.getSession':
          return reply(200, { did: DID, handle: HANDLE, active: true });
        case '/xrpc/com.atproto.repo.getRecord': {
          const rkey = url.searchParams.get('rkey') ?? '';
          const value = records.get(rkey);
          if (!value)
            return reply(400, { error: 'RecordNotFound', message: `Could not locate record: ${rkey}` });
          return reply(200, { uri: `at://${DID}/app.bsky.feed.post/${rkey}`, cid: CID, value });
        }
        case '/xrpc/com.atproto.repo.createRecord': {
          const input = JSON.parse(body) as { rkey: string; record: unknown };
          if (records.has(input.rkey)) return reply(500, { error: 'InternalServerError' });
          records.set(input.rkey, input.record);
          return reply(200, { uri: `at://${DID}/app.bsky.feed.post/${input.rkey}`, cid: CID });
        }
        default:
          return reply(404, { error: 'MethodNotImplemented' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Requests per second the sink answers for getRecord + createRecord pairs from a bare loop of 10 at once. */
async function sinkRate(url: string): Promise<number> {
  const pairs = 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < pairs) {
        const rkey = `baseline${next++}`;
        await fetch(
          `${url}/xrpc/com.atproto.repo.getRecord?repo=${DID}&collection=app.bsky.feed.post&rkey=${rkey}`,
        );
        await fetch(`${url}/xrpc/com.atproto.repo.createRecord`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ repo: DID, collection: 'app.bsky.feed.post', rkey, record: { text: rkey } }),
        });
      }
    }),
  );
  return pairs / ((performance.now() - started) / 1000);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function publishBench(): Promise<BenchRow[]> {
  const sink = await startSink();
  const database = await openDatabase({ memory: {} });
  const jobs = await startJobQueue(database, { pollingIntervalSeconds: 1 });
  try {
    const baseline = await sinkRate(sink.url);
    const ws = await createPublishingWorkspace(database.db);
    const ctx = actorContext(database, jobs, ws.userId);
    const accountId = await storeBlueskyAccount(database.db, ctx.secretBox, ws.workspaceId, sink.url, {
      did: DID,
      handle: HANDLE,
      appPassword: 'bench-app-password',
    });
    const published = new Map<string, number>();
    await workPublishTarget(
      { database, jobs, connectionFor: blueskyConnectionFor(database, ctx.secretBox) },
      {},
      (job, outcome) => {
        if (outcome.outcome === 'published') published.set(job.targetId, Date.now());
      },
    );
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
    const lastAt = Math.max(...[...published.values()]);
    const throughput = TARGETS / ((lastAt - due.getTime()) / 1000);
    const where = `${TARGETS} targets due at once, embedded engine, Bluesky-shaped local sink`;
    return [
      { name: `publish lateness p50 (${where})`, value: percentile(lateness, 50), unit: 'ms' },
      { name: `publish lateness p99 (${where})`, value: percentile(lateness, 99), unit: 'ms', target: 1000 },
      {
        name: `publish throughput (${where}; baseline: the sink's getRecord+createRecord pairs from a bare loop)`,
        value: throughput,
        unit: 'targets/s',
        baseline,
      },
    ];
  } finally {
    await jobs.stop();
    await database.close();
    await sink.close();
  }
}

// The reliability drill: 300 posts on three accounts of a local Bluesky network, all due within a
// minute, published by a real Kolorob process that is killed with SIGKILL at random moments and
// started again. Afterwards every post is published and exists exactly once on the network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPost } from '../commands/posts/createPost.ts';
import { createSecretBox } from '../core/secretBox.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { postTargets, publishAttempts } from '../db/schema.ts';
import { type AtprotoAccount, type AtprotoNetwork, startAtprotoNetwork } from '../testing/atprotoNetwork.ts';
import { type KolorobProcess, spawnKolorob, waitForHealth } from '../testing/kolorobProcess.ts';
import {
  actorContext,
  createPublishingWorkspace,
  PUBLISHING_SECRET,
  storeBlueskyAccount,
} from '../testing/publishingFixtures.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import { startJobQueue } from './jobQueue.ts';

// Smaller numbers through the environment when working on the drill itself.
const POSTS = Number(process.env.DRILL_POSTS ?? 300);
const KILLS = Number(process.env.DRILL_KILLS ?? 3);

let network: AtprotoNetwork;
let dataDir: string;
let pgDatabase: TestDatabase | undefined;
let proc: KolorobProcess | undefined;

beforeAll(async () => {
  network = await startAtprotoNetwork();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-drill-'));
});

afterAll(async () => {
  await proc?.stop('SIGKILL');
  await pgDatabase?.close();
  await network?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The texts each author's feed shows, every page of it. */
async function feedTexts(account: AtprotoAccount): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await network.appView.app.bsky.feed.getAuthorFeed({
      actor: account.did,
      limit: 100,
      cursor,
    });
    texts.push(...data.feed.map((item) => (item.post.record as { text: string }).text));
    cursor = data.feed.length > 0 ? data.cursor : undefined;
  } while (cursor);
  return texts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(`publishes ${POSTS} posts exactly once through ${KILLS} kill -9s`, { timeout: 600_000 }, async () => {
  const started = Date.now();
  const accounts = await Promise.all(
    ['drilla', 'drillb', 'drillc'].map((name) => network.createAccount(name)),
  );
  if (process.env.TEST_DATABASE_URL) pgDatabase = await openTestDatabase();
  const databaseUrl = pgDatabase?.url;
  const open = async (): Promise<Database> => pgDatabase ?? (await openDatabase({ dataDir, databaseUrl }));

  // The rows and their jobs, written before the process starts (the embedded folder has one opener).
  let database = await open();
  const jobs = await startJobQueue(database, { supervise: false });
  const ws = await createPublishingWorkspace(database.db);
  const secretBox = createSecretBox(PUBLISHING_SECRET);
  const accountIds: string[] = [];
  for (const account of accounts) {
    accountIds.push(
      await storeBlueskyAccount(database.db, secretBox, ws.workspaceId, network.pdsUrl, account),
    );
  }
  const ctx = actorContext(database, jobs, ws.userId);
  const firstDue = Date.now() + 15_000;
  const texts = new Map<string, number>();
  for (let i = 0; i < POSTS; i++) {
    const text = `Drill post ${i} ${Math.random().toString(36).slice(2, 8)}`;
    texts.set(text, i % accounts.length);
    await createPost(ctx, ws.workspaceId, {
      text,
      targets: [{ accountId: accountIds[i % accounts.length]! }],
      mode: 'schedule',
      // Spread over one minute.
      scheduledAt: new Date(firstDue + Math.floor((i / POSTS) * 45_000)),
    });
  }
  await jobs.stop();
  if (!pgDatabase) await database.close();
  console.log(`drill: ${POSTS} posts created in ${Date.now() - started} ms`);

  const env = {
    KOLOROB_DATA: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    KOLOROB_SECRET: PUBLISHING_SECRET,
    KOLOROB_RECONCILE_AFTER_SECONDS: '5',
    KOLOROB_RECONCILE_EVERY_SECONDS: '3',
    KOLOROB_LOST_JOB_AFTER_SECONDS: '10',
    LOG_LEVEL: 'warn',
  };
  const start = async () => {
    const p = await spawnKolorob(['start'], env);
    await waitForHealth(p, Date.now(), 120_000);
    return p;
  };
  let restarts = 0;
  let kills = 0;
  proc = await start();
  const publishStarted = Date.now();
  for (let k = 0; k < KILLS; k++) {
    // A random moment while posts are going out.
    await sleep(3_000 + Math.random() * 10_000);
    proc.child.kill('SIGKILL');
    await proc.exited;
    kills++;
    proc = await start();
    restarts++;
  }

  const expected = POSTS;
  let found = 0;
  const deadline = Date.now() + 300_000;
  for (;;) {
    await network.processAll();
    found = (await Promise.all(accounts.map(feedTexts))).flat().filter((t) => texts.has(t)).length;
    if (found >= expected || Date.now() > deadline) break;
    await sleep(2_000);
  }
  // Time for anything still in flight to be recorded, then a clean stop.
  await sleep(8_000);
  const output = proc.output();
  await proc.stop('SIGTERM');
  proc = undefined;
  if (found < expected) console.log(`drill: last process output:\n${output.slice(-4000)}`);

  await network.processAll();
  const feeds = await Promise.all(accounts.map(feedTexts));
  const counts = new Map<string, number>();
  for (const text of feeds.flat()) if (texts.has(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
  const missing = [...texts.keys()].filter((t) => !counts.has(t));
  const doubled = [...counts.entries()].filter(([, n]) => n > 1);

  database = await open();
  const rows = await database.db.select({ status: postTargets.status }).from(postTargets);
  const attempts = await database.db.select({ id: publishAttempts.id }).from(publishAttempts);
  const statuses: Record<string, number> = {};
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  if (!pgDatabase) await database.close();

  console.log(
    `drill (${databaseUrl ? 'postgres' : 'pglite'}): ${POSTS} posts, ${kills} kills, ${restarts} restarts, ` +
      `${counts.size} distinct posts found on the network (${[...counts.values()].reduce((a, b) => a + b, 0)} in all), ` +
      `${doubled.length} doubled, ${missing.length} missing, statuses ${JSON.stringify(statuses)}, ` +
      `${attempts.length} attempts, ${Math.round((Date.now() - publishStarted) / 1000)} s from first start, ` +
      `${Math.round((Date.now() - started) / 1000)} s in all`,
  );
  expect(kills).toBe(KILLS);
  expect(doubled).toEqual([]);
  expect(missing).toEqual([]);
  expect(statuses).toEqual({ published: POSTS });
});

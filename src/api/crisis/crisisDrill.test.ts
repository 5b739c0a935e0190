// The crisis drill on a local Bluesky network with the publish worker running: 200 scheduled posts,
// some due during the pause and the rest after it. While crisis mode is on nothing reaches the network;
// after it ends the later posts publish exactly once each, and the passed ones wait in the review until
// an admin decides: publish now, a new time, or discard.
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { workPublishTarget } from '../../jobs/publishTargetJob.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { connectorOf } from '../../networks/networkConnectors.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { type CrisisTeam, createCrisisTeam } from './crisisTeam.ts';

const POSTS = 200;
const EARLY = 20;

let app: TestApp;
let network: AtprotoNetwork;
let team: CrisisTeam;
let account: AtprotoAccount;
let accountId: string;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  [network, app] = await Promise.all([startAtprotoNetwork(), startTestApp({ allowPrivateFetch: true })]);
  team = await createCrisisTeam(app);
  account = await network.createAccount('crisisdesk');
  const connected = await team.clients.owner.post(`/api/workspaces/${team.workspaceId}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  });
  expect(connected.statusCode, connected.body).toBe(200);
  accountId = connected.json().id;
  await workPublishTarget({
    database: app.database,
    jobs: app.jobs,
    connectionFor: async (id) => {
      const opened = await openAccountConnection(app.ctx, id);
      return { connector: connectorOf(opened.network), connection: opened.connection };
    },
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await network?.close();
});

/** Every post text in the account's repository on the PDS, where a published post lands first. */
async function textsOnNetwork(): Promise<string[]> {
  const pds = new AtpAgent({ service: network.pdsUrl });
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await pds.com.atproto.repo.listRecords({
      repo: account.did,
      collection: 'app.bsky.feed.post',
      limit: 100,
      cursor,
    });
    texts.push(...data.records.map((r) => (r.value as { text: string }).text));
    cursor = data.records.length === 100 ? data.cursor : undefined;
  } while (cursor);
  return texts;
}

const countOf = (texts: string[], text: string) => texts.filter((t) => t === text).length;

it(`holds ${POSTS} scheduled posts through a crisis and resumes them exactly once`, {
  timeout: 300_000,
}, async () => {
  const crisis = `/api/workspaces/${team.workspaceId}/crisis`;
  const run = Math.random().toString(36).slice(2, 8);
  const early: { id: string; text: string }[] = [];
  const later: { id: string; text: string }[] = [];
  const create = async (text: string, at: Date) => {
    const created = await team.clients.owner.post(`/api/workspaces/${team.workspaceId}/posts`, {
      text,
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: at.toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id as string, text };
  };

  // The later posts first: they are due well after the crisis ends.
  const laterFrom = Date.now() + 35_000;
  for (let i = 0; i < POSTS - EARLY; i++) {
    later.push(await create(`Later ${run} ${i}`, new Date(laterFrom + i * 50)));
  }
  // Then the early ones, due within seconds, and the crisis starts at once.
  const earlyFrom = Date.now() + 3_000;
  for (let i = 0; i < EARLY; i++) early.push(await create(`Early ${run} ${i}`, new Date(earlyFrom + i * 50)));
  const started = await team.clients.admin.post(`${crisis}/start`, { reason: 'Drill: a story is breaking' });
  expect(started.statusCode, started.body).toBe(201);
  expect(Date.now()).toBeLessThan(earlyFrom);
  expect(started.json().pausedTargets).toBe(POSTS);

  // Past the early posts' time, with the worker running: nothing goes out.
  await sleep(earlyFrom + EARLY * 50 + 4_000 - Date.now());
  expect(await textsOnNetwork()).toEqual([]);
  expect(
    await rows('SELECT status, paused_by_crisis, count(*)::int AS n FROM post_targets GROUP BY 1, 2'),
  ).toEqual([{ status: 'paused', paused_by_crisis: true, n: POSTS }]);

  const ended = await team.clients.admin.post(`${crisis}/end`);
  expect(ended.statusCode, ended.body).toBe(200);
  expect(ended.json()).toEqual({ resumedTargets: POSTS - EARLY, awaitingReview: EARLY });
  expect(Date.now()).toBeLessThan(laterFrom);

  await eventually(async () => {
    const [row] = await rows(`SELECT count(*)::int AS n FROM post_targets WHERE status = 'published'`);
    return row!.n === POSTS - EARLY ? true : undefined;
  }, 120_000);
  // Time for a doubled publication to show, if there were one.
  await sleep(3_000);
  let texts = await textsOnNetwork();
  for (const post of later) expect(countOf(texts, post.text), post.text).toBe(1);
  for (const post of early) expect(countOf(texts, post.text), post.text).toBe(0);
  expect(texts).toHaveLength(POSTS - EARLY);

  const review = await team.clients.viewer.get(`${crisis}/review`);
  expect(review.statusCode).toBe(200);
  expect(
    review
      .json()
      .posts.map((p: { postId: string }) => p.postId)
      .sort(),
  ).toEqual(early.map((p) => p.id).sort());
  expect(review.json().posts.every((p: { overdue: boolean }) => p.overdue)).toBe(true);

  const [now, moved, dropped] = early;
  const decide = (postId: string, body: object) =>
    team.clients.admin.post(`${crisis}/review/${postId}`, body);
  expect((await decide(now!.id, { action: 'publish_now' })).statusCode).toBe(200);
  const newTime = new Date(Date.now() + 4_000);
  expect(
    (await decide(moved!.id, { action: 'reschedule', scheduledAt: newTime.toISOString() })).statusCode,
  ).toBe(200);
  expect((await decide(dropped!.id, { action: 'discard' })).statusCode).toBe(200);

  const statusOf = async (postId: string) =>
    (await rows('SELECT status, published_at FROM post_targets WHERE post_id = $1', [postId]))[0]!;
  await eventually(async () => ((await statusOf(now!.id)).status === 'published' ? true : undefined), 30_000);
  expect((await statusOf(moved!.id)).status).toBe('scheduled');
  await eventually(
    async () => ((await statusOf(moved!.id)).status === 'published' ? true : undefined),
    30_000,
  );
  expect(new Date((await statusOf(moved!.id)).published_at as string).getTime()).toBeGreaterThanOrEqual(
    newTime.getTime() - 1_000,
  );
  await sleep(2_000);
  texts = await textsOnNetwork();
  expect(countOf(texts, now!.text)).toBe(1);
  expect(countOf(texts, moved!.text)).toBe(1);
  expect(countOf(texts, dropped!.text)).toBe(0);
  expect((await statusOf(dropped!.id)).status).toBe('cancelled');
  for (const post of early.slice(3)) expect(countOf(texts, post.text)).toBe(0);
  expect(texts).toHaveLength(POSTS - EARLY + 2);
  const left = await team.clients.viewer.get(`${crisis}/review`);
  expect(left.json().posts).toHaveLength(EARLY - 3);
  expect(
    await rows(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE action LIKE 'crisis.%' GROUP BY 1 ORDER BY 1`,
    ),
  ).toEqual([
    { action: 'crisis.ended', n: 1 },
    { action: 'crisis.review.discarded', n: 1 },
    { action: 'crisis.review.published_now', n: 1 },
    { action: 'crisis.review.rescheduled', n: 1 },
    { action: 'crisis.started', n: 1 },
  ]);
});

it('pauses a target the worker finds scheduled during a crisis, and tells the author of a failed post', {
  timeout: 60_000,
}, async () => {
  const schedule = async (as: 'owner' | 'editor', text: string) => {
    const created = await team.clients[as].post(`/api/workspaces/${team.workspaceId}/posts`, {
      text,
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 2_500).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().targets[0].id as string;
  };
  const targetRow = async (id: string) => (await rows('SELECT * FROM post_targets WHERE id = $1', [id]))[0]!;

  // The crisis flag set without pausing anything, as if it began between the schedule and the claim.
  const heldText = `Held by the worker ${Math.random().toString(36).slice(2, 8)}`;
  const held = await schedule('owner', heldText);
  await rows('UPDATE workspaces SET crisis_started_at = now() WHERE id = $1', [team.workspaceId]);
  try {
    await eventually(async () => ((await targetRow(held)).status === 'paused' ? true : undefined), 15_000);
    expect(await targetRow(held)).toMatchObject({ paused_by_crisis: true, remote_id: null });
    expect(countOf(await textsOnNetwork(), heldText)).toBe(0);
  } finally {
    await rows('UPDATE workspaces SET crisis_started_at = NULL WHERE id = $1', [team.workspaceId]);
  }

  // A refusal by the network is final: the author hears of it, in the app and by email.
  const failing = await schedule('editor', 'Refused by the network');
  await rows(`UPDATE post_targets SET publish_key = 'not-a-key' WHERE id = $1`, [failing]);
  await eventually(async () => ((await targetRow(failing)).status === 'failed' ? true : undefined), 15_000);
  const [notice] = await rows(
    `SELECT user_id, kind, data, link FROM notifications WHERE kind = 'post_failed'`,
  );
  expect(notice).toMatchObject({
    user_id: team.ids.editor,
    data: { postText: 'Refused by the network', handle: `@${account.handle}` },
    link: `/w/${team.workspaceId}/publisher?post=${(await targetRow(failing)).post_id}`,
  });
  const mail = await eventually(() =>
    app.mail.find((m) => m.subject.endsWith(`A post to @${account.handle} failed`)),
  );
  expect(mail.to).toBe(team.emails.editor);
  expect(mail.text).toContain('Refused by the network');
});

// The posts API as the composer and planner use it: drafts and their scheduling, the queue's posting
// slots, images and the workspace's alt-text rule, per-account text limits, editing, and the live
// status stream. Accounts are rows written directly: nothing here reaches a network.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFreeSlot } from '../../core/postingSlots.ts';
import { ApiClient, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { png } from '../../testing/testImages.ts';

let app: TestApp;
let owner: ApiClient;
let ws: string;
let bluesky: string;
let mastodon: string;
let seq = 0;

const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows;
const counts = async () =>
  (
    await rows(
      `SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM post_targets) AS targets,
              (SELECT count(*)::int FROM media) AS media`,
    )
  )[0];

async function insertAccount(network: 'bluesky' | 'mastodon', textLimit: number | null = null) {
  seq += 1;
  const [row] = await rows(
    `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed, text_limit)
     VALUES ($1, $2, $3, $4, 'Fixture', 'https://server.example', $5, $6) RETURNING id`,
    [ws, network, `remote-${seq}`, `fixture${seq}.test`, app.ctx.secretBox.seal('{}'), textLimit],
  );
  return row.id as string;
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function createPost(body: object) {
  return owner.post(`/api/workspaces/${ws}/posts`, body);
}

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Farhana Akter',
    email: 'farhana@example.com',
    password: 'correct horse battery',
    workspaceName: 'Padma Desk',
  });
  expect(setup.statusCode).toBe(201);
  ws = setup.json().workspaces[0].id;
  bluesky = await insertAccount('bluesky');
  mastodon = await insertAccount('mastodon', 1000);
});
afterAll(() => app?.close());

describe('drafts', () => {
  it('keeps a draft without a time, lists it with any range, and sends it out later', async () => {
    const created = await createPost({
      text: 'খসড়া: নতুন পণ্য',
      targets: [{ accountId: bluesky }],
      mode: 'draft',
    });
    expect(created.statusCode, created.body).toBe(201);
    const postId = created.json().id;
    expect(created.json().targets[0]).toMatchObject({ status: 'draft', scheduledAt: null });
    expect(
      await rows('SELECT count(*)::int AS n FROM pgboss.job WHERE data->>$1 = $2', [
        'targetId',
        created.json().targets[0].id,
      ]),
    ).toEqual([{ n: 0 }]);

    const listed = await owner.get(
      `/api/workspaces/${ws}/posts?from=${inMinutes(60 * 24 * 30)}&to=${inMinutes(60 * 24 * 31)}`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().posts.map((p: { id: string }) => p.id)).toContain(postId);

    const at = inMinutes(90);
    const scheduled = await owner.post(`/api/posts/${postId}/schedule`, {
      mode: 'schedule',
      scheduledAt: at,
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().targets[0]).toMatchObject({ status: 'scheduled', scheduledAt: at });
    const again = await owner.post(`/api/posts/${postId}/schedule`, { mode: 'now' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to move a post to a time already past, keeping its time', async () => {
    const at = inMinutes(45);
    const created = await createPost({
      text: 'Stay put',
      targets: [{ accountId: bluesky }],
      mode: 'schedule',
      scheduledAt: at,
    });
    const { id, targets } = created.json();
    const moved = await owner.post(`/api/posts/${id}/reschedule`, { scheduledAt: inMinutes(-1) });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().fields).toEqual({ scheduledAt: 'In the past.' });
    const one = await owner.post(`/api/post-targets/${targets[0].id}/reschedule`, {
      scheduledAt: inMinutes(-1),
    });
    expect(one.statusCode).toBe(400);
    const [row] = await rows('SELECT scheduled_at, version FROM post_targets WHERE id = $1', [targets[0].id]);
    expect(new Date(row.scheduled_at).toISOString()).toBe(at);
    expect(row.version).toBe(targets[0].version);
  });

  it('refuses a time already past, writing nothing', async () => {
    const before = await counts();
    const response = await createPost({
      text: 'Too late',
      targets: [{ accountId: bluesky }],
      mode: 'schedule',
      scheduledAt: inMinutes(-5),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ scheduledAt: 'In the past.' });
    expect(await counts()).toEqual(before);
  });
});

describe('the queue', () => {
  it('puts queued posts into the account’s next free posting slots, in its time zone', async () => {
    const slots = [
      { day: 1, time: '09:00' },
      { day: 4, time: '18:30' },
    ];
    const set = await owner.patch(`/api/workspaces/${ws}/accounts/${bluesky}`, {
      timeZone: 'Asia/Dhaka',
      postingSlots: slots,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ timeZone: 'Asia/Dhaka', postingSlots: slots });

    const first = await createPost({ text: 'Queued one', targets: [{ accountId: bluesky }], mode: 'queue' });
    const second = await createPost({ text: 'Queued two', targets: [{ accountId: bluesky }], mode: 'queue' });
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    const a = new Date(first.json().targets[0].scheduledAt);
    const b = new Date(second.json().targets[0].scheduledAt);
    expect(a.toISOString()).toBe(nextFreeSlot(slots, 'Asia/Dhaka', new Date(), [])!.toISOString());
    expect(b.toISOString()).toBe(nextFreeSlot(slots, 'Asia/Dhaka', new Date(), [a])!.toISOString());
  });

  it('says which account has no slots, writing nothing', async () => {
    const before = await counts();
    const response = await createPost({
      text: 'Nowhere to go',
      targets: [{ accountId: mastodon }],
      mode: 'queue',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/fixture\d+\.test has no free posting slot/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a time zone or a slot time that does not exist', async () => {
    const zone = await owner.patch(`/api/workspaces/${ws}/accounts/${bluesky}`, { timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().fields.timeZone).toMatch(/time zone/);
    const time = await owner.patch(`/api/workspaces/${ws}/accounts/${bluesky}`, {
      postingSlots: [{ day: 2, time: '25:00' }],
    });
    expect(time.statusCode).toBe(400);
  });
});

describe('images', () => {
  it('stores an uploaded PNG with its size and serves it back', async () => {
    const image = png(40, 30);
    const uploaded = await owner.request(
      'POST',
      `/api/workspaces/${ws}/media?alt=${encodeURIComponent('একটি ধূসর ছবি')}`,
      Buffer.from(image),
      {
        headers: { 'content-type': 'image/png' },
      },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({
      mimeType: 'image/png',
      width: 40,
      height: 30,
      alt: 'একটি ধূসর ছবি',
    });
    const served = await owner.get(`/api/workspaces/${ws}/media/${uploaded.json().id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.rawPayload, Buffer.from(image))).toBe(0);
  });

  it('refuses a file that is not the image it claims to be, one too large, and JSON', async () => {
    const before = await counts();
    const fake = await owner.request(
      'POST',
      `/api/workspaces/${ws}/media`,
      Buffer.from('hello, not a picture'),
      {
        headers: { 'content-type': 'image/png' },
      },
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toMatch(/not a PNG, JPEG, GIF or WebP/);
    const big = Buffer.concat([Buffer.from(png(2, 2)), Buffer.alloc(1_100_000)]);
    const tooBig = await owner.request('POST', `/api/workspaces/${ws}/media`, big, {
      headers: { 'content-type': 'image/png' },
    });
    expect(tooBig.statusCode).toBe(413);
    const json = await owner.post(`/api/workspaces/${ws}/media`, { image: 'x' });
    expect(json.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('asks for alt text on every image when the workspace requires it', async () => {
    const uploaded = await owner.request('POST', `/api/workspaces/${ws}/media`, Buffer.from(png(8, 8)), {
      headers: { 'content-type': 'image/png' },
    });
    const mediaId = uploaded.json().id;
    const setting = await owner.patch(`/api/workspaces/${ws}`, { requireAltText: true });
    expect(setting.json()).toMatchObject({ requireAltText: true });
    const before = await counts();
    const refused = await createPost({
      text: 'A picture',
      targets: [{ accountId: bluesky, media: [{ mediaId, alt: ' ' }] }],
      mode: 'draft',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/alt text/);
    expect(await counts()).toEqual(before);
    const described = await createPost({
      text: 'A picture',
      targets: [{ accountId: bluesky, media: [{ mediaId, alt: 'A grey square' }] }],
      mode: 'draft',
    });
    expect(described.statusCode, described.body).toBe(201);
    await owner.patch(`/api/workspaces/${ws}`, { requireAltText: false });
  });
});

describe('text limits of each account', () => {
  it('lets a Mastodon server with a 1000-character limit take 700 characters, and Bluesky not', async () => {
    const text = 'ক'.repeat(700);
    const onMastodon = await createPost({ text, targets: [{ accountId: mastodon }], mode: 'draft' });
    expect(onMastodon.statusCode, onMastodon.body).toBe(201);
    const onBoth = await createPost({
      text,
      targets: [{ accountId: mastodon }, { accountId: bluesky }],
      mode: 'draft',
    });
    expect(onBoth.statusCode).toBe(400);
    expect(onBoth.json().message).toMatch(/300/);
  });

  it('edits one target within its own rule, and refuses an edit over it', async () => {
    const created = await createPost({
      text: 'Short',
      targets: [{ accountId: bluesky }],
      mode: 'schedule',
      scheduledAt: inMinutes(120),
    });
    const target = created.json().targets[0];
    const edited = await owner.patch(`/api/post-targets/${target.id}`, {
      text: 'Short, and now a little longer',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'scheduled', version: target.version + 1 });
    const over = await owner.patch(`/api/post-targets/${target.id}`, { text: 'x'.repeat(301) });
    expect(over.statusCode).toBe(400);
    expect(await rows('SELECT text, version FROM post_targets WHERE id = $1', [target.id])).toEqual([
      { text: 'Short, and now a little longer', version: target.version + 1 },
    ]);
  });
});

describe('live status', () => {
  it('streams a change of a post to an open events page', async () => {
    await app.api.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.api.server.address() as AddressInfo;
    const cookie = owner.cookieHeader!;
    const created = await createPost({
      text: 'Watch me',
      targets: [{ accountId: bluesky }],
      mode: 'schedule',
      scheduledAt: inMinutes(240),
    });
    const targetId = created.json().targets[0].id;

    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/workspaces/${ws}/posts/events?timeout=60`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const newTime = inMinutes(300);
    const seen = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        received += decoder.decode(value, { stream: true });
        if (received.includes(newTime) && received.includes(targetId)) return true;
      }
    })();
    // Give the stream a moment to subscribe, then move the post.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const moved = await owner.post(`/api/posts/${created.json().id}/reschedule`, { scheduledAt: newTime });
    expect(moved.statusCode).toBe(200);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000));
    expect(await Promise.race([seen, timeout])).toBe(true);
    expect(received).toMatch(/event: targets/);
    controller.abort();
  });

  it('refuses the stream to someone signed out', async () => {
    const response = await new ApiClient(app).get(`/api/workspaces/${ws}/posts/events?timeout=0`);
    expect(response.statusCode).toBe(401);
  });
});

describe('one post', () => {
  /** A person who accepted an invitation of the owner's to `workspaceId` with `role`. */
  async function joined(workspaceId: string, role: 'viewer' | 'owner', name: string) {
    const invited = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role });
    expect(invited.statusCode, invited.body).toBe(201);
    const client = new ApiClient(app, `203.0.113.${40 + seq++}`);
    const accepted = await client.post(
      `/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`,
      {
        name,
        email: `${name.toLowerCase()}@example.com`,
        password: 'correct horse battery',
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    return client;
  }

  it('answers a post with every account’s copy to any member, and 404 to anyone else', async () => {
    const at = inMinutes(90);
    const created = await createPost({
      text: 'একটি পোস্ট, দুই অ্যাকাউন্টে',
      targets: [{ accountId: bluesky }, { accountId: mastodon }],
      mode: 'schedule',
      scheduledAt: at,
      tags: ['launch'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const postId = created.json().id;

    const viewer = await joined(ws, 'viewer', 'Vera');
    const answer = await viewer.get(`/api/posts/${postId}`);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ id: postId, text: 'একটি পোস্ট, দুই অ্যাকাউন্টে', tags: ['launch'] });
    expect(
      answer
        .json()
        .targets.map((t: { accountId: string; status: string; scheduledAt: string }) => [
          t.accountId,
          t.status,
          t.scheduledAt,
        ])
        .sort(),
    ).toEqual(
      [
        [bluesky, 'scheduled', at],
        [mastodon, 'scheduled', at],
      ].sort(),
    );
    // The same shape as the planner's list.
    const listed = await owner.get(`/api/workspaces/${ws}/posts?from=${inMinutes(80)}&to=${inMinutes(100)}`);
    const inList = listed.json().posts.find((p: { id: string }) => p.id === postId);
    expect({ ...inList, targets: [...inList.targets].sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({
      ...answer.json(),
      targets: [...answer.json().targets].sort((a: { id: string }, b: { id: string }) =>
        a.id.localeCompare(b.id),
      ),
    });

    const elsewhere = await owner.post('/api/workspaces', { name: 'Elsewhere' });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const outsider = await joined(elsewhere.json().id, 'owner', 'Omar');
    const refused = await outsider.get(`/api/posts/${postId}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().message).toMatch(/post/i);
    expect((await new ApiClient(app, '203.0.113.99').get(`/api/posts/${postId}`)).statusCode).toBe(401);
    expect((await owner.get(`/api/posts/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await owner.get('/api/posts/not-an-id')).statusCode).toBe(400);

    // A deleted post is gone for everyone.
    expect((await owner.delete(`/api/posts/${postId}`)).statusCode).toBe(200);
    expect((await owner.get(`/api/posts/${postId}`)).statusCode).toBe(404);
  });
});

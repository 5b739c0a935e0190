// The unified inbox with a Mastodon account on a real snac2: a mention, a direct message and a reply
// from another user of the server arrive (the direct one as kind dm, in its conversation; snac2 takes
// mentions of local users as @name: a handle with the test server's port is not one it resolves), a reply in
// place is published under the mention, a direct message is not answered publicly, and reading the
// notifications again from no cursor stores nothing twice. (Bluesky has its own file: dev-env replaces
// the process's fetch dispatcher.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxPolling, startInboxPolling } from '../../commands/inbox/inboxHub.ts';
import { workPublishTarget } from '../../jobs/publishTargetJob.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { connectorOf } from '../../networks/networkConnectors.ts';
import { connectSnacAccount, snacApi as snacApiAs } from '../../testing/snac2Accounts.ts';
import { type Snac2Server, startSnac2 } from '../../testing/snac2Server.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';

interface Status {
  id: string;
  in_reply_to_id?: string | null;
  content: string;
  visibility?: string;
}

interface Item {
  id: string;
  kind: string;
  text: string;
  remoteId: string;
  conversationId: string | null;
  author: { handle: string };
}

let app: TestApp;
let snac: Snac2Server;
let owner: ApiClient;
let workspaceId: string;
let accountId: string;
let polling: InboxPolling;
const ws = () => `/api/workspaces/${workspaceId}`;
const host = () => new URL(snac.instanceUrl).host;
const rows = async (sql: string) => (await app.database.executor.executeSql(sql)).rows;

const snacApi = <T>(user: string, path: string, body?: object) => snacApiAs<T>(snac, user, path, body);
const connectAlice = () => connectSnacAccount(owner, workspaceId, snac, 'alice');

async function items(): Promise<Item[]> {
  const response = await owner.get(`${ws()}/inbox/items`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

beforeAll(async () => {
  [app, snac] = await Promise.all([
    startTestApp({ allowPrivateFetch: true }),
    startSnac2({ users: ['alice', 'bob'] }),
  ]);
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: 'correct horse battery',
    workspaceName: 'Dhaka Desk',
  });
  workspaceId = setup.json().workspaces[0].id;
  accountId = await connectAlice();
  await workPublishTarget({
    database: app.database,
    jobs: app.jobs,
    connectionFor: async (id) => {
      const opened = await openAccountConnection(app.ctx, id);
      return { connector: connectorOf(opened.network), connection: opened.connection };
    },
  });
  polling = startInboxPolling(app.ctx, { intervalMs: 1500, liveIntervalMs: 1000 });
}, 180_000);

afterAll(async () => {
  polling?.stop();
  await app?.close();
  await snac?.close();
});

describe('the inbox of a Mastodon account', () => {
  let alicePost: Status;

  it('receives a mention, a direct message and a reply from another user', { timeout: 120_000 }, async () => {
    alicePost = await snacApi<Status>('alice', '/api/v1/statuses', {
      status: 'The fish market opens at six',
      visibility: 'public',
    });
    await snacApi('bob', '/api/v1/statuses', {
      status: '@alice is the hilsa fresh today?',
      visibility: 'public',
    });
    await snacApi('bob', '/api/v1/statuses', {
      status: '@alice can you keep two kilos for me? My number is private.',
      visibility: 'direct',
    });
    await snacApi('bob', '/api/v1/statuses', {
      status: '@alice see you there',
      visibility: 'public',
      in_reply_to_id: alicePost.id,
    });
    // snac2 delivers between its users through its queue, a few seconds later.
    const arrived = await eventually(async () => {
      const all = await items();
      return all.length >= 3 ? all : undefined;
    }, 60_000);
    const byText = (text: string) => arrived.find((item) => item.text.includes(text))!;
    expect(byText('hilsa fresh').kind).toBe('mention');
    expect(byText('see you there').kind).toBe('reply');
    const dm = byText('two kilos');
    expect(dm.kind).toBe('dm');
    expect(dm.conversationId).toBeTruthy();
    for (const item of arrived) expect(item.author.handle).toBe(`bob@${host()}`);
    // Nothing Alice said herself is in her inbox.
    expect(arrived.some((item) => item.text.includes('fish market opens'))).toBe(false);
  });

  it('answers a mention in place, under the status on the server', { timeout: 60_000 }, async () => {
    const mention = (await items()).find((item) => item.text.includes('hilsa fresh'))!;
    const sent = await owner.post(`${ws()}/inbox/items/${mention.id}/replies`, {
      text: 'Yes, caught this morning.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const published = await eventually(async () => {
      const target = (
        await rows(`SELECT status, remote_id FROM post_targets WHERE post_id = '${sent.json().postId}'`)
      )[0] as { status: string; remote_id: string | null } | undefined;
      return target?.status === 'published' ? target : undefined;
    }, 30_000);
    const status = await snacApi<Status>('alice', `/api/v1/statuses/${published.remote_id}`);
    expect(status.in_reply_to_id).toBe(mention.remoteId);
    expect(status.content).toContain('caught this morning');
  });

  it('does not answer a direct message publicly', async () => {
    const dm = (await items()).find((item) => item.kind === 'dm')!;
    const detail = (await owner.get(`${ws()}/inbox/items/${dm.id}`)).json();
    expect(detail.replyRefusal).toMatch(/direct message/);
    const before = await rows('SELECT count(*)::int AS n FROM posts');
    const refused = await owner.post(`${ws()}/inbox/items/${dm.id}/replies`, { text: 'Kept for you.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/direct message/);
    expect(await rows('SELECT count(*)::int AS n FROM posts')).toEqual(before);
  });

  it('stores nothing twice when reading again from no cursor', { timeout: 60_000 }, async () => {
    const before = await rows(`SELECT count(*)::int AS n FROM inbox_items WHERE account_id = '${accountId}'`);
    polling.stop();
    await rows(`UPDATE inbox_sources SET cursors = '{}'::jsonb, next_poll_at = now(), last_polled_at = NULL`);
    polling = startInboxPolling(app.ctx, { intervalMs: 1500, liveIntervalMs: 1000 });
    await eventually(
      async () =>
        (await rows(`SELECT 1 FROM inbox_sources WHERE cursors <> '{}'::jsonb AND failures = 0`)).length > 0,
      30_000,
    );
    expect(
      await rows(`SELECT count(*)::int AS n FROM inbox_items WHERE account_id = '${accountId}'`),
    ).toEqual(before);
  });
});

// Streams through the API with a Mastodon account on a real snac2: an account connected through the
// OAuth flow, its home, mentions, own posts, hashtag and list columns filled over the board's events,
// a favourite and a boost seen on the server, and a reply published under the status. (Bluesky has its
// own file: dev-env replaces the process's fetch dispatcher.)
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '../../../core/streams/streamTypes.ts';
import { workPublishTarget } from '../../../jobs/publishTargetJob.ts';
import { openAccountConnection } from '../../../networks/accountConnections.ts';
import { connectorOf, networkName } from '../../../networks/networkConnectors.ts';
import { connectSnacAccount, snacApi as snacApiAs } from '../../../testing/snac2Accounts.ts';
import { type Snac2Server, startSnac2 } from '../../../testing/snac2Server.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../../testing/testApp.ts';

process.env.KOLOROB_STREAM_POLL_MS = '1500';

interface Status {
  id: string;
  uri: string;
  url?: string | null;
  in_reply_to_id?: string | null;
  content: string;
  favourites_count: number;
  reblogs_count: number;
}

let app: TestApp;
let snac: Snac2Server;
let owner: ApiClient;
let workspaceId: string;
let accountId: string;
let appUrl: string;
const ws = () => `/api/workspaces/${workspaceId}`;

const snacApi = <T>(user: string, path: string, body?: object) => snacApiAs<T>(snac, user, path, body);
const connectAlice = () => connectSnacAccount(owner, workspaceId, snac, 'alice');

async function eventsOf(boardId: string) {
  const controller = new AbortController();
  const response = await fetch(`${appUrl}${ws()}/boards/${boardId}/events?timeout=120`, {
    headers: { cookie: owner.cookieHeader! },
    signal: controller.signal,
  });
  const received: { columnId: string; items: StreamItem[] }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.+)$/m.exec(chunk)?.[1];
          if (/^event: items$/m.test(chunk) && data) received.push(JSON.parse(data));
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return {
    itemsOf: (columnId: string) => received.filter((e) => e.columnId === columnId).flatMap((e) => e.items),
    close: () => controller.abort(),
  };
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
  await app.api.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(app.api.server.address() as AddressInfo).port}`;
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
  await snac?.close();
});

describe(`Streams with a ${networkName('mastodon')} account`, () => {
  let boardId: string;
  const columns: Record<string, string> = {};
  let bobStatus: Status;
  const host = () => new URL(snac.instanceUrl).host;

  it('fills home, mentions, own posts, hashtag and list columns from the server', {
    timeout: 120_000,
  }, async () => {
    const bob = await snacApi<{ id: string }>('alice', `/api/v1/accounts/lookup?acct=bob@${host()}`).catch(
      async () =>
        (await snacApi<{ id: string }[]>('alice', `/api/v1/accounts/search?q=bob&resolve=true`))[0]!,
    );
    await snacApi('alice', `/api/v1/accounts/${bob.id}/follow`, {});
    const alicePost = await snacApi<Status>('alice', '/api/v1/statuses', {
      status: 'Alice opens the stall at dawn',
      visibility: 'public',
    });
    // A reply reaches Alice's notifications.
    bobStatus = await snacApi<Status>('bob', '/api/v1/statuses', {
      status: 'Fresh hilsa today at the ghat #bazaar',
      visibility: 'public',
      in_reply_to_id: alicePost.id,
    });
    // The list is made through Kolorob's own list routes, on the server.
    const list = await owner.post(`${ws()}/accounts/${accountId}/lists`, {
      name: 'Traders',
      description: '',
    });
    expect(list.statusCode, list.body).toBe(201);
    const added = await owner.post(
      `${ws()}/accounts/${accountId}/lists/${encodeURIComponent(list.json().id)}/members`,
      { actorId: bob.id },
    );
    expect(added.statusCode, added.body).toBe(204);

    boardId = (await owner.get(`${ws()}/boards`)).json().boards[0].id;
    const specs: Record<string, object> = {
      home: { kind: 'home', accountId },
      mentions: { kind: 'mentions', accountId },
      my_posts: { kind: 'my_posts', accountId },
      hashtag: { kind: 'search', accountId, query: '#bazaar' },
      list: { kind: 'list', accountId, listId: list.json().id, listName: 'Traders' },
    };
    for (const [name, body] of Object.entries(specs)) {
      const response = await owner.post(`${ws()}/boards/${boardId}/columns`, body);
      expect(response.statusCode, response.body).toBe(201);
      columns[name] = response.json().id;
    }
    const events = await eventsOf(boardId);
    try {
      const has = (column: string, text: string) =>
        events.itemsOf(columns[column]!).some((item) => item.text.includes(text));
      // Bob's status reaches Alice through snac2's queue, a few seconds later.
      await eventually(() => has('home', 'Fresh hilsa'), 60_000);
      await eventually(() => has('mentions', 'Fresh hilsa'), 60_000);
      await eventually(() => has('my_posts', 'Alice opens the stall'), 60_000);
      await eventually(() => has('hashtag', 'Fresh hilsa'), 60_000);
      await eventually(() => has('list', 'Fresh hilsa'), 60_000);
    } finally {
      events.close();
    }
    const stored = (await owner.get(`${ws()}/boards/${boardId}/items`)).json().columns as {
      items: StreamItem[];
    }[];
    // Plain text only: snac2 sends HTML.
    expect(JSON.stringify(stored)).not.toMatch(/<p>|<a /);
  });

  it('favourites and boosts the status on the server, then undoes both', async () => {
    const act = (action: string) =>
      owner.post(`${ws()}/streams/actions`, { accountId, action, postId: bobStatus.id });
    const status = async () => snacApi<Status>('alice', `/api/v1/statuses/${bobStatus.id}`);
    expect((await act('like')).statusCode).toBe(204);
    expect((await status()).favourites_count).toBe(1);
    expect((await act('repost')).statusCode).toBe(204);
    expect((await status()).reblogs_count).toBe(1);
    expect((await act('unlike')).statusCode).toBe(204);
    expect((await act('unrepost')).statusCode).toBe(204);
    const after = await status();
    expect([after.favourites_count, after.reblogs_count]).toEqual([0, 0]);
  });

  it('publishes a reply under the status through the publishing worker', { timeout: 60_000 }, async () => {
    const sent = await owner.post(`${ws()}/streams/replies`, {
      accountId,
      kind: 'reply',
      text: 'Keep two for us, please',
      postId: bobStatus.id,
      postUrl: bobStatus.url ?? bobStatus.uri,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const reply = await eventually(async () => {
      const mine = await snacApi<Status[]>(
        'alice',
        `/api/v1/accounts/${(await snacApi<{ id: string }>('alice', '/api/v1/accounts/verify_credentials')).id}/statuses`,
      );
      return mine.find((s) => s.content.includes('Keep two for us'));
    }, 30_000);
    expect(reply.in_reply_to_id).toBe(bobStatus.id);
  });
});

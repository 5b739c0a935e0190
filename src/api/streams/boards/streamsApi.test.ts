// Streams through the API against a local AT Protocol network and a feed served from files on
// 127.0.0.1: boards and their limits, every column kind filling in over Server-Sent Events, paging
// back with the network's cursors, live items, likes and reposts seen on the network, replies and
// quotes published through the publishing worker, and who may do what.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '../../../core/streams/streamTypes.ts';
import { workPublishTarget } from '../../../jobs/publishTargetJob.ts';
import { openAccountConnection } from '../../../networks/accountConnections.ts';
import { connectorOf } from '../../../networks/networkConnectors.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../../testing/atprotoNetwork.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../../testing/testApp.ts';

process.env.KOLOROB_STREAM_POLL_MS = '1500';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let network: AtprotoNetwork;
let owner: ApiClient;
let viewer: ApiClient;
let contributor: ApiClient;
let workspaceId: string;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let bobAgent: AtpAgent;
let aliceAgent: AtpAgent;
let accountId: string;
let feedServer: http.Server;
let feedUrl: string;
let appUrl: string;

const ws = () => `/api/workspaces/${workspaceId}`;
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];

async function post(agent: AtpAgent, text: string) {
  // Mentions become facets, as an app makes them, so the mentioned account is notified.
  const richText = new RichText({ text });
  await richText.detectFacets(agent);
  return agent.post({ text: richText.text, facets: richText.facets, createdAt: new Date().toISOString() });
}

/** An open events stream of a board, collecting what it receives. */
async function openEvents(boardId: string) {
  const controller = new AbortController();
  const response = await fetch(`${appUrl}${ws()}/boards/${boardId}/events?timeout=120`, {
    headers: { cookie: owner.cookieHeader! },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; data: { columnId: string; items?: StreamItem[]; message?: string } }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(chunk)?.[1];
          const data = /^data: (.+)$/m.exec(chunk)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted.
    }
  })();
  const itemsOf = (columnId: string) =>
    events
      .filter((e) => e.event === 'items' && e.data.columnId === columnId)
      .flatMap((e) => e.data.items ?? []);
  return { events, itemsOf, close: () => controller.abort() };
}

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  [alice, bob] = await Promise.all([network.createAccount('alice'), network.createAccount('bob')]);
  aliceAgent = new AtpAgent({ service: network.pdsUrl });
  await aliceAgent.login({ identifier: alice.handle, password: alice.password });
  bobAgent = new AtpAgent({ service: network.pdsUrl });
  await bobAgent.login({ identifier: bob.handle, password: bob.password });
  await aliceAgent.follow(bob.did);

  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  const invited = await owner.post(`${ws()}/invitations`, { role: 'viewer' });
  viewer = new ApiClient(app, '203.0.113.2');
  const joined = await viewer.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name: 'Vera Viewer',
    email: 'vera@example.com',
    password: PASSWORD,
  });
  expect(joined.statusCode).toBe(200);
  const invitedContributor = await owner.post(`${ws()}/invitations`, { role: 'contributor' });
  contributor = new ApiClient(app, '203.0.113.3');
  const contributorJoined = await contributor.post(
    `/api/invitations/${invitedContributor.json().link.split('/invite/')[1]}/accept`,
    { name: 'Cora Contributor', email: 'cora@example.com', password: PASSWORD },
  );
  expect(contributorJoined.statusCode).toBe(200);
  const connected = await owner.post(`${ws()}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: alice.handle,
    appPassword: alice.appPassword,
  });
  expect(connected.statusCode, connected.body).toBe(200);
  accountId = connected.json().id;

  const feed = readFileSync(new URL('./testFeed.xml', import.meta.url), 'utf8');
  feedServer = http.createServer((request, response) => {
    if (request.headers['if-none-match'] === '"v1"') {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(feed);
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;

  await app.api.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(app.api.server.address() as AddressInfo).port}`;
  // Replies and quotes are published by the publishing worker, as in the running server.
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
  await new Promise((resolve) => feedServer?.close(resolve));
});

describe('boards', () => {
  it('gives a new person one first board, even when asked twice at once', async () => {
    const [a, b] = await Promise.all([owner.get(`${ws()}/boards`), owner.get(`${ws()}/boards`)]);
    expect(a.statusCode).toBe(200);
    expect(b.json().boards).toHaveLength(1);
    expect(a.json().boards).toEqual([expect.objectContaining({ name: 'My streams', columns: [] })]);
    expect(await rows('SELECT count(*)::int AS n FROM stream_boards')).toEqual([{ n: 1 }]);
  });

  it('makes, renames and deletes boards, 20 at most, and keeps them personal', async () => {
    const made = await owner.post(`${ws()}/boards`, { name: '  Launch week  ' });
    expect(made.statusCode).toBe(201);
    expect(made.json().name).toBe('Launch week');
    const renamed = await owner.patch(`${ws()}/boards/${made.json().id}`, { name: 'Festival' });
    expect(renamed.json().name).toBe('Festival');
    // The viewer has their own boards and cannot see the owner's.
    expect((await viewer.get(`${ws()}/boards`)).json().boards.map((b: { name: string }) => b.name)).toEqual([
      'My streams',
    ]);
    expect((await viewer.get(`${ws()}/boards/${made.json().id}/items`)).statusCode).toBe(404);
    expect((await viewer.delete(`${ws()}/boards/${made.json().id}`)).statusCode).toBe(404);

    for (let n = 2; n < 20; n++) {
      expect((await owner.post(`${ws()}/boards`, { name: `Board ${n}` })).statusCode).toBe(201);
    }
    const over = await owner.post(`${ws()}/boards`, { name: 'One too many' });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toMatch(/20 boards/);
    expect((await owner.get(`${ws()}/boards`)).json().boards).toHaveLength(20);
    for (const board of (await owner.get(`${ws()}/boards`)).json().boards.slice(1)) {
      expect((await owner.delete(`${ws()}/boards/${board.id}`)).statusCode).toBe(204);
    }
    expect((await owner.get(`${ws()}/boards`)).json().boards).toHaveLength(1);
  });

  it('refuses a blank name and unknown fields with a sentence, writing nothing', async () => {
    const blank = await owner.post(`${ws()}/boards`, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toMatch(/name/i);
    const extra = await owner.post(`${ws()}/boards`, { name: 'x', colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(
      await rows(
        'SELECT count(*)::int AS n FROM stream_boards WHERE user_id IN (SELECT id FROM users WHERE email = $1)',
        ['nadia@example.com'],
      ),
    ).toEqual([{ n: 1 }]);
  });
});

describe('columns', () => {
  let boardId: string;
  const columnIds: Record<string, string> = {};
  let listUri: string;
  let bobFirst: { uri: string; cid: string };

  beforeAll(async () => {
    boardId = (await owner.get(`${ws()}/boards`)).json().boards[0].id;
    bobFirst = await post(bobAgent, 'Mango season opens in Rajshahi #mango');
    const list = await aliceAgent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: 'app.bsky.graph.list',
      record: {
        $type: 'app.bsky.graph.list',
        purpose: 'app.bsky.graph.defs#curatelist',
        name: 'Growers',
        createdAt: new Date().toISOString(),
      },
    });
    listUri = list.data.uri;
    await aliceAgent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: 'app.bsky.graph.listitem',
      record: {
        $type: 'app.bsky.graph.listitem',
        subject: bob.did,
        list: listUri,
        createdAt: new Date().toISOString(),
      },
    });
    await post(bobAgent, 'Mention for @alice.test from bob');
    await post(aliceAgent, 'Alice says good morning');
    await network.processAll();
  });

  it('adds one column of every kind, each checked for what it needs', async () => {
    const add = (body: object) => owner.post(`${ws()}/boards/${boardId}/columns`, body);
    expect((await add({ kind: 'home' })).json().message).toMatch(/account/);
    expect((await add({ kind: 'list', accountId })).json().message).toMatch(/list/);
    expect((await add({ kind: 'search', accountId, query: '  ' })).statusCode).toBe(400);
    expect((await add({ kind: 'rss', feedUrl: 'ftp://example.com/feed' })).statusCode).toBe(400);
    expect((await add({ kind: 'weather', accountId })).statusCode).toBe(400);
    const specs: Record<string, object> = {
      home: { kind: 'home', accountId },
      mentions: { kind: 'mentions', accountId },
      my_posts: { kind: 'my_posts', accountId },
      list: { kind: 'list', accountId, listId: listUri, listName: 'Growers' },
      search: { kind: 'search', accountId, query: 'Mango' },
      rss: { kind: 'rss', feedUrl },
      scheduled: { kind: 'scheduled' },
    };
    for (const [name, body] of Object.entries(specs)) {
      const response = await add(body);
      expect(response.statusCode, response.body).toBe(201);
      columnIds[name] = response.json().id;
    }
    const board = (await owner.get(`${ws()}/boards`)).json().boards[0];
    expect(board.columns.map((c: { kind: string }) => c.kind)).toEqual(Object.keys(specs));
    expect(board.columns.find((c: { kind: string }) => c.kind === 'list').title).toBe('Growers');
    expect(board.columns.find((c: { kind: string }) => c.kind === 'home').account.handle).toBe(alice.handle);
  });

  it('fills every column over the board’s events, then serves them from the database', {
    timeout: 120_000,
  }, async () => {
    const before = (await owner.get(`${ws()}/boards/${boardId}/items`)).json().columns;
    expect(before.find((c: { columnId: string }) => c.columnId === columnIds.home).loading).toBe(true);

    const events = await openEvents(boardId);
    try {
      await eventually(
        () => events.itemsOf(columnIds.home!).some((i) => i.text.startsWith('Mango season')),
        30_000,
      );
      await eventually(
        () => events.itemsOf(columnIds.mentions!).some((i) => i.text.includes('Mention for')),
        30_000,
      );
      await eventually(
        () => events.itemsOf(columnIds.my_posts!).some((i) => i.text === 'Alice says good morning'),
        30_000,
      );
      await eventually(
        () => events.itemsOf(columnIds.list!).some((i) => i.text.startsWith('Mango season')),
        30_000,
      );
      await eventually(
        () => events.itemsOf(columnIds.search!).some((i) => i.text.startsWith('Mango season')),
        30_000,
      );
      await eventually(
        () => events.itemsOf(columnIds.rss!).some((i) => i.title === 'Harvest report'),
        30_000,
      );
    } catch (error) {
      console.log(
        JSON.stringify(
          await rows('SELECT source_key, last_error, last_polled_at, failures FROM stream_sources'),
        ),
      );
      console.log(
        JSON.stringify(
          events.events.map((e) => [
            e.event,
            e.data.columnId,
            e.data.message,
            e.data.items?.map((i) => i.text.slice(0, 30)),
          ]),
        ),
      );
      throw error;
    } finally {
      events.close();
    }
    const after = (await owner.get(`${ws()}/boards/${boardId}/items`)).json().columns as {
      columnId: string;
      items: StreamItem[];
      loading: boolean;
      error: string | null;
    }[];
    for (const column of after.filter((c) => c.columnId !== columnIds.scheduled)) {
      expect(column.loading).toBe(false);
      expect(column.error).toBeNull();
      expect(column.items.length).toBeGreaterThan(0);
    }
    const rss = after.find((c) => c.columnId === columnIds.rss)!;
    // The feed lists one entry twice; its HTML reaches the column as text only.
    expect(rss.items.filter((i) => i.title === 'Harvest report')).toHaveLength(1);
    expect(JSON.stringify(rss.items)).not.toMatch(/<script|<b>/);
  });

  it('pushes a new post to an open board once, without what it already sent', async () => {
    const events = await openEvents(boardId);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const sentBefore = events.itemsOf(columnIds.home!).length;
      await post(bobAgent, 'Fresh mangoes just arrived');
      await network.processAll();
      await eventually(
        () => events.itemsOf(columnIds.home!).some((i) => i.text === 'Fresh mangoes just arrived'),
        30_000,
      );
      const sent = events.itemsOf(columnIds.home!).slice(sentBefore);
      expect(sent.map((i) => i.text)).toEqual(['Fresh mangoes just arrived']);
    } finally {
      events.close();
    }
  });

  it('pages back through a long timeline with the network’s cursor, without repeats', {
    timeout: 120_000,
  }, async () => {
    for (let n = 1; n <= 45; n++) await post(bobAgent, `Orchard note ${n}`);
    await network.processAll();
    const column = await owner.post(`${ws()}/boards/${boardId}/columns`, {
      kind: 'search',
      accountId,
      query: 'Orchard',
    });
    expect(column.statusCode).toBe(201);
    const events = await openEvents(boardId);
    try {
      await eventually(() => events.itemsOf(column.json().id).length > 0, 30_000);
    } finally {
      events.close();
    }
    const first = (await owner.get(`${ws()}/boards/${boardId}/items`))
      .json()
      .columns.find((c: { columnId: string }) => c.columnId === column.json().id);
    const seen: string[] = first.items.map((i: StreamItem) => i.text);
    let cursor: string | null = first.cursor;
    expect(cursor).not.toBeNull();
    while (cursor) {
      const page = await owner.get(
        `${ws()}/boards/${boardId}/columns/${column.json().id}/items?cursor=${encodeURIComponent(cursor)}`,
      );
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((i: StreamItem) => i.text));
      cursor = page.json().cursor;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(seen[0]).toBe('Orchard note 45');
    expect(seen.at(-1)).toBe('Orchard note 1');
    const bad = await owner.get(
      `${ws()}/boards/${boardId}/columns/${column.json().id}/items?cursor=nonsense`,
    );
    expect(bad.statusCode).toBe(400);
    expect((await owner.delete(`${ws()}/boards/${boardId}/columns/${column.json().id}`)).statusCode).toBe(
      204,
    );
  });

  it('reorders the columns, and refuses an order that leaves one out', async () => {
    const ids = Object.values(columnIds);
    const reversed = [...ids].reverse();
    const put = (columnIds: string[]) =>
      owner.request('PUT', `${ws()}/boards/${boardId}/columns/order`, { columnIds });
    const response = await put(reversed);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().columns.map((c: { id: string }) => c.id)).toEqual(reversed);
    const partial = await put(reversed.slice(1));
    expect(partial.statusCode).toBe(400);
    expect(
      (await owner.get(`${ws()}/boards`)).json().boards[0].columns.map((c: { id: string }) => c.id),
    ).toEqual(reversed);
    expect((await put(ids)).statusCode).toBe(200);
  });

  it('holds 10 columns at most', async () => {
    const add = () => owner.post(`${ws()}/boards/${boardId}/columns`, { kind: 'scheduled' });
    for (let n = Object.keys(columnIds).length; n < 10; n++) expect((await add()).statusCode).toBe(201);
    const over = await add();
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toMatch(/10 columns/);
  });

  it('shows the planner’s upcoming posts in the Scheduled column', async () => {
    const scheduledAt = new Date(Date.now() + 3 * 3600_000).toISOString();
    const created = await owner.post(`${ws()}/posts`, {
      text: 'Evening market update',
      targets: [{ accountId }],
      mode: 'schedule',
      scheduledAt,
    });
    expect(created.statusCode, created.body).toBe(201);
    const column = (await owner.get(`${ws()}/boards/${boardId}/items`))
      .json()
      .columns.find((c: { columnId: string }) => c.columnId === columnIds.scheduled);
    expect(column.items).toEqual([
      expect.objectContaining({
        kind: 'scheduled',
        text: 'Evening market update',
        status: 'scheduled',
        scheduledAt,
      }),
    ]);
  });

  describe('acting on an item', () => {
    const bobPost = async () =>
      (await network.appView.app.bsky.feed.getPosts({ uris: [bobFirst.uri] })).data.posts[0]!;

    it('likes and unlikes as the account, on the network and in the stored item', async () => {
      const liked = await owner.post(`${ws()}/streams/actions`, {
        accountId,
        action: 'like',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
      });
      expect(liked.statusCode, liked.body).toBe(204);
      await network.processAll();
      expect((await bobPost()).likeCount).toBe(1);
      const stored = await rows(
        "SELECT item FROM stream_items WHERE item->>'postId' = $1 AND source_key LIKE 'home:%'",
        [bobFirst.uri],
      );
      expect((stored[0]!.item as StreamItem).viewer?.liked).toBe(true);
      // Liking again changes nothing.
      expect(
        (
          await owner.post(`${ws()}/streams/actions`, {
            accountId,
            action: 'like',
            postId: bobFirst.uri,
            postCid: bobFirst.cid,
          })
        ).statusCode,
      ).toBe(204);
      await network.processAll();
      expect((await bobPost()).likeCount).toBe(1);
      expect(
        (
          await owner.post(`${ws()}/streams/actions`, {
            accountId,
            action: 'unlike',
            postId: bobFirst.uri,
            postCid: bobFirst.cid,
          })
        ).statusCode,
      ).toBe(204);
      await network.processAll();
      expect((await bobPost()).likeCount ?? 0).toBe(0);
    });

    it('reposts and undoes it', async () => {
      expect(
        (
          await owner.post(`${ws()}/streams/actions`, {
            accountId,
            action: 'repost',
            postId: bobFirst.uri,
            postCid: bobFirst.cid,
          })
        ).statusCode,
      ).toBe(204);
      await network.processAll();
      expect((await bobPost()).repostCount).toBe(1);
      expect(
        (
          await owner.post(`${ws()}/streams/actions`, {
            accountId,
            action: 'unrepost',
            postId: bobFirst.uri,
            postCid: bobFirst.cid,
          })
        ).statusCode,
      ).toBe(204);
      await network.processAll();
      expect((await bobPost()).repostCount ?? 0).toBe(0);
    });

    it('refuses a viewer, with a sentence, and changes nothing on the network', async () => {
      const refused = await viewer.post(`${ws()}/streams/actions`, {
        accountId,
        action: 'like',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toMatch(/editors/);
      const reply = await viewer.post(`${ws()}/streams/replies`, {
        accountId,
        kind: 'reply',
        text: 'Not allowed',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
        postUrl: 'https://bsky.app/x',
      });
      expect(reply.statusCode).toBe(403);
      await network.processAll();
      expect((await bobPost()).likeCount ?? 0).toBe(0);
    });

    it('publishes a reply under the post through the publishing worker', async () => {
      const sent = await owner.post(`${ws()}/streams/replies`, {
        accountId,
        kind: 'reply',
        text: 'Save us a box, please!',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
        postUrl: 'https://bsky.app/profile/bob.test/post/1',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json().status).toBe('scheduled');
      const reply = await eventually(async () => {
        await network.processAll();
        const { data } = await network.appView.app.bsky.feed.getPostThread({ uri: bobFirst.uri });
        const replies = (data.thread as { replies?: { post: { record: { text: string } } }[] }).replies ?? [];
        return replies.find((r) => r.post.record.text === 'Save us a box, please!');
      }, 30_000);
      expect(reply).toBeTruthy();
      const [target] = await rows('SELECT status, reply_to_remote FROM post_targets WHERE post_id = $1', [
        sent.json().postId,
      ]);
      expect(target!.status).toBe('published');
      expect((target!.reply_to_remote as { parent: { id: string } }).parent.id).toBe(bobFirst.uri);
    });

    it('publishes a quote that embeds the post', async () => {
      const sent = await owner.post(`${ws()}/streams/replies`, {
        accountId,
        kind: 'quote',
        text: 'Worth reading before the season starts',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
        postUrl: 'https://bsky.app/profile/bob.test/post/1',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const quote = await eventually(async () => {
        await network.processAll();
        const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: alice.did });
        return data.feed.find(
          (f) => (f.post.record as { text?: string }).text === 'Worth reading before the season starts',
        );
      }, 30_000);
      expect((quote.post.record as { embed?: { record?: { uri: string } } }).embed?.record?.uri).toBe(
        bobFirst.uri,
      );
    });

    it('sends a contributor’s reply for approval instead of publishing it, and lets them not like', async () => {
      const sent = await contributor.post(`${ws()}/streams/replies`, {
        accountId,
        kind: 'reply',
        text: 'Can we quote you in our newsletter?',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
        postUrl: 'https://bsky.app/profile/bob.test/post/1',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json().status).toBe('pending_approval');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const [target] = await rows('SELECT status, remote_id FROM post_targets WHERE post_id = $1', [
        sent.json().postId,
      ]);
      expect(target).toEqual({ status: 'pending_approval', remote_id: null });
      const liked = await contributor.post(`${ws()}/streams/actions`, {
        accountId,
        action: 'like',
        postId: bobFirst.uri,
        postCid: bobFirst.cid,
      });
      expect(liked.statusCode).toBe(403);
    });

    it('refuses a reply without text and one for another workspace’s account', async () => {
      const empty = await owner.post(`${ws()}/streams/replies`, {
        accountId,
        kind: 'reply',
        text: '  ',
        postId: bobFirst.uri,
        postUrl: 'https://bsky.app/x',
      });
      expect(empty.statusCode).toBe(400);
      const other = await owner.post(`${ws()}/streams/replies`, {
        accountId: '00000000-0000-4000-8000-000000000000',
        kind: 'reply',
        text: 'Hello',
        postId: bobFirst.uri,
        postUrl: 'https://bsky.app/x',
      });
      expect(other.statusCode).toBe(400);
      expect(other.json().message).toMatch(/not connected/);
    });
  });
});

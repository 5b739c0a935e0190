// The unified inbox through the API against a local AT Protocol network: another account mentions,
// replies to and quotes the connected account and the items arrive (live over Server-Sent Events too);
// assigning notifies in the app and by email through a real SMTP server; tags, resolving, filters and
// paging; replying in place publishes a reply on the network (or waits for approval for a contributor);
// saved replies; counts per member; who may do what; and reading again does not store an item twice.
import type { AddressInfo } from 'node:net';
import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxPolling, startInboxPolling } from '../../commands/inbox/inboxHub.ts';
import { workPublishTarget } from '../../jobs/publishTargetJob.ts';
import { createMailer } from '../../mail/mailer.ts';
import { openAccountConnection } from '../../networks/accountConnections.ts';
import { connectorOf } from '../../networks/networkConnectors.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { type SmtpCatcher, startSmtpCatcher } from '../../testing/smtpCatcher.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';

const PASSWORD = 'correct horse battery';

interface Item {
  id: string;
  kind: string;
  text: string;
  remoteId: string;
  threadUrl: string | null;
  state: string;
  tags: string[];
  assignee: { id: string; name: string } | null;
  author: { handle: string };
  account: { id: string; handle: string };
}

let app: TestApp;
let network: AtprotoNetwork;
let smtp: SmtpCatcher;
let polling: InboxPolling;
let appUrl: string;
let workspaceId: string;
let accountId: string;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let aliceAgent: AtpAgent;
let bobAgent: AtpAgent;
let alicePost: { uri: string; cid: string };
const people = {} as Record<'owner' | 'editor' | 'contributor' | 'viewer' | 'outsider', ApiClient>;
const ids = {} as Record<'owner' | 'editor' | 'contributor' | 'viewer' | 'outsider', string>;

const ws = () => `/api/workspaces/${workspaceId}`;
const rows = async (sql: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];

async function post(agent: AtpAgent, text: string, extra: Record<string, unknown> = {}) {
  const richText = new RichText({ text });
  await richText.detectFacets(agent);
  return agent.post({
    text: richText.text,
    facets: richText.facets,
    createdAt: new Date().toISOString(),
    ...extra,
  });
}

async function items(query = ''): Promise<Item[]> {
  const response = await people.owner.get(`${ws()}/inbox/items${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const itemWith = async (text: string) => (await items()).find((item) => item.text.includes(text));

/** An open events stream of the inbox, collecting what it receives. */
async function openEvents(client: ApiClient) {
  const controller = new AbortController();
  const response = await fetch(`${appUrl}${ws()}/inbox/events?timeout=120`, {
    headers: { cookie: client.cookieHeader! },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; items: Item[] }[] = [];
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
          const event = /^event: (.+)$/m.exec(chunk)?.[1];
          const data = /^data: (.+)$/m.exec(chunk)?.[1];
          if (event && data) events.push({ event, items: JSON.parse(data).items });
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return { events, close: () => controller.abort() };
}

async function join(role: 'editor' | 'contributor' | 'viewer', name: string, workspace = workspaceId) {
  const invited = await people.owner.post(`/api/workspaces/${workspace}/invitations`, { role });
  expect(invited.statusCode).toBe(201);
  const client = new ApiClient(app, `203.0.113.${Object.keys(ids).length + 10}`);
  const joined = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    password: PASSWORD,
  });
  expect(joined.statusCode, joined.body).toBe(200);
  return { client, id: joined.json().user.id as string };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  [app, network] = await Promise.all([
    startTestApp({
      allowPrivateFetch: true,
      mailer: createMailer({ smtpUrl: smtp.url, from: 'Kolorob <kolorob@example.com>', log: { info() {} } }),
    }),
    startAtprotoNetwork(),
  ]);
  [alice, bob] = await Promise.all([network.createAccount('alice'), network.createAccount('bob')]);
  aliceAgent = new AtpAgent({ service: network.pdsUrl });
  await aliceAgent.login({ identifier: alice.handle, password: alice.password });
  bobAgent = new AtpAgent({ service: network.pdsUrl });
  await bobAgent.login({ identifier: bob.handle, password: bob.password });

  people.owner = new ApiClient(app);
  const setup = await people.owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  ids.owner = setup.json().user.id;
  for (const [role, name] of [
    ['editor', 'Esha Editor'],
    ['contributor', 'Cora Contributor'],
    ['viewer', 'Vera Viewer'],
  ] as const) {
    const joined = await join(role, name);
    people[role] = joined.client;
    ids[role] = joined.id;
  }
  // The outsider belongs to another workspace only.
  const other = await people.owner.post('/api/workspaces', { name: 'Elsewhere' });
  const outsider = await join('viewer', 'Omar Outsider', other.json().id);
  people.outsider = outsider.client;
  ids.outsider = outsider.id;

  const connected = await people.owner.post(`${ws()}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: alice.handle,
    appPassword: alice.appPassword,
  });
  expect(connected.statusCode, connected.body).toBe(200);
  accountId = connected.json().id;

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

  alicePost = await post(aliceAgent, 'The mango stall opens at dawn');
  await network.processAll();
  await post(bobAgent, `Hello @${alice.handle}, are you open on Friday?`);
  await post(bobAgent, 'Will there be Himsagar this year?', {
    reply: { root: alicePost, parent: alicePost },
  });
  await post(bobAgent, 'Best stall in town', {
    embed: { $type: 'app.bsky.embed.record', record: alicePost },
  });
  await network.processAll();
  polling = startInboxPolling(app.ctx, { intervalMs: 1500, liveIntervalMs: 1000 });
}, 180_000);

afterAll(async () => {
  polling?.stop();
  await app?.close();
  await network?.close();
  await smtp?.close();
});

describe('collecting', () => {
  it('stores mentions, replies and quotes of the connected account, with who said them', {
    timeout: 60_000,
  }, async () => {
    await eventually(async () => (await items()).length >= 3, 30_000);
    const all = await items();
    expect(all.map((item) => [item.kind, item.text]).sort()).toEqual([
      ['mention', `Hello @${alice.handle}, are you open on Friday?`],
      ['quote', 'Best stall in town'],
      ['reply', 'Will there be Himsagar this year?'],
    ]);
    for (const item of all) {
      expect(item.author.handle).toBe(bob.handle);
      expect(item.account).toMatchObject({ id: accountId, handle: alice.handle });
      expect(item.state).toBe('open');
    }
    // The reply names the thread it is in, the post someone else started.
    const reply = all.find((item) => item.kind === 'reply')!;
    expect(reply.threadUrl).toContain(alicePost.uri.split('/').pop());
    const sources = (await people.viewer.get(`${ws()}/inbox/sources`)).json().sources;
    expect(sources).toEqual([
      expect.objectContaining({
        accountId,
        lastError: null,
        textLimit: 300,
        unavailable: [expect.objectContaining({ feed: 'direct_messages' })],
      }),
    ]);
  });

  it('pushes a new item to an open inbox over Server-Sent Events', { timeout: 60_000 }, async () => {
    const stream = await openEvents(people.viewer);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await post(bobAgent, `@${alice.handle} one more question about prices`);
      await network.processAll();
      const arrived = await eventually(
        () =>
          stream.events
            .filter((e) => e.event === 'new')
            .flatMap((e) => e.items)
            .find((item) => item.text.includes('one more question')),
        30_000,
      );
      expect(arrived.kind).toBe('mention');
      // What was there before is not sent as new.
      expect(
        stream.events.filter((e) => e.event === 'new').flatMap((e) => e.items.map((i) => i.text)),
      ).toEqual([`@${alice.handle} one more question about prices`]);
      // A teammate resolving it reaches the open inbox as a change.
      await people.owner.post(`${ws()}/inbox/items/${arrived.id}/resolve`);
      await eventually(
        () =>
          stream.events.some(
            (e) =>
              e.event === 'changed' && e.items.some((i) => i.id === arrived.id && i.state === 'resolved'),
          ),
        10_000,
      );
      await people.owner.post(`${ws()}/inbox/items/${arrived.id}/reopen`);
    } finally {
      stream.close();
    }
  });

  it('stores nothing twice when polling starts over from no cursor', { timeout: 60_000 }, async () => {
    const before = await rows('SELECT count(*)::int AS n FROM inbox_items');
    polling.stop();
    await rows(`UPDATE inbox_sources SET cursors = '{}'::jsonb, next_poll_at = now(), last_polled_at = NULL`);
    polling = startInboxPolling(app.ctx, { intervalMs: 1500, liveIntervalMs: 1000 });
    await eventually(
      async () =>
        (await rows(`SELECT 1 FROM inbox_sources WHERE cursors <> '{}'::jsonb AND failures = 0`)).length > 0,
      30_000,
    );
    expect(await rows('SELECT count(*)::int AS n FROM inbox_items')).toEqual(before);
  });
});

describe('working the inbox', () => {
  it('assigns an item to a member, who is notified in the app and by email', {
    timeout: 30_000,
  }, async () => {
    const mention = (await itemWith('open on Friday'))!;
    smtp.received.length = 0;
    const assigned = await people.editor.request('PUT', `${ws()}/inbox/items/${mention.id}/assignee`, {
      userId: ids.contributor,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toEqual({ id: ids.contributor, name: 'Cora Contributor' });
    const notifications = await rows(
      `SELECT kind, link, data FROM notifications WHERE user_id = $1 AND kind = 'inbox_assigned'`,
      [ids.contributor],
    );
    expect(notifications).toEqual([
      {
        kind: 'inbox_assigned',
        link: `/w/${workspaceId}/inbox?item=${mention.id}`,
        data: { assignerName: 'Esha Editor', authorHandle: bob.handle, text: mention.text },
      },
    ]);
    const mail = await eventually(() => smtp.received.find((m) => m.to.includes('cora@example.com')), 15_000);
    expect(mail.subject).toContain(`Esha Editor assigned you a message from ${bob.handle}`);
    expect(mail.text).toContain(`/w/${workspaceId}/inbox?item=${mention.id}`);
    expect(
      await rows(
        `SELECT before, after FROM audit_events WHERE action = 'inbox.assigned' AND target_id = $1`,
        [mention.id],
      ),
    ).toEqual([{ before: { assigneeId: null }, after: { assigneeId: ids.contributor } }]);
    // Assigning again to the same person changes and sends nothing.
    await people.editor.request('PUT', `${ws()}/inbox/items/${mention.id}/assignee`, {
      userId: ids.contributor,
    });
    expect(await rows(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'inbox_assigned'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('refuses assignees who are not members or cannot work the inbox, and people who may not assign', async () => {
    const item = (await itemWith('Himsagar'))!;
    const path = `${ws()}/inbox/items/${item.id}/assignee`;
    const toOutsider = await people.owner.request('PUT', path, { userId: ids.outsider });
    expect(toOutsider.statusCode).toBe(400);
    expect(toOutsider.json().message).toMatch(/member/);
    const toViewer = await people.owner.request('PUT', path, { userId: ids.viewer });
    expect(toViewer.statusCode).toBe(400);
    expect(toViewer.json().message).toMatch(/Viewers/);
    const byViewer = await people.viewer.request('PUT', path, { userId: ids.owner });
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().message).toMatch(/Viewers cannot/);
    expect((await people.outsider.request('PUT', path, { userId: ids.owner })).statusCode).toBe(404);
    expect((await people.outsider.get(`${ws()}/inbox/items`)).statusCode).toBe(404);
    expect((await people.outsider.get(`${ws()}/inbox/items/${item.id}`)).statusCode).toBe(404);
    const bad = await people.owner.request('PUT', path, { userId: 'someone' });
    expect(bad.statusCode).toBe(400);
    expect((await people.viewer.get(`${ws()}/inbox/items/${item.id}`)).json().assignee).toBeNull();
  });

  it('tags and untags, in lower case, and filters by tag', async () => {
    const item = (await itemWith('Himsagar'))!;
    const path = `${ws()}/inbox/items/${item.id}/tags`;
    const tagged = await people.contributor.patch(path, { add: ['  Pricing ', 'urgent'] });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json().tags).toEqual(['pricing', 'urgent']);
    const untagged = await people.contributor.patch(path, { remove: ['URGENT'] });
    expect(untagged.json().tags).toEqual(['pricing']);
    expect((await people.viewer.patch(path, { add: ['x'] })).statusCode).toBe(403);
    expect((await people.owner.patch(path, {})).statusCode).toBe(400);
    expect((await items('?tag=pricing')).map((i) => i.id)).toEqual([item.id]);
    expect(
      (
        await rows(`SELECT after FROM audit_events WHERE action = 'inbox.tagged' AND target_id = $1`, [
          item.id,
        ])
      ).length,
    ).toBe(2);
  });

  it('resolves and reopens, filters by state, and counts open items per member', async () => {
    const quote = (await itemWith('Best stall'))!;
    const resolved = await people.contributor.post(`${ws()}/inbox/items/${quote.id}/resolve`);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: { id: ids.contributor } });
    expect((await items('?state=resolved')).map((i) => i.id)).toEqual([quote.id]);
    expect((await items('?state=open')).some((i) => i.id === quote.id)).toBe(false);
    expect((await people.viewer.post(`${ws()}/inbox/items/${quote.id}/reopen`)).statusCode).toBe(403);

    const counts = (await people.viewer.get(`${ws()}/inbox/counts`)).json();
    const openOf = (userId: string) =>
      counts.members.find((m: { userId: string }) => m.userId === userId).open;
    expect(openOf(ids.contributor)).toBe(1);
    expect(openOf(ids.owner)).toBe(0);
    expect(counts.open).toBe(3);
    expect(counts.unassigned).toBe(2);

    const reopened = await people.contributor.post(`${ws()}/inbox/items/${quote.id}/reopen`);
    expect(reopened.json()).toMatchObject({ state: 'open', resolvedBy: null });
    expect((await people.viewer.get(`${ws()}/inbox/counts`)).json().open).toBe(4);
    expect(
      (
        await rows(
          `SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'inbox.%' ORDER BY id`,
          [quote.id],
        )
      ).map((r) => r.action),
    ).toEqual(['inbox.resolved', 'inbox.reopened']);
  });

  it('filters by account, kind, assignee and text, and pages with a cursor', async () => {
    expect((await items('?kind=quote')).map((i) => i.text)).toEqual(['Best stall in town']);
    expect((await items(`?accountId=${accountId}`)).length).toBe(4);
    expect((await people.contributor.get(`${ws()}/inbox/items?assignee=me`)).json().items).toHaveLength(1);
    expect((await items(`?assignee=${ids.contributor}`)).map((i) => i.text)[0]).toMatch(/open on Friday/);
    expect((await items('?assignee=unassigned')).length).toBe(3);
    expect((await items('?q=himsagar')).map((i) => i.kind)).toEqual(['reply']);
    expect((await items('?q=100%25')).length).toBe(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await people.viewer.get(
        `${ws()}/inbox/items?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((i: Item) => i.id));
      cursor = page.json().cursor;
    } while (cursor);
    expect(seen).toEqual((await items()).map((i) => i.id));
    expect((await people.owner.get(`${ws()}/inbox/items?cursor=nonsense`)).statusCode).toBe(400);
    expect((await people.owner.get(`${ws()}/inbox/items?kind=like`)).statusCode).toBe(400);
  });
});

describe('replying in place', () => {
  it('publishes an editor’s reply on the network as a reply to the item', { timeout: 60_000 }, async () => {
    const mention = (await itemWith('open on Friday'))!;
    const sent = await people.editor.post(`${ws()}/inbox/items/${mention.id}/replies`, {
      text: 'Yes, from 6 until noon!',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().status).toBe('scheduled');
    // Replying resolves nothing by itself.
    expect(sent.json().item.state).toBe('open');
    const reply = await eventually(async () => {
      await network.processAll();
      const { data } = await network.appView.app.bsky.feed.getPostThread({ uri: mention.remoteId });
      const thread = data.thread as {
        replies?: { post: { record: { text: string }; author: { did: string } } }[];
      };
      return thread.replies?.find((r) => r.post.record.text === 'Yes, from 6 until noon!');
    }, 30_000);
    expect(reply.post.author.did).toBe(alice.did);
    const detail = (await people.viewer.get(`${ws()}/inbox/items/${mention.id}`)).json();
    expect(detail.replies).toEqual([
      expect.objectContaining({ text: 'Yes, from 6 until noon!', authorName: 'Esha Editor' }),
    ]);
    expect(detail.replyRefusal).toBeNull();
  });

  it('sends a contributor’s reply for approval, and resolves when asked', async () => {
    const item = (await itemWith('Himsagar'))!;
    const sent = await people.contributor.post(`${ws()}/inbox/items/${item.id}/replies`, {
      text: 'Yes, from June.',
      resolve: true,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().status).toBe('pending_approval');
    expect(sent.json().item).toMatchObject({ state: 'resolved', resolvedBy: { id: ids.contributor } });
    expect(await rows('SELECT status FROM post_targets WHERE post_id = $1', [sent.json().postId])).toEqual([
      { status: 'pending_approval' },
    ]);
    // Those who may approve it are told, the contributor is not.
    const told = await rows(
      `SELECT user_id, data->>'postText' AS text, link FROM notifications
       WHERE kind = 'approval_requested' AND link LIKE $1 ORDER BY user_id`,
      [`%post=${sent.json().postId}`],
    );
    expect(told.map((n) => n.user_id).sort()).toEqual([ids.owner, ids.editor].sort());
    expect(told[0]).toMatchObject({ text: 'Yes, from June.' });
  });

  it('refuses viewers, empty replies and replies longer than the network allows, writing nothing', async () => {
    const item = (await itemWith('Best stall'))!;
    const path = `${ws()}/inbox/items/${item.id}/replies`;
    const before = await rows('SELECT count(*)::int AS n FROM posts');
    const byViewer = await people.viewer.post(path, { text: 'Thanks!' });
    expect(byViewer.statusCode).toBe(403);
    expect((await people.outsider.post(path, { text: 'Thanks!' })).statusCode).toBe(404);
    expect((await people.owner.post(path, { text: '   ' })).statusCode).toBe(400);
    const long = await people.owner.post(path, { text: 'অ'.repeat(301) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/300/);
    expect(await rows('SELECT count(*)::int AS n FROM posts')).toEqual(before);
  });
});

describe('saved replies', () => {
  it('lets editors write them and everyone read them', async () => {
    const base = `${ws()}/saved-replies`;
    const made = await people.editor.post(base, {
      title: ' Opening hours ',
      text: 'We open at 6 every day.',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().title).toBe('Opening hours');
    expect((await people.contributor.post(base, { title: 'x', text: 'y' })).statusCode).toBe(403);
    expect((await people.viewer.get(base)).json().savedReplies).toEqual([
      expect.objectContaining({ title: 'Opening hours', text: 'We open at 6 every day.' }),
    ]);
    expect((await people.outsider.get(base)).statusCode).toBe(404);
    const id = made.json().id;
    const changed = await people.editor.patch(`${base}/${id}`, { text: 'We open at 7 on Fridays.' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Opening hours', text: 'We open at 7 on Fridays.' });
    expect((await people.contributor.patch(`${base}/${id}`, { text: 'x' })).statusCode).toBe(403);
    expect((await people.editor.patch(`${base}/${id}`, {})).statusCode).toBe(400);
    expect((await people.contributor.delete(`${base}/${id}`)).statusCode).toBe(403);
    expect((await people.owner.delete(`${base}/${id}`)).statusCode).toBe(204);
    expect((await people.owner.delete(`${base}/${id}`)).statusCode).toBe(404);
    expect(
      (await rows(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`, [id])).map(
        (r) => r.action,
      ),
    ).toEqual(['savedReply.created', 'savedReply.updated', 'savedReply.deleted']);
  });
});

// The Mastodon stream reader against a real snac2 server: alice reads her home timeline (with paging),
// notifications, own posts, hashtag and keyword search, likes and reposts bob's posts, keeps lists and
// their members, reads a list's feed and finds people. A quote published through the connector is found
// again after a lost answer. Cross-user effects travel through snac2's queue, so the tests poll.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem, StreamPage } from '../../core/streams/streamTypes.ts';
import { type Snac2Server, startSnac2 } from '../../testing/snac2Server.ts';
import type { Connection } from '../connector.ts';
import type { StreamReader } from '../streamReader.ts';
import { createMastodonConnector, mastodonConnector } from './mastodonConnector.ts';
import { createMemoryPublishLog, type PublishLog } from './publishLog.ts';
import { plainTextOfContent } from './statusText.ts';

/** snac2 delivers between local users through its queue, which can take a few ticks. */
const DELIVERY_TIMEOUT_MS = 40_000;
/** More than a page of alice's own notes, which reach her home timeline at once, for paging. */
const OWN_NOTES = 32;

interface Account {
  id: string;
  acct: string;
}

interface Status {
  id: string;
  url: string;
  content: string;
  favourited: boolean;
  reblogged: boolean;
}

let snac: Snac2Server;
let host: string;
const ids: Record<string, string> = {};
const connections: Record<string, Connection> = {};
let alice: StreamReader;
/** Alice's notes, oldest first. */
const aliceNotes: Status[] = [];
/** Bob's plain posts, oldest first. */
const bobPosts: Status[] = [];
let hashtagPost: Status;
let keywordPost: Status;
let alicePost: Status;
let bobReply: Status;
const keyword = `Zanzibar${Date.now()}`;

/**
 * A raw API call as `user`, on a fresh connection each time: snac2 sometimes closes a kept-alive
 * connection under a new request, and a status posted by a test must not be sent twice.
 */
function api<T>(user: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      `${snac.instanceUrl}${path}`,
      {
        method,
        agent: false,
        headers: {
          authorization: `Bearer ${snac.users[user]!.accessToken}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299)
            reject(new Error(`${method} ${path} as ${user}: ${status} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function post(user: string, status: string, inReplyToId?: string): Promise<Status> {
  return api<Status>(user, '/api/v1/statuses', {
    method: 'POST',
    body: { status, visibility: 'public', ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}) },
  });
}

async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `follower` follows `followed` and waits until the followed side has accepted. */
async function follow(follower: string, followed: string): Promise<void> {
  // snac2 follows only accounts it has loaded; a lookup loads a local one.
  await api(follower, `/api/v1/accounts/lookup?acct=${followed}`);
  await api(follower, `/api/v1/accounts/${ids[followed]}/follow`, { method: 'POST' });
  await waitForFollower(followed, follower);
}

async function waitForFollower(followed: string, follower: string): Promise<void> {
  await eventually(
    `${followed} to accept ${follower}`,
    () => api<{ followed_by: boolean }[]>(followed, `/api/v1/accounts/relationships?id[]=${ids[follower]}`),
    (relationships) => relationships[0]?.followed_by === true,
  );
}

function textOf(item: StreamItem | undefined): string | undefined {
  return item?.text;
}

beforeAll(async () => {
  snac = await startSnac2({ users: ['alice', 'bob', 'carol'] });
  host = new URL(snac.instanceUrl).host;
  for (const user of ['alice', 'bob', 'carol']) {
    ids[user] = (await api<Account>(user, '/api/v1/accounts/verify_credentials')).id;
    connections[user] = await mastodonConnector.connect({
      instanceUrl: snac.instanceUrl,
      accessToken: snac.users[user]!.accessToken,
    });
  }
  alice = connections.alice!.streams();

  for (let i = 1; i <= OWN_NOTES; i += 1) aliceNotes.push(await post('alice', `Alice's note number ${i}`));
  await follow('alice', 'bob');
  for (let i = 1; i <= 2; i += 1) bobPosts.push(await post('bob', `Bob's post number ${i}`));
  hashtagPost = await post('bob', 'Colours of spring #kolorob');
  keywordPost = await post('bob', `A post about ${keyword} & "friends" — বন্ধু`);
  alicePost = await post('alice', 'Alice asks: what do you read?');
  bobReply = await post('bob', 'Bob answers: poetry', alicePost.id);
  const fromBob = [...bobPosts, hashtagPost, keywordPost, bobReply].map((status) => status.id);
  await eventually(
    "bob's posts in alice's home timeline",
    () => alice.home(),
    (page) => fromBob.every((id) => page.items.some((item) => item.id === id)),
  );
}, 180_000);

afterAll(async () => {
  await snac?.close();
});

describe('Mastodon stream reader on snac2', () => {
  it("shows a followed account's posts in home, as plain text, and pages to older ones", async () => {
    const first = await alice.home();
    expect(first.items).toHaveLength(30);
    expect(first.cursor).toBeTruthy();
    const reply = first.items.find((item) => item.id === bobReply.id)!;
    expect(reply).toMatchObject({
      network: 'mastodon',
      kind: 'post',
      postId: bobReply.id,
      url: bobReply.url,
      text: 'Bob answers: poetry',
      inReplyTo: { id: alicePost.id },
      author: { id: ids.bob, handle: `bob@${host}`, displayName: 'bob', url: `${snac.instanceUrl}/bob` },
      viewer: { liked: false, reposted: false },
    });
    expect(reply.author.avatarUrl).toMatch(/^http/);
    const keywordItem = first.items.find((item) => item.id === keywordPost.id);
    expect(textOf(keywordItem)).toBe(`A post about ${keyword} & "friends" — বন্ধু`);
    const tagged = first.items.find((item) => item.id === hashtagPost.id);
    expect(textOf(tagged)).toBe('Colours of spring #kolorob');
    expect(first.items.filter((item) => /<[a-z/]|&[a-z#]+;/i.test(item.text))).toEqual([]);

    const second = await alice.home(first.cursor);
    const firstIds = new Set(first.items.map((item) => item.id));
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.filter((item) => firstIds.has(item.id))).toEqual([]);
    expect(second.items.map((item) => item.id)).toContain(aliceNotes[0]!.id);
    const newestOnSecond = Date.parse(second.items[0]!.createdAt);
    const oldestOnFirst = Date.parse(first.items[first.items.length - 1]!.createdAt);
    expect(newestOnSecond).toBeLessThanOrEqual(oldestOnFirst);
  });

  it("shows another account's reply among the notifications as a reply", async () => {
    const page = await eventually(
      "bob's reply among alice's notifications",
      () => alice.mentions(),
      (result: StreamPage) => result.items.some((item) => item.postId === bobReply.id),
    );
    const reply = page.items.find((item) => item.postId === bobReply.id)!;
    expect(reply.kind).toBe('reply');
    expect(reply.id).not.toBe(bobReply.id);
    expect(reply).toMatchObject({
      text: 'Bob answers: poetry',
      url: bobReply.url,
      author: { handle: `bob@${host}` },
      inReplyTo: { id: alicePost.id },
    });
  }, 60_000);

  it("shows the account's own posts", async () => {
    const mine = await alice.myPosts();
    expect(mine.items[0]).toMatchObject({
      id: alicePost.id,
      postId: alicePost.id,
      kind: 'post',
      text: 'Alice asks: what do you read?',
      author: { id: ids.alice, handle: `alice@${host}` },
    });
    expect(mine.items.every((item) => item.author.id === ids.alice)).toBe(true);
    const older = await alice.myPosts(mine.cursor);
    expect(older.items.map((item) => item.id)).not.toContain(alicePost.id);
  });

  it('finds posts by #hashtag and by keyword', async () => {
    const byTag = await alice.search('#kolorob');
    expect(byTag.items.map((item) => item.id)).toContain(hashtagPost.id);
    expect(byTag.items.every((item) => item.text.includes('#kolorob'))).toBe(true);

    const byWord = await alice.search(keyword);
    expect(byWord.items.map((item) => item.id)).toEqual([keywordPost.id]);
    expect(byWord.items[0]?.text).toBe(`A post about ${keyword} & "friends" — বন্ধু`);
    // snac2 ignores max_id in search and would repeat the page: the reader ends there instead.
    expect(byWord.cursor).toBe(keywordPost.id);
    expect((await alice.search(keyword, byWord.cursor)).items).toEqual([]);
  });

  it('likes and reposts a post, idempotently, and takes both back', async () => {
    const target = bobPosts[bobPosts.length - 1]!;
    const read = () => api<Status>('alice', `/api/v1/statuses/${target.id}`);

    await alice.like({ id: target.id });
    await alice.like({ id: target.id });
    expect((await read()).favourited).toBe(true);
    const home = await alice.home();
    expect(home.items.find((item) => item.id === target.id)?.viewer?.liked).toBe(true);
    await alice.unlike({ id: target.id });
    await alice.unlike({ id: target.id });
    expect((await read()).favourited).toBe(false);

    await alice.repost({ id: target.id });
    await alice.repost({ id: target.id });
    expect((await read()).reblogged).toBe(true);
    await alice.unrepost({ id: target.id });
    await alice.unrepost({ id: target.id });
    expect((await read()).reblogged).toBe(false);
  });

  it('shows likes, reposts and follows to the account they concern', async () => {
    const target = bobPosts[0]!;
    await alice.like({ id: target.id });
    await alice.repost({ id: target.id });
    const bob = connections.bob!.streams();
    const page = await eventually(
      "alice's like and repost among bob's notifications",
      () => bob.mentions(),
      (result: StreamPage) =>
        ['like', 'repost'].every((kind) =>
          result.items.some((item) => item.kind === kind && item.postId === target.id),
        ),
    );
    const like = page.items.find((item) => item.kind === 'like')!;
    expect(like).toMatchObject({ author: { handle: `alice@${host}` }, text: "Bob's post number 1" });
    const followed = page.items.find((item) => item.kind === 'follow');
    expect(followed).toMatchObject({ author: { handle: `alice@${host}` }, text: '' });
    expect(followed?.postId).toBeUndefined();
  }, 60_000);

  it('creates and deletes a list, and says plainly that snac2 cannot rename one', async () => {
    const list = await alice.createList({ name: 'Poets', description: 'Not stored by Mastodon servers' });
    expect(list).toEqual({ id: list.id, name: 'Poets', description: '' });
    expect(await alice.lists()).toContainEqual(list);

    const rename = await alice
      .updateList(list.id, { name: 'Poets and painters', description: '' })
      .catch((error: unknown) => error);
    expect(rename).toMatchObject({ name: 'ConnectorError', kind: 'rejected' });
    expect((rename as Error).message).toMatch(/does not support renaming lists/);

    await alice.deleteList(list.id);
    expect((await alice.lists()).map((entry) => entry.id)).not.toContain(list.id);
    await alice.deleteList(list.id);
  });

  it('adds and removes list members, idempotently', async () => {
    const list = await alice.createList({ name: 'Friends', description: '' });
    await alice.addListMember(list.id, ids.bob!);
    await alice.addListMember(list.id, ids.bob!);
    const members = await alice.listMembers(list.id);
    expect(members).toEqual([
      expect.objectContaining({ id: ids.bob, handle: `bob@${host}`, displayName: 'bob' }),
    ]);
    await alice.removeListMember(list.id, ids.bob!);
    expect(await alice.listMembers(list.id)).toEqual([]);
    await alice.removeListMember(list.id, ids.bob!);
  });

  it("follows someone added to a list, and shows the member's posts in the list feed", async () => {
    const list = await alice.createList({ name: 'Painters', description: '' });
    const [carol] = await alice.searchActors('caro');
    expect(carol?.id).toBe(ids.carol);
    await alice.addListMember(list.id, carol!.id);
    const [relationship] = await api<{ following: boolean }[]>(
      'alice',
      `/api/v1/accounts/relationships?id[]=${ids.carol}`,
    );
    expect(relationship?.following).toBe(true);
    await waitForFollower('carol', 'alice');

    const painting = await post('carol', 'Carol paints the river');
    const feed = await eventually(
      "carol's post in alice's list feed",
      () => alice.listFeed(list.id),
      (page: StreamPage) => page.items.some((item) => item.id === painting.id),
    );
    expect(feed.items.find((item) => item.id === painting.id)).toMatchObject({
      text: 'Carol paints the river',
      author: { handle: `carol@${host}` },
    });
    expect(feed.items.some((item) => item.author.id === ids.bob)).toBe(false);
  }, 90_000);

  it('finds people by the start of their name and resolves handles', async () => {
    const found = await alice.searchActors('bo');
    expect(found).toContainEqual(expect.objectContaining({ id: ids.bob, handle: `bob@${host}` }));

    expect(await alice.resolveActor(`bob@${host}`)).toMatchObject({ id: ids.bob, handle: `bob@${host}` });
    expect(await alice.resolveActor(`@carol@${host}`)).toMatchObject({ id: ids.carol });
    expect(await alice.resolveActor(`nobody@${host}`)).toBeUndefined();
  });
});

describe('Quotes through the Mastodon connector on snac2', () => {
  it("ends the text with the quoted post's link, and finds the quote after a lost answer", async () => {
    const quoted = { id: bobPosts[1]!.id, url: bobPosts[1]!.url };
    const durable = createMemoryPublishLog();
    const forgetful: PublishLog = {
      ...durable,
      async put(key, attempt) {
        if (attempt.statusId) return;
        await durable.put(key, attempt);
      },
    };
    const credentials = { instanceUrl: snac.instanceUrl, accessToken: snac.users.alice!.accessToken };
    const beforeCrash = await createMastodonConnector({ publishLog: forgetful }).connect(credentials);
    const publishKey = mastodonConnector.newPublishKey();
    const text = `Worth reading, ${publishKey}`;
    const published = await beforeCrash.publish({ text, quote: quoted, publishKey });

    const status = await api<Status>('alice', `/api/v1/statuses/${published.id}`);
    expect(plainTextOfContent(status.content)).toBe(`${text}\n\n${quoted.url}`);

    const afterCrash = await createMastodonConnector({ publishLog: durable }).connect(credentials);
    expect(await afterCrash.findPublished(publishKey)).toEqual(published);
    expect(await afterCrash.publish({ text, quote: quoted, publishKey })).toEqual(published);
    const mine = await api<Status[]>('alice', `/api/v1/accounts/${ids.alice}/statuses?limit=40`);
    expect(mine.filter((entry) => plainTextOfContent(entry.content).includes(publishKey))).toHaveLength(1);
  });
});

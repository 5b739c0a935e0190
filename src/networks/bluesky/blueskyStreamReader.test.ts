// Streams and Lists on Bluesky against a real local AT Protocol network: timelines, notifications,
// search, likes and reposts, curated lists and quotes, written through a PDS and read back from the
// AppView that indexed them.
import {
  AppBskyEmbedRecord,
  AppBskyEmbedRecordWithMedia,
  type AppBskyFeedDefs,
  AtpAgent,
} from '@atproto/api';
import { TID } from '@atproto/common-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { png } from '../../testing/testImages.ts';
import { ConnectorError, type RemotePost } from '../connector.ts';
import type { StreamReader } from '../streamReader.ts';
import { type BlueskyConnection, blueskyConnector } from './blueskyConnector.ts';

let network: AtprotoNetwork;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let carol: AtprotoAccount;
let aliceConnection: BlueskyConnection;
let bobConnection: BlueskyConnection;
let carolConnection: BlueskyConnection;
let reader: StreamReader;
let aliceAgent: AtpAgent;
let bobAgent: AtpAgent;

async function connectAs(account: AtprotoAccount): Promise<BlueskyConnection> {
  return blueskyConnector.connect({
    service: network.pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  });
}

async function agentFor(account: AtprotoAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: account.handle, password: account.password });
  return agent;
}

beforeAll(async () => {
  network = await startAtprotoNetwork();
  alice = await network.createAccount('alice');
  bob = await network.createAccount('bob');
  carol = await network.createAccount('carol');
  aliceConnection = await connectAs(alice);
  bobConnection = await connectAs(bob);
  carolConnection = await connectAs(carol);
  reader = aliceConnection.streams();
  aliceAgent = await agentFor(alice);
  bobAgent = await agentFor(bob);
  await aliceAgent.follow(bob.did);
  await network.processAll();
});

afterAll(async () => {
  await network?.close();
});

function publish(
  connection: BlueskyConnection,
  text: string,
  extra: Partial<Parameters<BlueskyConnection['publish']>[0]> = {},
) {
  return connection.publish({ text, publishKey: blueskyConnector.newPublishKey(), ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect((error as ConnectorError).kind).toBe('rejected');
  return error as ConnectorError;
}

/** The post as the AppView shows it to nobody in particular. */
async function postView(uri: string): Promise<AppBskyFeedDefs.PostView> {
  const { data } = await network.appView.app.bsky.feed.getPosts({ uris: [uri] });
  const post = data.posts[0];
  if (!post) throw new Error(`The AppView does not know ${uri}`);
  return post;
}

async function recordUris(agent: AtpAgent, did: string, collection: string): Promise<string[]> {
  const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100 });
  return data.records.map((record) => record.uri);
}

async function recordCount(agent: AtpAgent, did: string, collection: string): Promise<number> {
  return (await recordUris(agent, did, collection)).length;
}

function rkeyOf(uri: string): string {
  return uri.split('/').pop() ?? '';
}

describe('BlueskyStreamReader on a local AT Protocol network', () => {
  it('is made once per connection', () => {
    expect(aliceConnection.streams()).toBe(reader);
  });

  it('reads the home timeline with a followed account’s posts and pages back to older ones', async () => {
    const now = Date.now();
    const writes = Array.from({ length: 35 }, (_, index) => ({
      $type: 'com.atproto.repo.applyWrites#create' as const,
      collection: 'app.bsky.feed.post',
      rkey: TID.nextStr(),
      value: {
        $type: 'app.bsky.feed.post',
        text: `Timeline post ${index}`,
        // Post 0 is the newest.
        createdAt: new Date(now - index * 60_000).toISOString(),
      },
    }));
    await bobAgent.com.atproto.repo.applyWrites({ repo: bob.did, writes });
    await network.processAll();

    const first = await reader.home();
    expect(first.items).toHaveLength(30);
    expect(first.cursor).toBeTruthy();
    const newest = first.items.find((item) => item.text === 'Timeline post 0');
    expect(newest).toMatchObject({
      network: 'bluesky',
      kind: 'post',
      author: { id: bob.did, handle: 'bob.test', url: 'https://bsky.app/profile/bob.test' },
      counts: { replies: 0, reposts: 0, likes: 0 },
      viewer: { liked: false, reposted: false },
    });
    expect(newest?.id).toBe(newest?.postId);
    expect(newest?.postCid).toBeTruthy();
    expect(newest?.url).toBe(`https://bsky.app/profile/bob.test/post/${rkeyOf(newest?.postId ?? '')}`);

    const seen = new Set(first.items.map((item) => item.id));
    let cursor = first.cursor;
    const older: StreamItem[] = [];
    while (cursor) {
      const page = await reader.home(cursor);
      older.push(...page.items);
      cursor = page.cursor;
      if (page.items.length === 0) break;
    }
    expect(older.length).toBeGreaterThan(0);
    for (const item of older) expect(seen.has(item.id)).toBe(false);
    const oldestOfFirst = Math.min(...first.items.map((item) => Date.parse(item.createdAt)));
    for (const item of older) expect(Date.parse(item.createdAt)).toBeLessThanOrEqual(oldestOfFirst);
    const texts = new Set([...first.items, ...older].map((item) => item.text));
    for (let index = 0; index < 35; index++) expect(texts.has(`Timeline post ${index}`)).toBe(true);
  });

  it('shows a repost beside the original, each with its own id', async () => {
    const original = await publish(aliceConnection, 'Worth sharing');
    await network.processAll();
    await bobAgent.repost(original.id, original.cid ?? '');
    await network.processAll();

    const { items } = await reader.home();
    const about = items.filter((item) => item.postId === original.id);
    expect(about).toHaveLength(2);
    const plain = about.find((item) => !item.repostedBy);
    const reposted = about.find((item) => item.repostedBy);
    expect(plain?.id).toBe(original.id);
    expect(reposted?.id).not.toBe(original.id);
    expect(reposted).toMatchObject({
      repostedBy: { handle: 'bob.test' },
      author: { handle: 'alice.test' },
      text: 'Worth sharing',
      counts: { reposts: 1 },
    });
  });

  it('turns mentions, replies, quotes, likes and follows into notification items', async () => {
    const own = await publish(aliceConnection, 'A question for everyone');
    await network.processAll();
    const mention = await publish(bobConnection, 'Hello @alice.test, welcome');
    const reply = await publish(carolConnection, 'Here is my answer', {
      replyTo: { root: own, parent: own },
    });
    const quote = await publish(bobConnection, 'Read this one', { quote: own });
    await bobAgent.like(own.id, own.cid ?? '');
    await bobAgent.follow(alice.did);
    await network.processAll();

    const { items } = await reader.mentions();
    const byId = (id: string) => items.find((item) => item.id === id);
    expect(byId(mention.id)).toMatchObject({
      kind: 'mention',
      text: 'Hello @alice.test, welcome',
      postId: mention.id,
      postCid: mention.cid,
      url: mention.url,
      author: { handle: 'bob.test' },
    });
    expect(byId(reply.id)).toMatchObject({
      kind: 'reply',
      text: 'Here is my answer',
      postId: reply.id,
      postCid: reply.cid,
      author: { handle: 'carol.test' },
      inReplyTo: { id: own.id, cid: own.cid },
      threadRoot: { id: own.id, cid: own.cid },
    });
    expect(byId(quote.id)).toMatchObject({
      kind: 'quote',
      text: 'Read this one',
      author: { handle: 'bob.test' },
    });

    const like = items.find((item) => item.kind === 'like');
    expect(like).toMatchObject({
      postId: own.id,
      postCid: own.cid,
      text: 'A question for everyone',
      url: own.url,
      author: { handle: 'bob.test' },
      counts: { likes: 1 },
    });
    expect(items.find((item) => item.kind === 'follow')).toMatchObject({
      author: { id: bob.did, handle: 'bob.test' },
      url: 'https://bsky.app/profile/bob.test',
    });
  });

  it('reads the account’s own posts', async () => {
    const post = await publish(aliceConnection, 'Only mine');
    await network.processAll();
    const { items } = await reader.myPosts();
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ id: post.id, text: 'Only mine', author: { handle: 'alice.test' } });
    for (const item of items) expect(item.author.id).toBe(alice.did);
  });

  it('searches posts for a word and for a hashtag', async () => {
    const word = await publish(carolConnection, 'Spotted a zebrafish at the market');
    const tagged = await publish(bobConnection, 'Learning something new #bangla');
    await network.processAll();

    const byWord = await reader.search('zebrafish');
    expect(byWord.items.map((item) => item.id)).toEqual([word.id]);
    expect(byWord.items[0]).toMatchObject({ kind: 'post', author: { handle: 'carol.test' } });
    const byTag = await reader.search('#bangla');
    expect(byTag.items.map((item) => item.id)).toEqual([tagged.id]);
    expect((await reader.search('nothing-like-this')).items).toEqual([]);
  });

  it('likes and unlikes a post, once however often it is asked', async () => {
    const post = await publish(carolConnection, 'Likeable lighthouse');
    await network.processAll();

    await reader.like({ id: post.id, cid: post.cid });
    await network.processAll();
    const likes = await recordUris(aliceAgent, alice.did, 'app.bsky.feed.like');
    expect(likes).toHaveLength(1);
    // Asked again, the like is left as it is (the PDS would replace it with a new record).
    await reader.like({ id: post.id, cid: post.cid });
    await network.processAll();
    expect(await recordUris(aliceAgent, alice.did, 'app.bsky.feed.like')).toEqual(likes);
    expect((await postView(post.id)).likeCount).toBe(1);
    expect((await reader.search('Likeable lighthouse')).items[0]).toMatchObject({
      viewer: { liked: true, reposted: false },
      counts: { likes: 1 },
    });

    await reader.unlike({ id: post.id, cid: post.cid });
    await network.processAll();
    await reader.unlike({ id: post.id });
    expect(await recordCount(aliceAgent, alice.did, 'app.bsky.feed.like')).toBe(0);
    expect((await postView(post.id)).likeCount).toBe(0);
    expect((await reader.search('Likeable lighthouse')).items[0]).toMatchObject({
      viewer: { liked: false },
      counts: { likes: 0 },
    });
  });

  it('reposts and unreposts a post, also without its cid, once however often it is asked', async () => {
    const post = await publish(carolConnection, 'Repostable riverboat');
    await network.processAll();

    await reader.repost({ id: post.id });
    await network.processAll();
    const reposts = await recordUris(aliceAgent, alice.did, 'app.bsky.feed.repost');
    expect(reposts).toHaveLength(1);
    await reader.repost({ id: post.id, cid: post.cid });
    await network.processAll();
    expect(await recordUris(aliceAgent, alice.did, 'app.bsky.feed.repost')).toEqual(reposts);
    expect((await postView(post.id)).repostCount).toBe(1);
    expect((await reader.search('Repostable riverboat')).items[0]).toMatchObject({
      viewer: { liked: false, reposted: true },
      counts: { reposts: 1 },
    });

    await reader.unrepost({ id: post.id });
    await network.processAll();
    await reader.unrepost({ id: post.id });
    expect(await recordCount(aliceAgent, alice.did, 'app.bsky.feed.repost')).toBe(0);
    expect((await postView(post.id)).repostCount).toBe(0);
  });

  it('refuses to like something that is not a post', async () => {
    const error = await rejection(reader.like({ id: 'https://bsky.app/profile/bob.test' }));
    expect(error.message).toBe('"https://bsky.app/profile/bob.test" is not a Bluesky post.');
  });

  it('creates, renames, describes and deletes a curated list with its members', async () => {
    const created = await reader.createList({ name: 'Bangla writers', description: 'People who write well' });
    expect(created).toMatchObject({
      name: 'Bangla writers',
      description: 'People who write well',
      memberCount: 0,
    });
    expect(created.id).toMatch(new RegExp(`^at://${alice.did}/app.bsky.graph.list/`));
    expect(created.url).toBe(`https://bsky.app/profile/alice.test/lists/${rkeyOf(created.id)}`);
    await network.processAll();
    expect((await reader.lists()).find((list) => list.id === created.id)).toMatchObject({
      name: 'Bangla writers',
      description: 'People who write well',
    });

    const renamed = await reader.updateList(created.id, { name: 'বাংলা লেখক', description: 'যাঁরা ভালো লেখেন' });
    expect(renamed).toMatchObject({ id: created.id, name: 'বাংলা লেখক', description: 'যাঁরা ভালো লেখেন' });
    const { data: stored } = await aliceAgent.com.atproto.repo.getRecord({
      repo: alice.did,
      collection: 'app.bsky.graph.list',
      rkey: rkeyOf(created.id),
    });
    // The other fields of the record are kept.
    expect(stored.value).toMatchObject({
      name: 'বাংলা লেখক',
      description: 'যাঁরা ভালো লেখেন',
      purpose: 'app.bsky.graph.defs#curatelist',
    });
    await network.processAll();
    expect((await reader.lists()).find((list) => list.id === created.id)?.name).toBe('বাংলা লেখক');

    await reader.addListMember(created.id, bob.did);
    await reader.addListMember(created.id, bob.did);
    await reader.addListMember(created.id, 'carol.test');
    expect(await recordCount(aliceAgent, alice.did, 'app.bsky.graph.listitem')).toBe(2);
    await network.processAll();
    const members = await reader.listMembers(created.id);
    expect(members.map((member) => member.handle).sort()).toEqual(['bob.test', 'carol.test']);
    expect(members.find((member) => member.handle === 'bob.test')?.id).toBe(bob.did);

    const fromBob = await publish(bobConnection, 'A post for my list readers');
    await network.processAll();
    const feed = await reader.listFeed(created.id);
    expect(feed.items[0]).toMatchObject({ id: fromBob.id, author: { handle: 'bob.test' } });
    for (const item of feed.items) expect([bob.did, carol.did]).toContain(item.author.id);

    await reader.removeListMember(created.id, carol.did);
    await reader.removeListMember(created.id, carol.did);
    await network.processAll();
    expect((await reader.listMembers(created.id)).map((member) => member.id)).toEqual([bob.did]);

    await reader.deleteList(created.id);
    await network.processAll();
    expect((await reader.lists()).some((list) => list.id === created.id)).toBe(false);
    expect(await recordCount(aliceAgent, alice.did, 'app.bsky.graph.list')).toBe(0);
    expect(await recordCount(aliceAgent, alice.did, 'app.bsky.graph.listitem')).toBe(0);
  });

  it('keeps moderation lists out of the account’s lists', async () => {
    await aliceAgent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: 'app.bsky.graph.list',
      record: {
        $type: 'app.bsky.graph.list',
        purpose: 'app.bsky.graph.defs#modlist',
        name: 'Blocked spammers',
        createdAt: new Date().toISOString(),
      },
    });
    const curated = await reader.createList({ name: 'Curated', description: '' });
    await network.processAll();
    expect((await reader.lists()).map((list) => list.name)).toEqual(['Curated']);
    await reader.deleteList(curated.id);
  });

  it('refuses list names and descriptions Bluesky would refuse, with a sentence', async () => {
    expect((await rejection(reader.createList({ name: '  ', description: '' }))).message).toBe(
      'A Bluesky list needs a name.',
    );
    // The lexicon counts a list name's length in UTF-8 bytes: 22 Bengali letters are 66 bytes.
    const longName = 'ক'.repeat(22);
    expect((await rejection(reader.createList({ name: longName, description: '' }))).message).toBe(
      'Bluesky allows list names of up to 64 bytes (64 Latin letters, 21 Bengali ones); this name has 66 bytes.',
    );
    const refusedByPds = await aliceAgent.com.atproto.repo
      .createRecord({
        repo: alice.did,
        collection: 'app.bsky.graph.list',
        record: {
          $type: 'app.bsky.graph.list',
          purpose: 'app.bsky.graph.defs#curatelist',
          name: longName,
          createdAt: new Date().toISOString(),
        },
      })
      .then(
        () => 'accepted',
        () => 'refused',
      );
    expect(refusedByPds).toBe('refused');
    expect(await reader.createList({ name: 'ক'.repeat(21), description: '' })).toMatchObject({
      name: 'ক'.repeat(21),
    });

    expect(
      (await rejection(reader.createList({ name: 'Fine', description: 'ক্ষ'.repeat(301) }))).message,
    ).toBe('Bluesky allows list descriptions of up to 300 characters; this description has 301.');
    const bobsList = await bobConnection.streams().createList({ name: 'Bob’s', description: '' });
    expect(
      (await rejection(reader.updateList(bobsList.id, { name: 'Mine now', description: '' }))).message,
    ).toBe('This list belongs to another Bluesky account.');
    expect((await rejection(reader.addListMember(bobsList.id, carol.did))).message).toBe(
      'This list belongs to another Bluesky account.',
    );
  });

  it('finds people by handle and resolves known and unknown handles', async () => {
    const found = await reader.searchActors('bob');
    expect(found.map((actor) => actor.handle)).toContain('bob.test');
    expect(found.find((actor) => actor.handle === 'bob.test')?.id).toBe(bob.did);

    expect(await reader.resolveActor('carol.test')).toMatchObject({ id: carol.did, handle: 'carol.test' });
    expect(await reader.resolveActor('@bob.test')).toMatchObject({ id: bob.did });
    expect(await reader.resolveActor('nobody.test')).toBeUndefined();
  });
});

describe('quoting a post through the Bluesky connector', () => {
  let quoted: RemotePost;

  beforeAll(async () => {
    quoted = await publish(bobConnection, 'Quote me on this');
    await network.processAll();
  });

  it('embeds the quoted post as a record, looking up its cid when it is not known', async () => {
    const quote = await publish(aliceConnection, 'So true', { quote: { id: quoted.id, url: quoted.url } });
    await network.processAll();

    const { data } = await aliceAgent.com.atproto.repo.getRecord({
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      rkey: rkeyOf(quote.id),
    });
    expect((data.value as { embed?: unknown }).embed).toEqual({
      $type: 'app.bsky.embed.record',
      record: { uri: quoted.id, cid: quoted.cid },
    });
    const view = await postView(quote.id);
    expect(AppBskyEmbedRecord.isView(view.embed)).toBe(true);
    const record = (view.embed as AppBskyEmbedRecord.View).record;
    expect(AppBskyEmbedRecord.isViewRecord(record) && record.uri).toBe(quoted.id);
    expect((await postView(quoted.id)).quoteCount).toBe(1);
  });

  it('embeds the quoted post with images as a record with media', async () => {
    const quote = await publish(aliceConnection, 'With a picture', {
      quote: quoted,
      images: [{ data: png(20, 10), mimeType: 'image/png', alt: 'a small grey box' }],
    });
    await network.processAll();

    const view = await postView(quote.id);
    expect(AppBskyEmbedRecordWithMedia.isView(view.embed)).toBe(true);
    const embed = view.embed as AppBskyEmbedRecordWithMedia.View;
    expect(AppBskyEmbedRecord.isViewRecord(embed.record.record) && embed.record.record.uri).toBe(quoted.id);

    // The reader shows the picture of such a post.
    const { items } = await reader.myPosts();
    expect(items.find((item) => item.id === quote.id)?.images).toEqual([
      { url: expect.stringMatching(/^http/), alt: 'a small grey box' },
    ]);
  });

  it('refuses to quote a post that is not there, with a sentence', async () => {
    const missing = `at://${bob.did}/app.bsky.feed.post/${TID.nextStr()}`;
    const error = await rejection(
      publish(aliceConnection, 'Quoting nothing', { quote: { id: missing, url: '' } }),
    );
    expect(error.message).toBe('The post being quoted could not be found on Bluesky.');
  });
});

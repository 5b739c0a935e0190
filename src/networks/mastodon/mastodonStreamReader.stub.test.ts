// The Mastodon stream reader against a stand-in that follows the Mastodon API documentation, for what
// snac2 does not show: reblogs with ids of their own, quote, mention and follow-request notifications,
// content warnings and images, renaming lists, Mastodon's refusals when adding list members, remote
// accounts found only by a resolving search, servers without status search or that ignore max_id,
// and rate limits while reading.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import type { StreamReader } from '../streamReader.ts';
import {
  type MastodonApiStub,
  type StubAccount,
  startMastodonApiStub,
} from './mastodonApiStub.test-server.ts';
import { createMastodonConnector } from './mastodonConnector.ts';

let stub: MastodonApiStub;
let reader: StreamReader;
let host: string;
let bob: StubAccount;
let carol: StubAccount;
let dave: StubAccount;

beforeAll(async () => {
  stub = await startMastodonApiStub();
  host = new URL(stub.instanceUrl).host;
  bob = stub.streams.addAccount('bob', { displayName: 'Bob Biswas', note: '<p>Poet &amp; printer</p>' });
  carol = stub.streams.addAccount('carol', { domain: 'remote.example', locked: true });
  dave = stub.streams.addAccount('dave', { domain: 'far.example', displayName: 'Dave', known: false });
  const connection = await createMastodonConnector().connect({
    instanceUrl: stub.instanceUrl,
    accessToken: stub.accessToken,
  });
  reader = connection.streams();
});

afterAll(async () => {
  await stub?.close();
});

beforeEach(() => {
  const { streams } = stub;
  streams.home.length = 0;
  streams.notifications.length = 0;
  streams.tags.clear();
  streams.lists.clear();
  streams.following.clear();
  streams.requested.clear();
  streams.v2Search = true;
  streams.ignoreMaxId = false;
});

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Mastodon stream reader on a documented Mastodon API', () => {
  it('shows a reblog as the original post, reposted by the booster, under the reblog’s own id', async () => {
    const original = stub.streams.addStatus(carol.id, 'Original thought', {
      spoiler_text: 'Politics',
      media_attachments: [
        {
          id: 'm1',
          type: 'image',
          url: 'https://remote.example/full.png',
          preview_url: 'https://remote.example/small.png',
          description: 'A river at dusk',
        },
      ],
    });
    const reblog = stub.streams.addReblog(bob.id, original);
    stub.streams.home.push(reblog);

    const page = await reader.home();
    expect(page.items).toEqual([
      {
        id: reblog.id,
        network: 'mastodon',
        kind: 'post',
        postId: original.id,
        url: original.url,
        text: 'Politics\n\nOriginal thought',
        author: {
          id: carol.id,
          handle: 'carol@remote.example',
          displayName: 'carol',
          avatarUrl: carol.avatar,
          url: 'https://remote.example/@carol',
        },
        createdAt: original.created_at,
        repostedBy: { handle: `bob@${host}`, displayName: 'Bob Biswas' },
        images: [{ url: 'https://remote.example/small.png', alt: 'A river at dusk' }],
        counts: { replies: 0, reposts: 0, likes: 0 },
        viewer: { liked: false, reposted: false },
      },
    ]);

    // Liking the item acts on the original post, whose state the next read shows.
    await reader.like({ id: page.items[0]!.postId! });
    expect((await reader.home()).items[0]?.viewer).toEqual({ liked: true, reposted: false });
    await reader.unlike({ id: original.id });
  });

  it('pages with the Link header and ends at an empty page', async () => {
    for (let i = 1; i <= 35; i += 1) stub.streams.home.unshift(stub.streams.addStatus(bob.id, `Post ${i}`));
    const first = await reader.home();
    expect(first.items.map((item) => item.text)).toEqual(
      Array.from({ length: 30 }, (_, index) => `Post ${35 - index}`),
    );
    expect(first.cursor).toBe(first.items[29]?.id);
    const second = await reader.home(first.cursor);
    expect(second.items.map((item) => item.text)).toEqual(['Post 5', 'Post 4', 'Post 3', 'Post 2', 'Post 1']);
    const third = await reader.home(second.cursor);
    expect(third).toEqual({ items: [] });
  });

  it('ends instead of repeating a page when the server ignores max_id', async () => {
    for (let i = 1; i <= 3; i += 1) stub.streams.home.unshift(stub.streams.addStatus(bob.id, `Post ${i}`));
    stub.streams.ignoreMaxId = true;
    const first = await reader.home();
    expect(first.items).toHaveLength(3);
    expect(await reader.home(first.cursor)).toEqual({ items: [] });
  });

  it('turns each kind of notification into its item kind, and leaves out the rest', async () => {
    const mine = stub.streams.addStatus(bob.id, 'stand-in for my post');
    const mention = stub.streams.addStatus(bob.id, '@alice have a look', { in_reply_to_id: null });
    const reply = stub.streams.addStatus(bob.id, '@alice agreed', {
      in_reply_to_id: mine.id,
      in_reply_to_account_id: stub.streams.ownAccountId,
    });
    const quote = stub.streams.addStatus(carol.id, 'Quoting you');
    const { streams } = stub;
    const follow = streams.notify('follow', carol.id);
    const request = streams.notify('follow_request', dave.id);
    streams.notify('poll', bob.id, mine);
    const quoted = streams.notify('quote', carol.id, quote);
    const reblogged = streams.notify('reblog', bob.id, mine);
    const liked = streams.notify('favourite', bob.id, mine);
    const replied = streams.notify('mention', bob.id, reply);
    const mentioned = streams.notify('mention', bob.id, mention);

    const page = await reader.mentions();
    expect(page.items.map((item) => [item.id, item.kind, item.postId])).toEqual([
      [mentioned.id, 'mention', mention.id],
      [replied.id, 'reply', reply.id],
      [liked.id, 'like', mine.id],
      [reblogged.id, 'repost', mine.id],
      [quoted.id, 'quote', quote.id],
      [request.id, 'follow', undefined],
      [follow.id, 'follow', undefined],
    ]);
    expect(page.items[2]?.author.handle).toBe(`bob@${host}`);
    expect(page.items[6]).toMatchObject({ url: 'https://remote.example/@carol', text: '' });
  });

  it('renames a list and keeps no description', async () => {
    const list = await reader.createList({ name: 'Poets', description: 'Lost on Mastodon' });
    expect(await reader.updateList(list.id, { name: 'কবি', description: 'Also lost' })).toEqual({
      id: list.id,
      name: 'কবি',
      description: '',
    });
    expect(await reader.lists()).toEqual([{ id: list.id, name: 'কবি', description: '' }]);
    await reader.deleteList(list.id);
    const gone = await failureOf(reader.updateList(list.id, { name: 'Again', description: '' }));
    expect(gone.kind).toBe('rejected');
    expect(gone.message).toMatch(/no longer exists/);
  });

  it('follows before adding a list member, as Mastodon requires, and adds each member once', async () => {
    const list = await reader.createList({ name: 'Friends', description: '' });
    await reader.addListMember(list.id, bob.id);
    expect(stub.streams.following.has(bob.id)).toBe(true);
    await reader.addListMember(list.id, bob.id);
    expect(await reader.listMembers(list.id)).toEqual([
      {
        id: bob.id,
        handle: `bob@${host}`,
        displayName: 'Bob Biswas',
        avatarUrl: bob.avatar,
        description: 'Poet & printer',
      },
    ]);

    const feedPost = stub.streams.addStatus(bob.id, 'For my friends');
    stub.streams.home.push(stub.streams.addStatus(carol.id, 'Not in the list'), feedPost);
    expect((await reader.listFeed(list.id)).items.map((item) => item.id)).toEqual([feedPost.id]);

    await reader.removeListMember(list.id, bob.id);
    await reader.removeListMember(list.id, bob.id);
    expect(await reader.listMembers(list.id)).toEqual([]);
  });

  it('says so when a locked account has a follow request pending and cannot be listed yet', async () => {
    const list = await reader.createList({ name: 'Remote', description: '' });
    const refused = await failureOf(reader.addListMember(list.id, carol.id));
    expect(stub.streams.requested.has(carol.id)).toBe(true);
    expect(refused.kind).toBe('rejected');
    expect(refused.message).toMatch(/approve followers by hand/);
  });

  it('resolves a remote handle the server has not seen through a resolving search', async () => {
    expect(await reader.resolveActor('@dave@far.example')).toMatchObject({
      id: dave.id,
      handle: 'dave@far.example',
    });
    expect(await reader.resolveActor(`bob@${host}`)).toMatchObject({ id: bob.id });
    expect(await reader.resolveActor('nobody@far.example')).toBeUndefined();
    expect((await reader.searchActors('Bob B')).map((actor) => actor.id)).toEqual([bob.id]);
  });

  it('reads a single word as a hashtag when the server has no status search, and explains phrases', async () => {
    const tagged = stub.streams.addStatus(bob.id, 'Spring colours #kolorob');
    stub.streams.tags.set('kolorob', [tagged]);
    expect((await reader.search('#kolorob')).items.map((item) => item.id)).toEqual([tagged.id]);
    expect((await reader.search('colours')).items.map((item) => item.id)).toContain(tagged.id);

    stub.streams.v2Search = false;
    expect((await reader.search('kolorob')).items.map((item) => item.id)).toEqual([tagged.id]);
    // Bengali vowel signs are marks, not letters, and belong to the hashtag.
    const bengali = stub.streams.addStatus(bob.id, 'নববর্ষ #বাংলা');
    stub.streams.tags.set('বাংলা', [bengali]);
    expect((await reader.search('#বাংলা')).items.map((item) => item.id)).toEqual([bengali.id]);
    const phrase = await failureOf(reader.search('spring colours'));
    expect(phrase.kind).toBe('rejected');
    expect(phrase.message).toMatch(/does not offer searching posts by keyword; search for a #hashtag/);
  });

  it("passes on a rate limit while reading, with the server's wait", async () => {
    stub.answerNext('GET /api/v1/timelines/home', {
      status: 429,
      body: { error: 'Too many requests' },
      headers: { 'retry-after': '30' },
    });
    const limited = await failureOf(reader.home());
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(30_000);
  });
});

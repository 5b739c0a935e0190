// The Bluesky connector against a real local AT Protocol network: posts go through a PDS and are
// read back from the AppView that indexed them.

import {
  AppBskyEmbedImages,
  AppBskyFeedDefs,
  type AppBskyFeedPost,
  AppBskyRichtextFacet,
  AtpAgent,
  RichText,
  XRPCError,
} from '@atproto/api';
import { TID } from '@atproto/common-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AtprotoAccount,
  type AtprotoNetwork,
  startAtprotoNetwork,
} from '../../testing/atprotoNetwork.ts';
import { png } from '../../testing/testImages.ts';
import { ConnectorError } from '../connector.ts';
import { type BlueskyConnection, blueskyConnector } from './blueskyConnector.ts';

let network: AtprotoNetwork;
let alice: AtprotoAccount;
let bob: AtprotoAccount;
let connection: BlueskyConnection;

beforeAll(async () => {
  network = await startAtprotoNetwork({ rateLimits: true });
  alice = await network.createAccount('alice');
  bob = await network.createAccount('bob');
  await network.processAll();
  connection = await blueskyConnector.connect({
    service: network.pdsUrl,
    identifier: alice.handle,
    appPassword: alice.appPassword,
  });
});

afterAll(async () => {
  await network?.close();
});

async function threadOf(uri: string): Promise<AppBskyFeedDefs.ThreadViewPost> {
  const { data } = await network.appView.app.bsky.feed.getPostThread({ uri });
  if (!AppBskyFeedDefs.isThreadViewPost(data.thread)) throw new Error(`No thread for ${uri}`);
  return data.thread;
}

function recordOf(post: AppBskyFeedDefs.PostView): AppBskyFeedPost.Record {
  return post.record as AppBskyFeedPost.Record;
}

async function connectAs(account: AtprotoAccount): Promise<BlueskyConnection> {
  return blueskyConnector.connect({
    service: network.pdsUrl,
    identifier: account.handle,
    appPassword: account.appPassword,
  });
}

async function expectConnectorError(promise: Promise<unknown>, kind: ConnectorError['kind']) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect((error as ConnectorError).kind).toBe(kind);
  return error as ConnectorError;
}

describe('blueskyConnector on a local AT Protocol network', () => {
  it('signs in with a handle and app password on a custom PDS and verifies the account', async () => {
    const profile = await connection.verify();
    expect(profile).toMatchObject({ remoteId: alice.did, handle: 'alice.test' });
    expect(connection.session()).toMatchObject({ did: alice.did, handle: 'alice.test' });
  });

  it('publishes plain text with a link, a mention and a hashtag, readable from the AppView', async () => {
    const text = 'Launch notes at https://example.com/notes with @bob.test #kolorob';
    const post = await connection.publish({ text, publishKey: blueskyConnector.newPublishKey() });
    expect(post.id).toMatch(new RegExp(`^at://${alice.did}/app.bsky.feed.post/`));
    expect(post.url).toBe(`https://bsky.app/profile/alice.test/post/${post.id.split('/').pop()}`);
    await network.processAll();

    const thread = await threadOf(post.id);
    const record = recordOf(thread.post);
    expect(record.text).toBe(text);
    expect(thread.post.cid).toBe(post.cid);
    const features = (record.facets ?? []).flatMap((facet) => facet.features);
    expect(features.find(AppBskyRichtextFacet.isLink)?.uri).toBe('https://example.com/notes');
    expect(features.find(AppBskyRichtextFacet.isMention)?.did).toBe(bob.did);
    expect(features.find(AppBskyRichtextFacet.isTag)?.tag).toBe('kolorob');
  });

  it('keeps a Bengali post with conjuncts and emoji byte-identical', async () => {
    const text = 'ক্ষমা, স্ত্রী আর জ্ঞান — বাংলায় শুভেচ্ছা 🎉👨‍👩‍👧‍👦 #বাংলা';
    const post = await connection.publish({ text, publishKey: blueskyConnector.newPublishKey() });
    await network.processAll();

    const record = recordOf((await threadOf(post.id)).post);
    expect(Buffer.from(record.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    const tag = (record.facets ?? []).flatMap((facet) => facet.features).find(AppBskyRichtextFacet.isTag);
    expect(tag?.tag).toBe('বাংলা');
  });

  it('publishes an image with its alt text and aspect ratio', async () => {
    const alt = 'একটি ধূসর আয়তক্ষেত্র (a grey rectangle)';
    const post = await connection.publish({
      text: 'ছবি সহ পোস্ট',
      images: [{ data: png(30, 20), mimeType: 'image/png', alt }],
      publishKey: blueskyConnector.newPublishKey(),
    });
    await network.processAll();

    const view = (await threadOf(post.id)).post;
    expect(AppBskyEmbedImages.isView(view.embed)).toBe(true);
    const images = (view.embed as AppBskyEmbedImages.View).images;
    expect(images).toHaveLength(1);
    expect(images[0]?.alt).toBe(alt);
    expect(images[0]?.aspectRatio).toEqual({ width: 30, height: 20 });
  });

  it('publishes a two-post thread', async () => {
    const first = await connection.publish({
      text: 'থ্রেড ১/২',
      publishKey: blueskyConnector.newPublishKey(),
    });
    await network.processAll();
    // The reply is given the first post without its cid, as a caller that kept only the id would.
    const second = await connection.publish({
      text: 'থ্রেড ২/২',
      replyTo: { root: { id: first.id, url: first.url }, parent: first },
      publishKey: blueskyConnector.newPublishKey(),
    });
    await network.processAll();

    const thread = await threadOf(first.id);
    const replies = (thread.replies ?? []).filter(AppBskyFeedDefs.isThreadViewPost);
    expect(replies.map((reply) => reply.post.uri)).toEqual([second.id]);
    const reply = recordOf(replies[0]!.post).reply;
    expect(reply?.root).toEqual({ uri: first.id, cid: first.cid });
    expect(reply?.parent).toEqual({ uri: first.id, cid: first.cid });
  });

  it('publishes once per key, also when two attempts race', async () => {
    const carol = await network.createAccount('carol');
    const carolConnection = await connectAs(carol);
    const key = blueskyConnector.newPublishKey();
    expect(await carolConnection.findPublished(key)).toBeUndefined();

    const first = await carolConnection.publish({ text: 'একবারই', publishKey: key });
    const again = await carolConnection.publish({ text: 'একবারই', publishKey: key });
    expect(again).toEqual(first);
    expect(await carolConnection.findPublished(key)).toEqual(first);

    // Two attempts at once: one create wins, the other fails on the taken key and finds the winner.
    const raceKey = blueskyConnector.newPublishKey();
    const raced = await Promise.all([
      carolConnection.publish({ text: 'দৌড়', publishKey: raceKey }),
      carolConnection.publish({ text: 'দৌড়', publishKey: raceKey }),
    ]);
    expect(raced[1]).toEqual(raced[0]);

    await network.processAll();
    const { data } = await network.appView.app.bsky.feed.getAuthorFeed({ actor: carol.did });
    expect(data.feed.map((item) => item.post.uri).sort()).toEqual([first.id, raced[0].id].sort());
  });

  it('deletes a post so the AppView no longer shows it', async () => {
    const post = await connection.publish({
      text: 'মুছে ফেলা হবে',
      publishKey: blueskyConnector.newPublishKey(),
    });
    await network.processAll();
    await threadOf(post.id);

    await connection.delete(post);
    await network.processAll();
    const gone = await network.appView.app.bsky.feed.getPostThread({ uri: post.id }).catch((error) => error);
    expect(gone).toBeInstanceOf(XRPCError);
    expect((gone as XRPCError).error).toBe('NotFound');
    expect(await connection.findPublished(post.id.split('/').pop()!)).toBeUndefined();
    // A retried delete of a post already gone succeeds.
    await connection.delete(post);
  });

  it('resumes from stored session tokens and hands back the refreshed ones', async () => {
    const stored = connection.session();
    const resumed = await blueskyConnector.connect({
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: '',
      session: stored,
    });
    expect((await resumed.verify()).remoteId).toBe(alice.did);
    // Resuming refreshes the session: the caller stores the new tokens for next time.
    const refreshed = resumed.session();
    expect(refreshed.did).toBe(alice.did);
    expect(refreshed.refreshJwt).not.toBe(stored.refreshJwt);
    const again = await blueskyConnector.connect({
      service: network.pdsUrl,
      identifier: alice.handle,
      appPassword: '',
      session: refreshed,
    });
    expect((await again.verify()).remoteId).toBe(alice.did);
  });

  it('refuses a wrong password or a forged session as an auth problem', async () => {
    const wrong = await expectConnectorError(
      blueskyConnector.connect({ service: network.pdsUrl, identifier: alice.handle, appPassword: 'not-it' }),
      'auth',
    );
    expect(wrong.message).toMatch(/app password/);
    await expectConnectorError(
      blueskyConnector.connect({
        service: network.pdsUrl,
        identifier: alice.handle,
        appPassword: '',
        session: { did: alice.did, handle: alice.handle, accessJwt: 'forged', refreshJwt: 'forged' },
      }),
      'auth',
    );
  });

  it('reports an unreachable server as transient', async () => {
    await expectConnectorError(
      blueskyConnector.connect({ service: 'http://127.0.0.1:9', identifier: 'alice.test', appPassword: 'x' }),
      'transient',
    );
  });

  it('reports too many sign-ins as rate limited, with the wait the PDS asks for', async () => {
    // The PDS allows 30 sign-ins per identifier in 5 minutes, counted whether or not the account
    // exists. Each refusal takes the PDS 350 ms (against timing attacks), so they are sent at once.
    const attempt = () =>
      blueskyConnector.connect({ service: network.pdsUrl, identifier: 'nobody.test', appPassword: 'wrong' });
    await Promise.all(Array.from({ length: 30 }, () => expectConnectorError(attempt(), 'auth')));
    const limited = await expectConnectorError(attempt(), 'rate_limited');
    expect(limited.retryAfterMs).toBeGreaterThan(4 * 60_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(5 * 60_000);
  });

  it('turns a text over the limit into a rejection a person can act on', async () => {
    const text = 'ক্ষ'.repeat(301);
    const error = await expectConnectorError(
      connection.publish({ text, publishKey: blueskyConnector.newPublishKey() }),
      'rejected',
    );
    expect(error.message).toBe('Bluesky allows 300 characters; this post has 301.');

    const heavy = await expectConnectorError(
      connection.publish({ text: 'স্ত্র'.repeat(201), publishKey: blueskyConnector.newPublishKey() }),
      'rejected',
    );
    expect(heavy.message).toMatch(/3000 bytes of text; this post has 3015 bytes/);
  });

  it('refuses a publish key that is not a record key', async () => {
    await expectConnectorError(connection.publish({ text: 'x', publishKey: 'post-1' }), 'rejected');
  });
});

describe('the PDS limits on post text', () => {
  let agent: AtpAgent;

  beforeAll(async () => {
    agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: bob.handle, password: bob.password });
  });

  async function create(text: string) {
    return agent.com.atproto.repo.createRecord({
      repo: bob.did,
      collection: 'app.bsky.feed.post',
      rkey: TID.nextStr(),
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
    });
  }

  it('counts graphemes: 300 Bengali conjuncts pass, 301 are refused', async () => {
    const atLimit = 'ক্ষ'.repeat(300);
    const rich = new RichText({ text: atLimit });
    expect(rich.graphemeLength).toBe(300);
    // Each ক্ষ is three code points and nine bytes: a count of code points would refuse this post.
    expect([...atLimit]).toHaveLength(900);
    expect(rich.length).toBe(2700);
    expect((await create(atLimit)).data.uri).toMatch(/^at:\/\//);

    const over = `${atLimit}ক্ষ`;
    expect(new RichText({ text: over }).graphemeLength).toBe(301);
    const refusal = await create(over).catch((error) => error);
    expect(refusal).toBeInstanceOf(XRPCError);
    expect((refusal as XRPCError).status).toBe(400);
    expect((refusal as XRPCError).message).toMatch(/grapheme too big \(maximum 300, got 301\)/);
  });

  it('also limits bytes: 3000 bytes pass, 3015 are refused although under 300 graphemes', async () => {
    const atLimit = 'স্ত্র'.repeat(200);
    expect(new RichText({ text: atLimit }).graphemeLength).toBe(200);
    expect(Buffer.byteLength(atLimit)).toBe(3000);
    expect((await create(atLimit)).data.uri).toMatch(/^at:\/\//);

    const refusal = await create(`${atLimit}স্ত্র`).catch((error) => error);
    expect(refusal).toBeInstanceOf(XRPCError);
    expect((refusal as XRPCError).message).toMatch(/string too big \(maximum 3000, got 3015\)/);
  });
});

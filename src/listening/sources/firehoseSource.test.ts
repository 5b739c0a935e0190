// The firehose source against the PDS of a local AT Protocol network: posts made there arrive as
// ListeningEvents (links and hashtags from their facets), other records are passed over, and a stop
// and a restart from the stored sequence number read every post exactly once.
import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AtprotoNetwork, startAtprotoNetwork } from '../../testing/atprotoNetwork.ts';
import type { ListeningSource } from '../listeningEvent.ts';
import { firehoseSource, firehoseUrl } from './firehoseSource.ts';
import { recordingSink, waitUntil } from './recordingSink.ts';

let network: AtprotoNetwork;
let agent: AtpAgent;
let did: string;
const sources: ListeningSource[] = [];

beforeAll(async () => {
  network = await startAtprotoNetwork();
  const account = await network.createAccount('listener');
  did = account.did;
  agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: account.handle, password: account.password });
});

afterEach(async () => {
  for (const source of sources.splice(0)) await source.stop();
});

afterAll(async () => {
  await network?.close();
});

function source(): ListeningSource {
  const created = firehoseSource({
    service: network.pdsUrl,
    maxBatchEvents: 1,
    maxBatchWaitMs: 20,
    retry: { initialMs: 50, maxMs: 500 },
    onError: () => undefined,
  });
  sources.push(created);
  return created;
}

async function post(text: string, langs = ['en']): Promise<string> {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  const created = await agent.post({ text: rich.text, facets: rich.facets, langs });
  return created.uri;
}

describe('Bluesky firehose source', () => {
  it('reads posts made on the network, with their links and hashtags, and nothing else', async () => {
    const uri = await post('মেলায় আজ ভিড় #বইমেলা https://example.com/mela', ['bn']);
    await agent.like(uri, (await agent.getPost({ repo: did, rkey: uri.split('/').pop()! })).cid);
    const stored = recordingSink();
    const firehose = source();
    expect(firehose.name).toBe(`firehose:${new URL(network.pdsUrl).host}`);
    await firehose.start(stored.sink, '0');
    const later = await post('একটি পরের পোস্ট');

    await stored.waitFor(() => stored.events().some((e) => e.remoteId === later), 'the later post');
    const events = stored.events();
    expect(events.map((e) => e.remoteId)).toEqual([uri, later]);
    const rkey = uri.split('/').pop();
    expect(events[0]).toMatchObject({
      source: 'bluesky',
      url: `https://bsky.app/profile/${did}/post/${rkey}`,
      authorHandle: did,
      text: 'মেলায় আজ ভিড় #বইমেলা https://example.com/mela',
      langs: ['bn'],
      urls: ['https://example.com/mela'],
      tags: ['বইমেলা'],
    });
    expect(Date.parse(events[0]!.postedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The cursor is the sequence number of the last frame read, and only ever grows.
    const seqs = stored.batches.map((batch) => Number(batch.cursor));
    expect(seqs.every((seq) => Number.isInteger(seq) && seq > 0)).toBe(true);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('resumes after a stop from the stored cursor: no post missing, none twice', async () => {
    const before = [await post('আগে এক'), await post('আগে দুই'), await post('আগে তিন')];
    let first: ListeningSource | undefined;
    let stopping: Promise<void> | undefined;
    const stored = recordingSink((batch) => {
      if (!stopping && batch.events.some((e) => e.remoteId === before[1])) stopping = first!.stop();
    });
    first = source();
    await first.start(stored.sink, '0');
    await waitUntil(() => stopping !== undefined, 'the stop', 20_000);
    await stopping;
    const cursor = stored.cursor()!;
    const whileStopped = [await post('থামার সময় এক'), await post('থামার সময় দুই')];

    await source().start(stored.sink, cursor);
    const after = await post('আবার চালুর পরে');
    await stored.waitFor(() => stored.events().some((e) => e.remoteId === after), 'the last post', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const ours = new Set([...before, ...whileStopped, after]);
    const seen = stored
      .events()
      .map((e) => e.remoteId)
      .filter((id) => ours.has(id));
    expect(seen).toEqual([...before, ...whileStopped, after]);
  });

  it('asks the server to resume after the cursor', () => {
    expect(firehoseUrl('https://bsky.network', 42)).toBe(
      'wss://bsky.network/xrpc/com.atproto.sync.subscribeRepos?cursor=42',
    );
    expect(firehoseUrl('http://localhost:2583', undefined)).toBe(
      'ws://localhost:2583/xrpc/com.atproto.sync.subscribeRepos',
    );
  });
});

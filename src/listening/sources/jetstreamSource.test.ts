// The Jetstream source against a local replay server that speaks Jetstream's JSON: posts arrive as
// ListeningEvents in batches with Jetstream cursors, a stop and a restart from the stored cursor read
// every post exactly once, dropped connections are resumed, and a refused batch is offered again.
import { afterEach, describe, expect, it } from 'vitest';
import { type JetstreamReplay, startJetstreamReplay } from '../../testing/jetstreamReplay.ts';
import type { ListeningSource } from '../listeningEvent.ts';
import { type JetstreamEvent, jetstreamSource, parseJetstreamCursor } from './jetstreamSource.ts';
import { recordingSink, waitUntil } from './recordingSink.ts';

const T0 = 1_725_911_162_329_308;
const ALICE = 'did:plc:eygmaihciaxprqvxpfvl6flk';
const BOB = 'did:plc:q6gjnaw2blty4crticxkmujt';

function post(timeUs: number, did: string, rkey: string, record: Record<string, unknown>): JetstreamEvent {
  return {
    did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3l3qo2vutsw${rkey.slice(-2)}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      cid: `bafyreidc6sydkkbchcyg62v77wbhzvb2mvytlmsychqgwf2xojjtir${rkey.slice(-4)}`,
      record: { $type: 'app.bsky.feed.post', createdAt: new Date(timeUs / 1000).toISOString(), ...record },
    },
  };
}

function simplePost(index: number, timeUs = T0 + index * 1_000): JetstreamEvent {
  return post(timeUs, index % 2 ? BOB : ALICE, `3l3qo2vuow${String(index).padStart(3, '0')}`, {
    text: `post number ${index}`,
    langs: ['en'],
  });
}

/** Posts mixed with what the source must pass over: a like, an edit, a deletion, account changes. */
function stream(count: number): JetstreamEvent[] {
  const events: JetstreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    events.push(simplePost(i));
    if (i % 4 === 1) {
      events.push({
        did: ALICE,
        time_us: T0 + i * 1_000 + 500,
        kind: 'commit',
        commit: { rev: '3l3qo2vutsw2b', operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'gone' },
      });
    }
    if (i % 4 === 2) {
      events.push({
        did: BOB,
        time_us: T0 + i * 1_000 + 600,
        kind: 'identity',
        identity: { did: BOB, handle: 'bob.test', seq: 1_409_752_997 + i, time: '2024-09-05T06:11:04.870Z' },
      });
    }
  }
  return events;
}

const rkeysOf = (events: { remoteId: string }[]) => events.map((e) => e.remoteId.split('/').pop());
const expectedRkeys = (events: JetstreamEvent[]) =>
  events.filter((e) => e.commit?.operation === 'create').map((e) => e.commit?.rkey);

let replay: JetstreamReplay | undefined;
const sources: ListeningSource[] = [];

function source(options: Parameters<typeof jetstreamSource>[0] = {}): ListeningSource {
  const created = jetstreamSource({
    url: replay?.url,
    maxBatchWaitMs: 20,
    retry: { initialMs: 20, maxMs: 200 },
    onError: () => undefined,
    ...options,
  });
  sources.push(created);
  return created;
}

afterEach(async () => {
  for (const s of sources.splice(0)) await s.stop();
  await replay?.close();
  replay = undefined;
});

describe('Jetstream source', () => {
  it('turns post creations into listening events and passes everything else over', async () => {
    const like: JetstreamEvent = {
      did: BOB,
      time_us: T0 + 1,
      kind: 'commit',
      commit: {
        rev: '3l3qo2vutsw2c',
        operation: 'create',
        collection: 'app.bsky.feed.like',
        rkey: '3l3qo2vuowo2c',
        record: { $type: 'app.bsky.feed.like', subject: { uri: 'at://x', cid: 'y' } },
      },
    };
    const rich = post(T0 + 2, ALICE, '3l3qo2vuowo2b', {
      text: 'আজ #ঢাকা বইমেলা https://example.com/a',
      langs: ['bn-BD', 'en'],
      tags: ['বইমেলা', 'ঢাকা'],
      createdAt: '2024-09-09T19:46:02.102Z',
      facets: [
        {
          index: { byteStart: 7, byteEnd: 20 },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'ঢাকা' }],
        },
        {
          index: { byteStart: 40, byteEnd: 61 },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/a' }],
        },
      ],
      embed: {
        $type: 'app.bsky.embed.external',
        external: { uri: 'https://example.com/card', title: 'Card', description: '' },
      },
    });
    const edit: JetstreamEvent = {
      ...rich,
      time_us: T0 + 3,
      commit: { ...rich.commit!, operation: 'update' },
    };
    replay = await startJetstreamReplay({ events: [like, rich, edit] });
    const stored = recordingSink();
    await source().start(stored.sink, String(T0));

    await stored.waitFor(() => stored.cursor()?.startsWith(String(T0 + 3)) ?? false, 'the last event');
    expect(stored.events()).toEqual([
      {
        source: 'bluesky',
        remoteId: `at://${ALICE}/app.bsky.feed.post/3l3qo2vuowo2b`,
        url: `https://bsky.app/profile/${ALICE}/post/3l3qo2vuowo2b`,
        authorHandle: ALICE,
        text: 'আজ #ঢাকা বইমেলা https://example.com/a',
        langs: ['bn', 'en'],
        urls: ['https://example.com/a', 'https://example.com/card'],
        tags: ['ঢাকা', 'বইমেলা'],
        postedAt: '2024-09-09T19:46:02.102Z',
      },
    ]);
    expect(stored.batches.every((batch) => batch.source === 'jetstream')).toBe(true);
    // Asked for posts only, from five seconds before the stored position.
    const query = replay.connections[0]!;
    expect(query.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(query.get('cursor')).toBe(String(T0 - 5_000_000));
  });

  it('hands posts over in batches whose cursor is the time of the last event read, one at a time', async () => {
    const events = stream(20);
    replay = await startJetstreamReplay({ events });
    let storing = 0;
    let mostAtOnce = 0;
    const stored = recordingSink(async () => {
      storing++;
      mostAtOnce = Math.max(mostAtOnce, storing);
      await new Promise((resolve) => setTimeout(resolve, 15));
      storing--;
    });
    await source({ maxBatchEvents: 3 }).start(stored.sink, String(T0 - 1));

    await stored.waitFor(() => stored.events().length === 20, 'twenty posts');
    expect(rkeysOf(stored.events())).toEqual(expectedRkeys(events));
    expect(stored.batches.every((batch) => batch.events.length <= 3)).toBe(true);
    // The next batch waits until the sink has stored the one before.
    expect(mostAtOnce).toBe(1);
    expect(stored.batches.length).toBeGreaterThanOrEqual(7);
    const times = stored.batches.map((batch) => parseJetstreamCursor(batch.cursor)!.timeUs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(events.at(-1)!.time_us);
    for (const batch of stored.batches.filter((b) => b.events.length > 0)) {
      const last = batch.events.at(-1)!;
      const lastEvent = events.find((e) => e.commit?.rkey === last.remoteId.split('/').pop())!;
      expect(parseJetstreamCursor(batch.cursor)!.timeUs).toBeGreaterThanOrEqual(lastEvent.time_us);
    }
  });

  it('reads every post exactly once across a stop and a restart from the stored cursor', async () => {
    const events = stream(12);
    // Two posts at the same microsecond, with the stop falling between them.
    const twin = simplePost(100, events[7]!.time_us);
    events.splice(8, 0, twin);
    replay = await startJetstreamReplay({ events });

    let first: ListeningSource | undefined;
    let stopping: Promise<void> | undefined;
    const stored = recordingSink((batch) => {
      if (!stopping && batch.events.some((e) => e.remoteId.endsWith(events[7]!.commit!.rkey))) {
        stopping = first!.stop();
      }
    });
    first = source({ maxBatchEvents: 1, maxBatchWaitMs: 1 });
    await first.start(stored.sink, String(T0 - 1));
    await waitUntil(() => stopping !== undefined, 'the stop');
    await stopping;
    const storedBeforeRestart = stored.events().length;
    expect(storedBeforeRestart).toBeLessThan(13);
    const cursor = stored.cursor()!;
    expect(parseJetstreamCursor(cursor)!.timeUs).toBe(events[7]!.time_us);

    await source({ maxBatchEvents: 1 }).start(stored.sink, cursor);
    await stored.waitFor(() => stored.events().length >= 13, 'all thirteen posts');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rkeysOf(stored.events())).toEqual(expectedRkeys(events));
    expect(replay.connections).toHaveLength(2);
    expect(replay.connections[1]!.get('cursor')).toBe(String(events[7]!.time_us - 5_000_000));
  });

  it('reconnects from where it was when the server drops the connection', async () => {
    const events = stream(15);
    replay = await startJetstreamReplay({ events, dropAfter: { events: 4, times: 3 } });
    const stored = recordingSink();
    const errors: Error[] = [];
    await source({ onError: (error) => errors.push(error) }).start(stored.sink, String(T0 - 1));

    await stored.waitFor(() => stored.events().length >= 15, 'fifteen posts');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rkeysOf(stored.events())).toEqual(expectedRkeys(events));
    expect(replay.connections.length).toBe(4);
    for (const query of replay.connections.slice(1)) {
      expect(Number(query.get('cursor'))).toBeGreaterThan(T0 - 5_000_000);
    }
    expect(errors.some((error) => /connection was lost/.test(error.message))).toBe(true);
  });

  it('offers a batch the sink refused again, and nothing after it first', async () => {
    const events = stream(6);
    replay = await startJetstreamReplay({ events });
    let refusals = 0;
    const stored = recordingSink(() => {
      if (refusals < 2) {
        refusals++;
        throw new Error('the database is busy');
      }
    });
    const errors: Error[] = [];
    await source({ maxBatchEvents: 2, onError: (error) => errors.push(error) }).start(
      stored.sink,
      String(T0 - 1),
    );

    await stored.waitFor(() => stored.events().length >= 6, 'six posts');
    expect(rkeysOf(stored.events())).toEqual(expectedRkeys(events));
    expect(errors.filter((error) => /the database is busy/.test(error.message))).toHaveLength(2);
  });

  it('leaves no timer or socket behind once stopped', async () => {
    replay = await startJetstreamReplay({ events: stream(5) });
    const held = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap');
    const stored = recordingSink();
    const jetstream = source({ maxBatchWaitMs: 10_000 });
    await jetstream.start(stored.sink, String(T0 - 1));
    await waitUntil(() => replay!.connections.length === 1, 'a connection');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The socket (both ends), its ping timer, and the timer of the batch being gathered.
    expect(held().length).toBeGreaterThanOrEqual(4);
    await jetstream.stop();
    await waitUntil(() => held().length === 0, 'the timers and sockets to be released', 2_000);
    // The batch still waiting for its timer was not handed out after the stop.
    expect(stored.batches).toEqual([]);
  });

  it('starts live without a cursor', async () => {
    replay = await startJetstreamReplay({ events: stream(3) });
    const stored = recordingSink();
    await source().start(stored.sink, undefined);
    await waitUntil(() => replay!.connections.length === 1, 'a connection');
    expect(replay.connections[0]!.has('cursor')).toBe(false);

    const later = [simplePost(50, T0 + 10_000_000), simplePost(51, T0 + 10_000_001)];
    replay.publish(later);
    await stored.waitFor(() => stored.events().length >= 2, 'the two live posts');
    expect(rkeysOf(stored.events())).toEqual(expectedRkeys(later));
  });
});

// The listening pipeline against a real database: a batch becomes one mention per post and workspace
// with every matching query, its language and sentiment; counts grow per query and minute only for
// what was inserted, so the same batch again stores and counts nothing; the source's cursor commits
// with the batch, and a failure before the commit leaves neither.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseQuery } from '../core/listening/queryParser.ts';
import { listeningQueries, workspaces } from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import type { ListeningEvent } from './listeningEvent.ts';
import { createListeningSink, storedCursor } from './pipeline.ts';
import { createQueryRegistry, invalidateListeningQueries, type QueryRegistry } from './queryRegistry.ts';

let database: TestDatabase;
let registry: QueryRegistry;
let dhaka: string;
let other: string;
const q: Record<string, string> = {};

const rows = async (sql: string, values: unknown[] = []) =>
  (await database.executor.executeSql(sql, values)).rows as Record<string, unknown>[];

async function addQuery(workspaceId: string, name: string, text: string, active = true) {
  const [row] = await database.db
    .insert(listeningQueries)
    .values({ workspaceId, name, query: text, tree: parseQuery(text), active })
    .returning();
  return row!.id;
}

let serial = 0;
function event(text: string, over: Partial<ListeningEvent> = {}): ListeningEvent {
  serial++;
  return {
    source: 'bluesky',
    remoteId: `at://did:plc:author${serial}/app.bsky.feed.post/${serial}`,
    url: `https://bsky.app/profile/did:plc:author${serial}/post/${serial}`,
    authorHandle: `author${serial}.bsky.social`,
    text,
    postedAt: '2025-03-31T10:15:20Z',
    ...over,
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  [{ id: dhaka }, { id: other }] = (await database.db
    .insert(workspaces)
    .values([{ name: 'Dhaka Desk' }, { name: 'Other' }])
    .returning({ id: workspaces.id })) as [{ id: string }, { id: string }];
  q.mango = await addQuery(dhaka, 'Mango', 'mango');
  q.rice = await addQuery(dhaka, 'Rice', 'rice OR ভাত');
  q.english = await addQuery(dhaka, 'English mango', 'mango lang:en');
  q.paused = await addQuery(dhaka, 'Paused', 'mango', false);
  q.otherMango = await addQuery(other, 'Their mango', 'mango');
  registry = createQueryRegistry(database, { checkEveryMs: 0 });
});

afterAll(async () => {
  registry.close();
  await database.close();
});

beforeEach(async () => {
  await database.executor.executeSql('DELETE FROM listening_mentions');
  await database.executor.executeSql('DELETE FROM listening_counts');
  await database.executor.executeSql('DELETE FROM listening_cursors');
});

describe('storing a batch', () => {
  it('stores one mention per post and workspace with every matching query, language and sentiment', async () => {
    const sink = createListeningSink({ database }, registry);
    const english = event('I love this mango, it is wonderful and delicious');
    const bengali = event('আমের দাম খুব খারাপ, ভাত খেতে পারছি না, mango', { langs: ['bn'] });
    const riceOnly = event('Rice prices are terrible this week', { source: 'mastodon' });
    const nothing = event('A post about the weather');
    await sink({ source: 'jetstream', cursor: '100', events: [english, bengali, riceOnly, nothing] });

    const stored = await rows(
      `SELECT workspace_id, query_ids::text[] AS query_ids, source, remote_id, lang, sentiment, sentiment_score
       FROM listening_mentions ORDER BY id`,
    );
    expect(stored).toHaveLength(5);
    const of = (remoteId: string, workspaceId: string) =>
      stored.find((r) => r.remote_id === remoteId && r.workspace_id === workspaceId);
    expect([...(of(english.remoteId, dhaka)!.query_ids as string[])].sort()).toEqual(
      [q.mango, q.english].sort(),
    );
    expect(of(english.remoteId, dhaka)).toMatchObject({ lang: 'en', sentiment: 'positive' });
    expect(of(english.remoteId, other)!.query_ids).toEqual([q.otherMango]);
    expect([...(of(bengali.remoteId, dhaka)!.query_ids as string[])].sort()).toEqual(
      [q.mango, q.rice].sort(),
    );
    expect(of(bengali.remoteId, dhaka)).toMatchObject({ lang: 'bn', sentiment: 'negative' });
    expect(of(riceOnly.remoteId, dhaka)).toMatchObject({
      query_ids: [q.rice],
      source: 'mastodon',
      lang: 'en',
      sentiment: 'negative',
    });
    expect(Number(of(riceOnly.remoteId, dhaka)!.sentiment_score)).toBeLessThan(0);
    expect(stored.some((r) => (r.query_ids as string[]).includes(q.paused!))).toBe(false);
    expect(stored.some((r) => r.remote_id === nothing.remoteId)).toBe(false);
  });

  it('counts per query and minute, by sentiment', async () => {
    const sink = createListeningSink({ database }, registry);
    await sink({
      source: 'jetstream',
      cursor: '1',
      events: [
        event('mango is wonderful', { postedAt: '2025-03-31T10:15:05Z' }),
        event('mango is awful and terrible', { postedAt: '2025-03-31T10:15:59.999Z' }),
        event('mango', { postedAt: '2025-03-31T10:16:00Z' }),
        event('rice', { postedAt: '2025-03-31T10:15:30+06:00' }),
      ],
    });
    const counts = await rows(
      `SELECT query_id, minute, total, positive, negative, neutral FROM listening_counts ORDER BY query_id, minute`,
    );
    const countOf = (queryId: string, minute: string) =>
      counts.find((c) => c.query_id === queryId && new Date(c.minute as string).toISOString() === minute);
    expect(countOf(q.mango!, '2025-03-31T10:15:00.000Z')).toMatchObject({
      total: 2,
      positive: 1,
      negative: 1,
    });
    expect(countOf(q.mango!, '2025-03-31T10:16:00.000Z')).toMatchObject({ total: 1, neutral: 1 });
    expect(countOf(q.rice!, '2025-03-31T04:15:00.000Z')).toMatchObject({ total: 1 });
    expect(countOf(q.otherMango!, '2025-03-31T10:15:00.000Z')).toMatchObject({ total: 2 });
    expect(counts.filter((c) => c.query_id === q.english)).toHaveLength(2);
    expect(counts).toHaveLength(7);
  });

  it('stores and counts nothing when the same batch comes again, and moves the cursor', async () => {
    const sink = createListeningSink({ database }, registry);
    const events = [event('mango one'), event('mango two'), event('rice three')];
    await sink({ source: 'jetstream', cursor: '200', events });
    const before = await rows('SELECT query_id, minute, total FROM listening_counts ORDER BY 1, 2');
    expect(await storedCursor(database, 'jetstream')).toBe('200');
    await sink({ source: 'jetstream', cursor: '201', events });
    await sink({ source: 'jetstream', cursor: '202', events: [...events, ...events] });
    expect(await rows('SELECT query_id, minute, total FROM listening_counts ORDER BY 1, 2')).toEqual(before);
    expect((await rows('SELECT count(*)::int AS n FROM listening_mentions'))[0]!.n).toBe(5);
    expect(await storedCursor(database, 'jetstream')).toBe('202');
  });

  it('stores the cursor with a batch nothing matched, each source under its own name', async () => {
    const sink = createListeningSink({ database }, registry);
    await sink({ source: 'jetstream', cursor: '300', events: [event('weather')] });
    await sink({ source: 'rss:https://example.com/feed', cursor: 'etag-1', events: [] });
    expect(await storedCursor(database, 'jetstream')).toBe('300');
    expect(await storedCursor(database, 'rss:https://example.com/feed')).toBe('etag-1');
    expect(await storedCursor(database, 'firehose:example.com')).toBe(undefined);
  });

  it('leaves neither mentions, counts nor cursor when the transaction fails before the commit', async () => {
    await createListeningSink({ database }, registry)({ source: 'jetstream', cursor: '400', events: [] });
    const failing = createListeningSink({ database }, registry, {
      beforeCommit: async () => {
        throw new Error('The process died here.');
      },
    });
    await expect(
      failing({ source: 'jetstream', cursor: '401', events: [event('mango crash')] }),
    ).rejects.toThrow('The process died here.');
    expect(await rows('SELECT * FROM listening_mentions')).toEqual([]);
    expect(await rows('SELECT * FROM listening_counts')).toEqual([]);
    expect(await storedCursor(database, 'jetstream')).toBe('400');
  });

  it('matches a new query as soon as it exists and stops matching a deleted one', async () => {
    const sink = createListeningSink({ database }, registry);
    const lychee = await addQuery(dhaka, 'Lychee', 'lychee');
    invalidateListeningQueries();
    await sink({ source: 'jetstream', cursor: '500', events: [event('lychee season')] });
    expect((await rows('SELECT query_ids::text[] AS ids FROM listening_mentions'))[0]!.ids).toEqual([lychee]);
    await database.executor.executeSql('DELETE FROM listening_queries WHERE id = $1', [lychee]);
    // Another process deleted it: the registry notices the table changed without being told.
    await sink({ source: 'jetstream', cursor: '501', events: [event('lychee again')] });
    expect(await rows('SELECT * FROM listening_mentions')).toHaveLength(1);
  });

  it('stores a batch of hundreds of posts in one go', async () => {
    const sink = createListeningSink({ database }, registry);
    const events = Array.from({ length: 600 }, (_, i) => event(i % 2 ? `mango number ${i}` : `nothing ${i}`));
    await sink({ source: 'jetstream', cursor: '600', events });
    expect((await rows('SELECT count(*)::int AS n FROM listening_mentions'))[0]!.n).toBe(600);
    expect(
      (await rows('SELECT sum(total)::int AS n FROM listening_counts WHERE query_id = $1', [q.mango]))[0]!.n,
    ).toBe(300);
  });
});

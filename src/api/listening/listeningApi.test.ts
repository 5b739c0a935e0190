// Listening through the API: queries (syntax errors with their column, checked addresses, the limit,
// who may write), the preview, statistics and mentions over stored posts, spike alerts with their
// emails in each recipient's language, retention and its purge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkListeningSpikes } from '../../jobs/listeningAlertsJob.ts';
import { purgeListening } from '../../jobs/listeningPurgeJob.ts';
import type { ListeningEvent } from '../../listening/listeningEvent.ts';
import { storeListeningEvents } from '../../listening/pipeline.ts';
import { createQueryRegistry } from '../../listening/queryRegistry.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../testing/testApp.ts';
import { listeningRoutes } from './routes.ts';

const PASSWORD = 'correct horse battery';
let app: TestApp;
let owner: ApiClient;
let admin: ApiClient;
let editor: ApiClient;
let viewer: ApiClient;
let stranger: ApiClient;
let workspaceId: string;
let strangerWorkspaceId: string;

const ws = () => `/api/workspaces/${workspaceId}/listening`;
const sql = async (text: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(text, values)).rows as Record<string, unknown>[];

async function join(role: string, name: string, email: string, ip: string): Promise<ApiClient> {
  const invited = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { role });
  const client = new ApiClient(app, ip);
  const joined = await client.post(`/api/invitations/${invited.json().link.split('/invite/')[1]}/accept`, {
    name,
    email,
    password: PASSWORD,
  });
  expect(joined.statusCode).toBe(200);
  return client;
}

let serial = 0;
function event(text: string, postedAt: string, over: Partial<ListeningEvent> = {}): ListeningEvent {
  serial++;
  return {
    source: 'bluesky',
    remoteId: `at://did:plc:a${serial}/app.bsky.feed.post/${serial}`,
    url: `https://bsky.app/profile/did:plc:a${serial}/post/${serial}`,
    authorHandle: `author${serial % 3}.bsky.social`,
    authorName: `Author ${serial % 3}`,
    text,
    postedAt,
    ...over,
  };
}

/** Stores posts through the pipeline, as the ingest worker would. */
async function ingest(events: ListeningEvent[]) {
  const registry = createQueryRegistry(app.database);
  try {
    return await storeListeningEvents(app.database, await registry.current(), events);
  } finally {
    registry.close();
  }
}

beforeAll(async () => {
  app = await startTestApp();
  if (!app.api.hasRoute({ method: 'GET', url: '/api/workspaces/:workspaceId/listening/queries' })) {
    await app.api.register(listeningRoutes({ ctx: app.ctx, cookieSecure: false }));
  }
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: PASSWORD,
    workspaceName: 'Dhaka Desk',
  });
  expect(setup.statusCode).toBe(201);
  workspaceId = setup.json().workspaces[0].id;
  admin = await join('admin', 'Arif Admin', 'arif@example.com', '203.0.113.2');
  expect((await admin.patch('/api/me', { locale: 'bn' })).statusCode).toBe(200);
  editor = await join('editor', 'Esha Editor', 'esha@example.com', '203.0.113.3');
  viewer = await join('viewer', 'Vera Viewer', 'vera@example.com', '203.0.113.4');
  const created = await owner.post('/api/workspaces', { name: 'Elsewhere' });
  strangerWorkspaceId = created.json().id;
  stranger = owner;
});

afterAll(async () => {
  await app?.close();
});

describe('queries', () => {
  let queryId: string;

  it('lets an editor create a query and everyone read it', async () => {
    const created = await editor.post(`${ws()}/queries`, {
      name: '  Mango brand ',
      query: '"mango juice" OR #mango',
      ownBrand: true,
      spikeMinCount: 5,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Mango brand',
      query: '"mango juice" OR #mango',
      active: true,
      ownBrand: true,
      spikeSigma: 3,
      spikeMinCount: 5,
      alertEmail: true,
      backfilledAt: null,
    });
    queryId = created.json().id;
    const listed = await viewer.get(`${ws()}/queries`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().queries.map((q: { id: string }) => q.id)).toEqual([queryId]);
    expect((await viewer.get(`${ws()}/queries/${queryId}`)).json().name).toBe('Mango brand');
    // The backfill waits in the queue.
    expect(
      await sql(`SELECT data->>'queryId' AS id FROM pgboss.job WHERE name = 'listening-backfill'`),
    ).toEqual([{ id: queryId }]);
  });

  it('answers a mistake in the query with the parser’s sentence and column', async () => {
    const response = await editor.post(`${ws()}/queries`, { name: 'Broken', query: 'mango AND ("juice' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('invalid_request');
    expect(body.message).toMatch(/^The query cannot be read: /);
    expect(body.fields.query).toMatch(/\(column \d+\)$/);
    expect(Number(body.fields.queryColumn)).toBeGreaterThan(1);
    const patched = await editor.patch(`${ws()}/queries/${queryId}`, { query: 'OR' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().fields.query).toContain('column 1');
    expect((await sql('SELECT count(*)::int AS n FROM listening_queries'))[0]!.n).toBe(1);
  });

  it('refuses instance and feed addresses on private networks', async () => {
    const response = await editor.post(`${ws()}/queries`, {
      name: 'Local',
      query: 'mango',
      // An address given as a public IP needs no name lookup; the second one is local.
      mastodonInstances: ['https://93.184.215.14', 'http://127.0.0.1:3000'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields['mastodonInstances.1']).toMatch(/private or local network/);
    const feed = await editor.post(`${ws()}/queries`, {
      name: 'Feed',
      query: 'mango',
      feedUrls: ['ftp://x'],
    });
    expect(feed.statusCode).toBe(400);
    expect(feed.json().fields['feedUrls.0']).toMatch(/https:\/\//);
  });

  it('changes and deletes a query; viewers and contributors may not', async () => {
    const refused = await viewer.post(`${ws()}/queries`, { name: 'Nope', query: 'mango' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe(
      'Only owners, admins and editors can create or change listening queries.',
    );
    expect((await viewer.patch(`${ws()}/queries/${queryId}`, { active: false })).statusCode).toBe(403);
    expect((await viewer.delete(`${ws()}/queries/${queryId}`)).statusCode).toBe(403);

    const patched = await editor.patch(`${ws()}/queries/${queryId}`, {
      spikeSigma: 2,
      alertCooldownMinutes: 30,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ spikeSigma: 2, alertCooldownMinutes: 30, name: 'Mango brand' });
    const temp = await editor.post(`${ws()}/queries`, { name: 'Temp', query: 'temp' });
    expect((await editor.delete(`${ws()}/queries/${temp.json().id}`)).statusCode).toBe(204);
    expect((await editor.get(`${ws()}/queries/${temp.json().id}`)).statusCode).toBe(404);
  });

  it('keeps other workspaces’ queries out of reach', async () => {
    const elsewhere = await stranger.post(`/api/workspaces/${strangerWorkspaceId}/listening/queries`, {
      name: 'Theirs',
      query: 'theirs',
    });
    expect(elsewhere.statusCode).toBe(201);
    expect((await editor.get(`${ws()}/queries/${elsewhere.json().id}`)).statusCode).toBe(404);
    expect(
      (await editor.get(`/api/workspaces/${strangerWorkspaceId}/listening/queries/${elsewhere.json().id}`))
        .statusCode,
    ).toBe(404);
  });

  it('holds at most 50 queries per workspace', async () => {
    const existing = Number(
      (
        await sql('SELECT count(*)::int AS n FROM listening_queries WHERE workspace_id = $1', [workspaceId])
      )[0]!.n,
    );
    for (let n = existing; n < 50; n++) {
      await sql(
        `INSERT INTO listening_queries (workspace_id, name, query, tree, active)
         VALUES ($1, $2, 'filler', '{"type":"term","text":"filler","prefix":false}', false)`,
        [workspaceId, `Filler ${n}`],
      );
    }
    const response = await editor.post(`${ws()}/queries`, { name: 'One too many', query: 'mango' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/at most 50 listening queries/);
    await sql(`DELETE FROM listening_queries WHERE query = 'filler'`);
  });
});

describe('mentions, preview and statistics', () => {
  let brand: string;
  let rival: string;

  beforeAll(async () => {
    brand = (await sql(`SELECT id FROM listening_queries WHERE name = 'Mango brand'`))[0]!.id as string;
    const created = await editor.post(`${ws()}/queries`, { name: 'Rival', query: 'lychee' });
    rival = created.json().id;
    await ingest([
      event('I love mango juice, it is wonderful #mango', '2025-03-31T10:15:00Z', { tags: ['mango'] }),
      event('mango juice was terrible and awful today', '2025-03-31T10:20:00Z'),
      event('আমের রস mango juice দারুণ', '2025-03-31T11:05:00Z', { langs: ['bn'] }),
      event('fresh mango juice at the market', '2025-03-31T11:10:00Z', { source: 'mastodon' }),
      event('lychee season is here', '2025-03-31T11:12:00Z'),
      event('lychee lychee', '2025-04-01T09:00:00Z'),
      event('nothing about fruit', '2025-03-31T11:13:00Z'),
    ]);
  });

  const range = 'from=2025-03-31T00:00:00Z&to=2025-04-02T00:00:00Z';

  it('lists a query’s mentions with filters, newest first, a page at a time', async () => {
    const all = await viewer.get(`${ws()}/queries/${brand}/mentions`);
    expect(all.statusCode).toBe(200);
    expect(all.json().mentions).toHaveLength(4);
    expect(all.json().mentions[0]).toMatchObject({ source: 'mastodon', lang: 'en', queryIds: [brand] });
    const negative = await viewer.get(`${ws()}/queries/${brand}/mentions?sentiment=negative`);
    expect(negative.json().mentions.map((m: { text: string }) => m.text)).toEqual([
      'mango juice was terrible and awful today',
    ]);
    expect((await viewer.get(`${ws()}/queries/${brand}/mentions?lang=bn`)).json().mentions).toHaveLength(1);
    expect(
      (await viewer.get(`${ws()}/queries/${brand}/mentions?source=mastodon`)).json().mentions,
    ).toHaveLength(1);
    expect(
      (await viewer.get(`${ws()}/queries/${brand}/mentions?contains=FRESH`)).json().mentions,
    ).toHaveLength(1);
    expect(
      (await viewer.get(`${ws()}/queries/${brand}/mentions?contains=100%25`)).json().mentions,
    ).toHaveLength(0);
    const first = await viewer.get(`${ws()}/queries/${brand}/mentions?limit=3`);
    expect(first.json().mentions).toHaveLength(3);
    const next = await viewer.get(
      `${ws()}/queries/${brand}/mentions?limit=3&before=${first.json().nextCursor}`,
    );
    expect(next.json()).toMatchObject({ nextCursor: null });
    expect(next.json().mentions).toHaveLength(1);
    expect((await viewer.get(`${ws()}/queries/${brand}/mentions?sentiment=angry`)).statusCode).toBe(400);
  });

  it('previews what a query would have matched among stored mentions', async () => {
    const preview = await viewer.post(`${ws()}/preview`, { query: 'mango AND NOT terrible' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 3, scanned: 6 });
    expect(preview.json().mentions.every((m: { text: string }) => !m.text.includes('terrible'))).toBe(true);
    expect((await viewer.post(`${ws()}/preview`, { query: 'lang:bn mango' })).json().count).toBe(1);
    const broken = await viewer.post(`${ws()}/preview`, { query: '"unclosed' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().fields.query).toMatch(/column/);
  });

  it('gives volume and sentiment per minute, hour and day', async () => {
    const hourly = await viewer.get(`${ws()}/queries/${brand}/timeline?${range}&interval=hour`);
    expect(hourly.statusCode).toBe(200);
    expect(hourly.json().buckets).toEqual([
      { at: '2025-03-31T10:00:00.000Z', total: 2, positive: 1, negative: 1, neutral: 0 },
      { at: '2025-03-31T11:00:00.000Z', total: 2, positive: 2, negative: 0, neutral: 0 },
    ]);
    const minutes = await viewer.get(`${ws()}/queries/${brand}/timeline?${range}&interval=minute`);
    expect(minutes.json().buckets.map((b: { at: string }) => b.at)).toEqual([
      '2025-03-31T10:15:00.000Z',
      '2025-03-31T10:20:00.000Z',
      '2025-03-31T11:05:00.000Z',
      '2025-03-31T11:10:00.000Z',
    ]);
    const daily = await viewer.get(
      `${ws()}/queries/${brand}/timeline?${range}&interval=day&timeZone=Asia/Dhaka`,
    );
    expect(daily.json().buckets).toEqual([
      { at: '2025-03-30T18:00:00.000Z', total: 4, positive: 3, negative: 1, neutral: 0 },
    ]);
    const tooMany = await viewer.get(
      `${ws()}/queries/${brand}/timeline?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&interval=minute`,
    );
    expect(tooMany.statusCode).toBe(400);
    const badZone = await viewer.get(`${ws()}/queries/${brand}/timeline?${range}&timeZone=Mars/Olympus`);
    expect(badZone.statusCode).toBe(400);
    const backwards = await viewer.get(
      `${ws()}/queries/${brand}/timeline?from=2025-04-02T00:00:00Z&to=2025-03-31T00:00:00Z`,
    );
    expect(backwards.statusCode).toBe(400);
  });

  it('names the top authors, words, hashtags and languages', async () => {
    const top = await viewer.get(`${ws()}/queries/${brand}/top?${range}&limit=50`);
    expect(top.statusCode).toBe(200);
    const body = top.json();
    expect(body.total).toBe(4);
    expect(body.terms.slice(0, 2)).toEqual([
      { term: 'juice', count: 4 },
      { term: 'mango', count: 4 },
    ]);
    expect(body.terms.map((t: { term: string }) => t.term)).not.toContain('the');
    expect(body.terms.map((t: { term: string }) => t.term)).toContain('রস');
    expect(body.hashtags).toEqual([{ tag: 'mango', count: 1 }]);
    expect(body.languages).toEqual([
      { lang: 'en', count: 3 },
      { lang: 'bn', count: 1 },
    ]);
    expect(body.authors.reduce((n: number, a: { count: number }) => n + a.count, 0)).toBe(4);
    expect(body.authors[0].name).toMatch(/^Author /);
  });

  it('shares the voice between queries', async () => {
    const response = await viewer.get(`${ws()}/share-of-voice?${range}&queryIds=${brand},${rival}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      total: 6,
      queries: [
        { queryId: brand, name: 'Mango brand', total: 4, share: 4 / 6 },
        { queryId: rival, name: 'Rival', total: 2, share: 2 / 6 },
      ],
    });
    const stranger = await viewer.get(`${ws()}/share-of-voice?queryIds=${brand},${crypto.randomUUID()}`);
    expect(stranger.statusCode).toBe(404);
    expect((await viewer.get(`${ws()}/share-of-voice?queryIds=nope`)).statusCode).toBe(400);
  });
});

describe('alerts', () => {
  it('raises a volume spike and a negative jump, emails owners and admins in their language, and marks read', async () => {
    const brand = (await sql(`SELECT id FROM listening_queries WHERE name = 'Mango brand'`))[0]!.id as string;
    const now = new Date();
    // Four weeks of a quiet hour (2–4 mentions, none negative), then 40 in the last hour, half negative.
    await sql(`UPDATE listening_queries SET created_at = now() - interval '40 days' WHERE id = $1`, [brand]);
    const hour = Math.floor((now.getTime() - 3_600_000) / 3_600_000) * 3_600_000;
    for (let week = 1; week <= 4; week++) {
      const at = new Date(hour - week * 7 * 86_400_000).toISOString();
      await sql(
        `INSERT INTO listening_counts (query_id, workspace_id, minute, total, negative, neutral)
         VALUES ($1, $2, $3, $4, 0, $4)`,
        [brand, workspaceId, at, 2 + (week % 2) * 2],
      );
    }
    await sql(
      `INSERT INTO listening_counts (query_id, workspace_id, minute, total, negative, neutral)
       VALUES ($1, $2, date_trunc('minute', now()) - interval '5 minutes', 40, 20, 20)`,
      [brand, workspaceId],
    );
    const raised = await checkListeningSpikes(app.ctx, now);
    expect(raised.map((a) => a.kind).sort()).toEqual(['negative', 'volume']);
    // Within the cooldown, the next minute raises nothing.
    expect(await checkListeningSpikes(app.ctx, new Date(now.getTime() + 60_000))).toEqual([]);

    const listed = await viewer.get(`${ws()}/alerts`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().unread).toBe(2);
    const volume = listed.json().alerts.find((a: { kind: string }) => a.kind === 'volume');
    expect(volume).toMatchObject({ queryId: brand, queryName: 'Mango brand', count: 40, read: false });
    expect(volume.suggestCrisisMode).toBe(true);
    // 12 mentions over the 8 weeks of history (the March posts above make the history that long).
    expect(volume.mean).toBe(1.5);

    const mail = await eventually(() => (app.mail.length >= 4 ? app.mail : undefined));
    const toOwner = mail.filter((m) => m.to === 'nadia@example.com');
    const toAdmin = mail.filter((m) => m.to === 'arif@example.com');
    expect(toOwner.map((m) => m.subject).sort()).toEqual([
      'Kolorob (Dhaka Desk): "Mango brand" — mentions spiked',
      'Kolorob (Dhaka Desk): "Mango brand" — negative mentions rose',
    ]);
    expect(toOwner.find((m) => m.subject.includes('spiked'))!.text).toContain(
      '"Mango brand" had 40 mentions in the last hour; this hour usually brings about 1.5.',
    );
    expect(toAdmin.map((m) => m.subject).join('\n')).toContain('উল্লেখ হঠাৎ বেড়েছে');
    expect(toAdmin.find((m) => m.subject.includes('নেতিবাচক'))!.text).toContain('৫০%');
    expect(mail.some((m) => m.to === 'esha@example.com' || m.to === 'vera@example.com')).toBe(false);

    expect((await viewer.post(`${ws()}/alerts/${volume.id}/read`)).statusCode).toBe(204);
    const after = await viewer.get(`${ws()}/alerts?unread=true`);
    expect(after.json().unread).toBe(1);
    expect(after.json().alerts.map((a: { kind: string }) => a.kind)).toEqual(['negative']);
    expect((await viewer.post(`${ws()}/alerts/${crypto.randomUUID()}/read`)).statusCode).toBe(404);
    expect(
      (await stranger.get(`/api/workspaces/${strangerWorkspaceId}/listening/alerts`)).json().alerts,
    ).toEqual([]);
  });
});

describe('retention', () => {
  it('is read by everyone, set by owners and admins, and purges what is older', async () => {
    expect((await viewer.get(`${ws()}/retention`)).json()).toEqual({ days: 90 });
    const refused = await editor.request('PUT', `${ws()}/retention`, { days: 30 });
    expect(refused.statusCode).toBe(403);
    expect((await admin.request('PUT', `${ws()}/retention`, { days: 0 })).statusCode).toBe(400);
    const set = await admin.request('PUT', `${ws()}/retention`, { days: 30 });
    expect(set.statusCode).toBe(200);
    expect((await viewer.get(`${ws()}/retention`)).json()).toEqual({ days: 30 });

    await ingest([
      event('mango juice long ago', new Date(Date.now() - 31 * 86_400_000).toISOString()),
      event('mango juice lately', new Date(Date.now() - 29 * 86_400_000).toISOString()),
    ]);
    const before = Number((await sql('SELECT count(*)::int AS n FROM listening_mentions'))[0]!.n);
    const removed = await purgeListening(app.database);
    // The long-ago one, and the March 2025 posts of the statistics above.
    expect(removed.mentions).toBe(before - 1);
    expect(await sql('SELECT text FROM listening_mentions')).toEqual([{ text: 'mango juice lately' }]);
    expect(
      (
        await sql(`SELECT count(*)::int AS n FROM listening_counts WHERE minute < now() - interval '30 days'`)
      )[0]!.n,
    ).toBe(0);
    expect(removed.counts).toBeGreaterThan(0);
  });
});

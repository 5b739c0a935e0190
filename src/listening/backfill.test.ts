// Backfill against a local AT Protocol network: a new query fills with the last days of matching posts
// found through the workspace's connected Bluesky account's search, in the background job; posts the
// query excludes or that the search finds but the query does not match stay out; running it again (or
// the live stream later bringing the same posts) stores and counts nothing twice.
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningRoutes } from '../api/listening/routes.ts';
import { parseQuery } from '../core/listening/queryParser.ts';
import { workListeningBackfill } from '../jobs/listeningBackfillJob.ts';
import { type AtprotoNetwork, startAtprotoNetwork } from '../testing/atprotoNetwork.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../testing/testApp.ts';
import { backfillQuery, searchTermsOf } from './backfill.ts';

let app: TestApp;
let network: AtprotoNetwork;
let owner: ApiClient;
let workspaceId: string;

const sql = async (text: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(text, values)).rows as Record<string, unknown>[];

beforeAll(async () => {
  [app, network] = await Promise.all([startTestApp({ allowPrivateFetch: true }), startAtprotoNetwork()]);
  if (!app.api.hasRoute({ method: 'GET', url: '/api/workspaces/:workspaceId/listening/queries' })) {
    await app.api.register(listeningRoutes({ ctx: app.ctx, cookieSecure: false }));
  }
  const [alice, bob] = await Promise.all([network.createAccount('alice'), network.createAccount('bob')]);
  const bobAgent = new AtpAgent({ service: network.pdsUrl });
  await bobAgent.login({ identifier: bob.handle, password: bob.password });
  for (const text of [
    'the jackfruit harvest is wonderful this year',
    'jackfruit prices are terrible, a scam',
    'jackfruit jam recipe, spam link',
    'a post about mangoes only',
  ]) {
    await bobAgent.post({ text, createdAt: new Date().toISOString() });
  }
  await network.processAll();

  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: 'correct horse battery',
    workspaceName: 'Dhaka Desk',
  });
  workspaceId = setup.json().workspaces[0].id;
  const connected = await owner.post(`/api/workspaces/${workspaceId}/accounts/bluesky`, {
    service: network.pdsUrl,
    identifier: alice.handle,
    appPassword: alice.appPassword,
  });
  expect(connected.statusCode, connected.body).toBe(200);
  await workListeningBackfill(app.jobs, app.ctx);
});

afterAll(async () => {
  await app?.close();
  await network?.close();
});

describe('backfill', () => {
  it('searches for what the query looks for, never for what it excludes', () => {
    expect(searchTermsOf(parseQuery('(jackfruit OR "kathal chips") AND NOT spam AND lang:en'))).toEqual([
      'jackfruit',
      '"kathal chips"',
    ]);
    expect(searchTermsOf(parseQuery('#kathal OR @bob.test OR jack* NEAR/3 fruit'))).toEqual([
      '#kathal',
      '@bob.test',
      'jack',
      'fruit',
    ]);
  });

  it('fills a new query with the matching posts of the last days, once', async () => {
    const created = await owner.post(`/api/workspaces/${workspaceId}/listening/queries`, {
      name: 'Jackfruit',
      query: 'jackfruit AND NOT spam',
    });
    expect(created.statusCode).toBe(201);
    const queryId = created.json().id as string;
    const backfilledAt = await eventually(async () => {
      const got = await owner.get(`/api/workspaces/${workspaceId}/listening/queries/${queryId}`);
      return (got.json().backfilledAt as string | null) ?? undefined;
    }, 30_000);
    expect(Date.parse(backfilledAt)).toBeGreaterThan(Date.now() - 60_000);
    const mentions = await sql(
      'SELECT text, source, sentiment, author_handle, url FROM listening_mentions ORDER BY text',
    );
    expect(mentions).toMatchObject([
      { text: 'jackfruit prices are terrible, a scam', source: 'bluesky', sentiment: 'negative' },
      { text: 'the jackfruit harvest is wonderful this year', source: 'bluesky', sentiment: 'positive' },
    ]);
    expect(mentions[0]!.author_handle).toBe('bob.test');
    const [counted] = await sql('SELECT sum(total)::int AS n FROM listening_counts WHERE query_id = $1', [
      queryId,
    ]);
    expect(counted!.n).toBe(2);

    // Again (as if the job ran twice): nothing new, nothing counted twice.
    await sql('UPDATE listening_queries SET backfilled_at = NULL WHERE id = $1', [queryId]);
    const again = await backfillQuery(app.ctx, workspaceId, queryId);
    expect(again).toMatchObject({ found: 3, stored: 0, failures: [] });
    const [recounted] = await sql('SELECT sum(total)::int AS n FROM listening_counts WHERE query_id = $1', [
      queryId,
    ]);
    expect(recounted!.n).toBe(2);
  });
});

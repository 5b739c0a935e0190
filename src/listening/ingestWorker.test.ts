// The ingest worker with a real source: a local Jetstream plays Bluesky posts; a query made through the
// API picks out the matching ones, stored with their language and sentiment. Stopping the worker in the
// middle of a stream and starting it again loses nothing and stores nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningRoutes } from '../api/listening/routes.ts';
import { type JetstreamReplay, startJetstreamReplay } from '../testing/jetstreamReplay.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../testing/testApp.ts';
import {
  type ListeningIngest,
  listeningIngestOptionsFromEnv,
  PUBLIC_APPVIEW_URL,
  startListeningIngest,
} from './ingestWorker.ts';
import type { StoreResult } from './pipeline.ts';
import { JETSTREAM_URL, type JetstreamEvent } from './sources/jetstreamSource.ts';

let app: TestApp;
let replay: JetstreamReplay;
let owner: ApiClient;
let workspaceId: string;
let queryId: string;

const sql = async (text: string, values: unknown[] = []) =>
  (await app.database.executor.executeSql(text, values)).rows as Record<string, unknown>[];

let clockUs = Date.now() * 1000;
let serial = 0;
function post(text: string, langs?: string[]): JetstreamEvent {
  serial++;
  clockUs += 1000;
  return {
    did: `did:plc:poster${serial % 7}`,
    time_us: clockUs,
    kind: 'commit',
    commit: {
      rev: `rev${serial}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: `3l${String(serial).padStart(11, '0')}`,
      cid: `bafy${serial}`,
      record: {
        $type: 'app.bsky.feed.post',
        text,
        ...(langs ? { langs } : {}),
        createdAt: new Date(clockUs / 1000).toISOString(),
      },
    },
  };
}

function ingest(onStored?: (result: StoreResult) => void): Promise<ListeningIngest> {
  return startListeningIngest(app.ctx, {
    jetstreamUrl: replay.url,
    onError: () => {},
    sink: { onStored: (_batch, result) => onStored?.(result) },
  });
}

beforeAll(async () => {
  [app, replay] = await Promise.all([startTestApp(), startJetstreamReplay()]);
  if (!app.api.hasRoute({ method: 'GET', url: '/api/workspaces/:workspaceId/listening/queries' })) {
    await app.api.register(listeningRoutes({ ctx: app.ctx, cookieSecure: false }));
  }
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: 'correct horse battery',
    workspaceName: 'Dhaka Desk',
  });
  workspaceId = setup.json().workspaces[0].id;
  const created = await owner.post(`/api/workspaces/${workspaceId}/listening/queries`, {
    name: 'Hilsa',
    query: 'hilsa OR ইলিশ',
  });
  expect(created.statusCode).toBe(201);
  queryId = created.json().id;
});

afterAll(async () => {
  await replay?.close();
  await app?.close();
});

describe('ingest from Jetstream', () => {
  it('stores the matching posts with their language and sentiment', async () => {
    const worker = await ingest();
    try {
      expect(worker.sources()).toEqual(['jetstream']);
      await eventually(() => replay.connections.length > 0);
      replay.publish([
        post('The hilsa at the market today was wonderful, I love it', ['en']),
        post('A post about something else entirely'),
        post('ইলিশ মাছের দাম খুব খারাপ, ভয়ানক অবস্থা'),
        post('hilsa'),
      ]);
      const stored = await eventually(async () => {
        const rows = await sql(
          `SELECT text, lang, sentiment, author_handle, query_ids::text[] AS query_ids FROM listening_mentions ORDER BY id`,
        );
        return rows.length === 3 ? rows : undefined;
      });
      expect(stored).toMatchObject([
        { lang: 'en', sentiment: 'positive', query_ids: [queryId] },
        { text: 'ইলিশ মাছের দাম খুব খারাপ, ভয়ানক অবস্থা', lang: 'bn', sentiment: 'negative' },
        { text: 'hilsa', lang: 'en', sentiment: 'neutral' },
      ]);
      expect(stored[0]!.author_handle).toMatch(/^did:plc:poster/);
      await eventually(async () =>
        (await sql('SELECT cursor FROM listening_cursors')).length === 1 ? true : undefined,
      );
    } finally {
      await worker.stop();
    }
  });

  it('resumes after a stop in the middle of a stream with no gap and no duplicate', async () => {
    await sql('DELETE FROM listening_mentions');
    await sql('DELETE FROM listening_counts');
    const events = Array.from({ length: 3000 }, (_, n) =>
      post(n % 3 === 0 ? `hilsa report number ${n}` : `unrelated chatter ${n}`),
    );
    const matching = events.filter((_, n) => n % 3 === 0).length;
    let storedBeforeStop = 0;
    const first = await ingest((result) => {
      storedBeforeStop += result.stored;
    });
    await eventually(() => replay.connections.length > 1);
    replay.publish(events.slice(0, 2000));
    // Stop while the stream is still being read.
    await eventually(() => storedBeforeStop > 0, 20_000);
    await first.stop();
    const afterStop = Number((await sql('SELECT count(*)::int AS n FROM listening_mentions'))[0]!.n);
    expect(afterStop).toBe(storedBeforeStop);
    expect(afterStop).toBeLessThan(matching);
    // Posts keep coming while no worker runs.
    replay.publish(events.slice(2000));

    const second = await ingest();
    try {
      await eventually(async () => {
        const n = Number((await sql('SELECT count(*)::int AS n FROM listening_mentions'))[0]!.n);
        return n >= matching ? true : undefined;
      }, 30_000);
      // Give a late duplicate the chance to show up.
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await sql(
        `SELECT count(*)::int AS n, count(DISTINCT remote_id)::int AS distinct_posts FROM listening_mentions`,
      );
      expect(row).toEqual({ n: matching, distinct_posts: matching });
      const [counted] = await sql('SELECT sum(total)::int AS n FROM listening_counts WHERE query_id = $1', [
        queryId,
      ]);
      expect(counted!.n).toBe(matching);
    } finally {
      await second.stop();
    }
  });
});

describe('listening settings from the environment', () => {
  it('reads no Bluesky stream by default, and names authors through the public AppView with one', () => {
    expect(listeningIngestOptionsFromEnv({})).toEqual({
      jetstreamUrl: undefined,
      firehoseUrl: undefined,
      blueskyAppViewUrl: undefined,
    });
    expect(listeningIngestOptionsFromEnv({ KOLOROB_LISTENING_JETSTREAM_URL: 'on' })).toEqual({
      jetstreamUrl: JETSTREAM_URL,
      firehoseUrl: undefined,
      blueskyAppViewUrl: PUBLIC_APPVIEW_URL,
    });
    expect(
      listeningIngestOptionsFromEnv({
        KOLOROB_LISTENING_FIREHOSE_URL: 'https://relay.example',
        KOLOROB_LISTENING_BLUESKY_APPVIEW_URL: 'https://appview.example',
      }),
    ).toEqual({
      jetstreamUrl: undefined,
      firehoseUrl: 'https://relay.example',
      blueskyAppViewUrl: 'https://appview.example',
    });
    expect(
      listeningIngestOptionsFromEnv({
        KOLOROB_LISTENING_JETSTREAM_URL: 'on',
        KOLOROB_LISTENING_BLUESKY_APPVIEW_URL: 'off',
      }).blueskyAppViewUrl,
    ).toBe(undefined);
  });
});

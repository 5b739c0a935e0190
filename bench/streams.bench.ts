// Streams benchmark: with 100,000 stored items in a workspace (spread over 50 column sources), the
// server time of opening a board of 10 columns (GET /boards/:id/items, through the whole HTTP stack
// with fastify's inject, session and schema included) on the embedded database in a folder on disk.
// Baseline, in the same run and the same way: GET /api/me, the smallest signed-in request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApi } from '../src/api/app.ts';
import type { CommandContext } from '../src/commands/context.ts';
import { createSecretBox } from '../src/core/secretBox.ts';
import { openDatabase } from '../src/db/database.ts';
import { startJobQueue } from '../src/jobs/jobQueue.ts';
import type { BenchReport } from './benchRow.ts';

const ITEMS = 100_000;
const SOURCES = 50;
const COLUMNS = 10;
const RUNS = 200;
const WARMUP = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function streamsBench(): Promise<BenchReport> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolorob-bench-streams-'));
  const database = await openDatabase({ dataDir });
  const jobs = await startJobQueue(database, { supervise: false });
  const ctx: CommandContext = {
    database,
    jobs,
    secretBox: createSecretBox('kolorob-bench-secret'),
    config: { publicUrl: 'http://kolorob.bench', allowPrivateFetch: false },
  };
  const api = await buildApi({ ctx, cookieSecure: false });
  try {
    const setup = await api.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        name: 'Bench Owner',
        email: 'bench@example.com',
        password: 'correct horse battery',
        workspaceName: 'Bench',
      },
    });
    const cookie = `kolorob_session=${setup.cookies.find((c) => c.name === 'kolorob_session')!.value}`;
    const workspaceId = setup.json().workspaces[0].id as string;
    const request = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

    // Ten accounts, each read by a Home column; forty more sources hold the rest of the items.
    const accountIds: string[] = [];
    for (let n = 0; n < COLUMNS; n++) {
      const { rows } = await database.executor.executeSql(
        `INSERT INTO social_accounts (workspace_id, network, remote_id, handle, display_name, service_url, credentials_sealed)
         VALUES ($1, 'bluesky', $2, $3, $4, 'https://bsky.social', 'sealed') RETURNING id`,
        [workspaceId, `did:plc:bench${n}`, `bench${n}.bsky.social`, `Bench ${n}`],
      );
      accountIds.push((rows[0] as { id: string }).id);
    }
    const boardId = (await request('GET', `/api/workspaces/${workspaceId}/boards`)).json().boards[0]
      .id as string;
    for (const accountId of accountIds) {
      const added = await request('POST', `/api/workspaces/${workspaceId}/boards/${boardId}/columns`, {
        kind: 'home',
        accountId,
      });
      if (added.statusCode !== 201) throw new Error(`Adding a column failed: ${added.body}`);
    }
    await database.executor.executeSql(
      "UPDATE stream_sources SET last_polled_at = now(), next_poll_at = now() + interval '1 day'",
    );
    const sourceKeys = [
      ...accountIds.map((id) => `home:${id}`),
      ...Array.from({ length: SOURCES - COLUMNS }, (_, n) => `search:${accountIds[n % COLUMNS]}:topic${n}`),
    ];
    const started = performance.now();
    const perSource = ITEMS / SOURCES;
    for (const [index, sourceKey] of sourceKeys.entries()) {
      // Posts of realistic size: about 200 characters of text, an author, counts and viewer flags.
      await database.executor.executeSql(
        `INSERT INTO stream_items (workspace_id, source_key, item_id, sort_at, item)
         SELECT $1, $2, 'at://did:plc:author' || (n % 97) || '/app.bsky.feed.post/' || $3 || '-' || n,
                now() - (n * interval '37 seconds'),
                jsonb_build_object(
                  'id', 'at://did:plc:author' || (n % 97) || '/app.bsky.feed.post/' || $3 || '-' || n,
                  'network', 'bluesky', 'kind', 'post',
                  'postId', 'at://did:plc:author' || (n % 97) || '/app.bsky.feed.post/' || $3 || '-' || n,
                  'postCid', 'bafyreib' || md5(n::text),
                  'url', 'https://bsky.app/profile/author' || (n % 97) || '.bsky.social/post/' || n,
                  'text', left(repeat('Monsoon market notes from the river ghat, prices and people ', 4), 120 + (n % 160)),
                  'author', jsonb_build_object('id', 'did:plc:author' || (n % 97), 'handle', 'author' || (n % 97) || '.bsky.social',
                    'displayName', 'Author ' || (n % 97), 'avatarUrl', 'https://cdn.bsky.app/img/avatar/' || md5((n % 97)::text),
                    'url', 'https://bsky.app/profile/author' || (n % 97) || '.bsky.social'),
                  'createdAt', to_char(now() - (n * interval '37 seconds'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                  'counts', jsonb_build_object('replies', n % 7, 'reposts', n % 11, 'likes', n % 23),
                  'viewer', jsonb_build_object('liked', n % 5 = 0, 'reposted', false))
         FROM generate_series(1, $4::int) AS n`,
        [workspaceId, sourceKey, index, perSource],
      );
    }
    const loadMs = performance.now() - started;
    await database.executor.executeSql('ANALYZE stream_items');
    const { rows: counted } = await database.executor.executeSql(
      'SELECT count(*)::int AS n FROM stream_items WHERE workspace_id = $1',
      [workspaceId],
    );
    const stored = (counted[0] as { n: number }).n;

    const measure = async (url: string) => {
      const times: number[] = [];
      for (let n = 0; n < WARMUP + RUNS; n++) {
        const t0 = performance.now();
        const response = await request('GET', url);
        const ms = performance.now() - t0;
        if (response.statusCode !== 200)
          throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
        if (n >= WARMUP) times.push(ms);
      }
      return times.sort((a, b) => a - b);
    };
    const board = await measure(`/api/workspaces/${workspaceId}/boards/${boardId}/items`);
    const sample = (await request('GET', `/api/workspaces/${workspaceId}/boards/${boardId}/items`)).json();
    const shown = (sample.columns as { items: unknown[] }[]).reduce((sum, c) => sum + c.items.length, 0);
    const baseline = await measure('/api/me');
    return {
      notes: [
        `${stored.toLocaleString('en')} items stored in one workspace over ${SOURCES} sources (written in ${(loadMs / 1000).toFixed(1)} s); a board of ${COLUMNS} columns answers ${shown} items (30 per column). ${RUNS} requests after ${WARMUP} warm-up, one at a time, on PGlite in a folder on disk.`,
      ],
      rows: [
        {
          name: 'open a board of 10 columns, p50',
          value: percentile(board, 50),
          unit: 'ms',
          baseline: percentile(baseline, 50),
        },
        {
          name: 'open a board of 10 columns, p95',
          value: percentile(board, 95),
          unit: 'ms',
          baseline: percentile(baseline, 95),
          target: 300,
        },
      ],
    };
  } finally {
    await api.close();
    await jobs.stop();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

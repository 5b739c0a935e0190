// A listening query as a Streams column: the mentions the listening pipeline stored for it, newest
// first with their sentiment, older pages by cursor, new ones pushed to the open board, and a query of
// another workspace refused.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '../../../core/streams/streamTypes.ts';
import type { ListeningEvent } from '../../../listening/listeningEvent.ts';
import { createListeningSink } from '../../../listening/pipeline.ts';
import { createQueryRegistry, type QueryRegistry } from '../../../listening/queryRegistry.ts';
import { ApiClient, eventually, startTestApp, type TestApp } from '../../../testing/testApp.ts';

let app: TestApp;
let owner: ApiClient;
let workspaceId: string;
let otherWorkspaceId: string;
let registry: QueryRegistry;
let appUrl: string;
let counter = 0;
const ws = () => `/api/workspaces/${workspaceId}`;

function event(text: string, minutesAgo = 0): ListeningEvent {
  counter++;
  return {
    source: 'bluesky',
    remoteId: `at://did:plc:listener/app.bsky.feed.post/${counter}`,
    url: `https://bsky.app/profile/did:plc:listener/post/${counter}`,
    authorHandle: 'listener.bsky.social',
    authorName: 'A Listener',
    text,
    postedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  };
}

beforeAll(async () => {
  app = await startTestApp();
  owner = new ApiClient(app);
  const setup = await owner.post('/api/setup', {
    name: 'Nadia Islam',
    email: 'nadia@example.com',
    password: 'correct horse battery',
    workspaceName: 'Dhaka Desk',
  });
  workspaceId = setup.json().workspaces[0].id;
  otherWorkspaceId = (await owner.post('/api/workspaces', { name: 'Other desk' })).json().id;
  registry = createQueryRegistry(app.database, { checkEveryMs: 0 });
  await app.api.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(app.api.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  registry?.close();
  await app?.close();
});

describe('a Listening column', () => {
  let queryId: string;
  let boardId: string;
  let columnId: string;
  const sink = () => createListeningSink({ database: app.database }, registry);

  it('shows what the query matched, newest first, with sentiment, and pages back', async () => {
    const created = await owner.post(`${ws()}/listening/queries`, { name: 'Mango talk', query: 'mango' });
    expect(created.statusCode, created.body).toBe(201);
    queryId = created.json().id;
    const events = [
      ...Array.from({ length: 34 }, (_, n) => event(`Mango note ${n + 1}`, 100 - n)),
      event('I love these mangoes, the mango season is wonderful', 1),
      event('A post about rice only', 1),
    ];
    await sink()({ source: 'test', cursor: '1', events });

    boardId = (await owner.get(`${ws()}/boards`)).json().boards[0].id;
    const column = await owner.post(`${ws()}/boards/${boardId}/columns`, { kind: 'listening', queryId });
    expect(column.statusCode, column.body).toBe(201);
    expect(column.json()).toMatchObject({ kind: 'listening', queryId, title: 'Mango talk', accountId: null });
    columnId = column.json().id;

    const first = (await owner.get(`${ws()}/boards/${boardId}/items`))
      .json()
      .columns.find((c: { columnId: string }) => c.columnId === columnId);
    expect(first.loading).toBe(false);
    expect(first.items).toHaveLength(30);
    expect(first.items[0]).toMatchObject({
      text: 'I love these mangoes, the mango season is wonderful',
      sentiment: 'positive',
      lang: 'en',
      network: 'bluesky',
    });
    const texts: string[] = first.items.map((i: StreamItem) => i.text);
    const older = await owner.get(
      `${ws()}/boards/${boardId}/columns/${columnId}/items?cursor=${encodeURIComponent(first.cursor)}`,
    );
    expect(older.statusCode, older.body).toBe(200);
    expect(older.json().cursor).toBeNull();
    texts.push(...older.json().items.map((i: StreamItem) => i.text));
    expect(texts).toHaveLength(35);
    expect(new Set(texts).size).toBe(35);
    expect(texts.at(-1)).toBe('Mango note 1');
    expect(texts).not.toContain('A post about rice only');
  });

  it('pushes mentions stored while the board is open', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const response = await fetch(`${appUrl}${ws()}/boards/${boardId}/events?timeout=60`, {
      headers: { cookie: owner.cookieHeader! },
      signal: controller.signal,
    });
    let received = '';
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // Aborted.
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sink()({
        source: 'test',
        cursor: '2',
        events: [event('আমের মৌসুম, mango prices are awful today')],
      });
      await eventually(() => received.includes('mango prices are awful today'), 15_000);
      expect(received).toMatch(/event: items/);
      expect(received).toContain(columnId);
      expect(received).not.toContain('Mango note 1"');
    } finally {
      controller.abort();
    }
  });

  it('refuses a column without a query or with another workspace’s query', async () => {
    const other = await owner.post(`/api/workspaces/${otherWorkspaceId}/listening/queries`, {
      name: 'Theirs',
      query: 'mango',
    });
    expect(other.statusCode, other.body).toBe(201);
    const missing = await owner.post(`${ws()}/boards/${boardId}/columns`, { kind: 'listening' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/listening query/);
    const foreign = await owner.post(`${ws()}/boards/${boardId}/columns`, {
      kind: 'listening',
      queryId: other.json().id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toMatch(/not in this workspace/);
  });
});

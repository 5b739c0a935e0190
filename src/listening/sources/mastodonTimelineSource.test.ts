// The Mastodon timeline source against a real snac2 server: statuses posted there arrive once from the
// public and a hashtag timeline, what was there before the start is not read, and a restart from the
// stored cursor reads what was posted meanwhile without repeating anything. A small local server that
// answers as the Mastodon API documents covers what snac2 never does: 429 with Retry-After.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Snac2Server, startSnac2 } from '../../testing/snac2Server.ts';
import type { ListeningSource } from '../listeningEvent.ts';
import { type MastodonTimelineSourceOptions, mastodonTimelineSource } from './mastodonTimelineSource.ts';
import { recordingSink } from './recordingSink.ts';

let snac: Snac2Server;
let host: string;
const sources: ListeningSource[] = [];

beforeAll(async () => {
  snac = await startSnac2({ users: ['alice', 'bob'] });
  host = new URL(snac.instanceUrl).host;
});

afterEach(async () => {
  for (const source of sources.splice(0)) await source.stop();
});

afterAll(async () => {
  await snac?.close();
});

function source(options: Partial<MastodonTimelineSourceOptions> = {}): ListeningSource {
  const created = mastodonTimelineSource({
    instanceUrl: snac.instanceUrl,
    timeline: { kind: 'public' },
    allowPrivate: true,
    pollIntervalMs: 150,
    retry: { initialMs: 100, maxMs: 1_000 },
    onError: () => undefined,
    ...options,
  });
  sources.push(created);
  return created;
}

async function postStatus(user: string, status: string): Promise<{ id: string; uri: string }> {
  const response = await fetch(`${snac.instanceUrl}/api/v1/statuses`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${snac.users[user]!.accessToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ status, visibility: 'public' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; uri: string };
}

describe('Mastodon timeline source on snac2', () => {
  it('reads statuses posted after it started, once each, as listening events', async () => {
    const old = await postStatus('alice', `Before the start ${Date.now()}`);
    const stored = recordingSink();
    const timeline = source();
    expect(timeline.name).toBe(`mastodon:${host}:public`);
    await timeline.start(stored.sink, undefined);
    // Without a cursor the first poll only notes where the timeline is.
    await stored.waitFor(() => stored.batches.length === 1, 'the starting position');
    expect(stored.batches[0]).toEqual({ source: `mastodon:${host}:public`, events: [], cursor: old.id });

    const posted = [
      await postStatus('alice', 'শুভ সকাল #Kolorob https://example.com/morning'),
      await postStatus('bob', 'Fish & chips, "fresh"'),
      await postStatus('alice', 'The third one'),
    ];
    await stored.waitFor(() => stored.events().length >= 3, 'three statuses', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = stored.events();
    expect(events.map((e) => e.remoteId)).toEqual(posted.map((s) => s.uri));
    expect(events[0]).toMatchObject({
      source: 'mastodon',
      url: posted[0]!.uri,
      authorHandle: `alice@${host}`,
      text: 'শুভ সকাল #Kolorob https://example.com/morning',
      urls: ['https://example.com/morning'],
      tags: ['kolorob'],
    });
    expect(events[1]).toMatchObject({ authorHandle: `bob@${host}`, text: 'Fish & chips, "fresh"' });
    expect(Date.parse(events[0]!.postedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.cursor()).toBe(posted[2]!.id);
  });

  it('resumes from the stored cursor after a stop: nothing missed, nothing twice', async () => {
    const stored = recordingSink();
    const first = source();
    await first.start(stored.sink, undefined);
    await stored.waitFor(() => stored.batches.length === 1, 'the starting position');
    const before = [await postStatus('bob', 'Resume one'), await postStatus('alice', 'Resume two')];
    await stored.waitFor(() => stored.events().length >= 2, 'the first two', 15_000);
    await first.stop();

    const meanwhile = [
      await postStatus('alice', 'While stopped one'),
      await postStatus('bob', 'While stopped two'),
    ];
    await source().start(stored.sink, stored.cursor());
    const after = await postStatus('alice', 'After the restart');
    await stored.waitFor(() => stored.events().length >= 5, 'all five', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stored.events().map((e) => e.remoteId)).toEqual(
      [...before, ...meanwhile, after].map((s) => s.uri),
    );
  });

  it('reads a hashtag timeline', async () => {
    const stored = recordingSink();
    const tagged = source({ timeline: { kind: 'tag', tag: '#ListenHere' } });
    expect(tagged.name).toBe(`mastodon:${host}:tag:listenhere`);
    const earlier = await postStatus('alice', 'Tagged before the start #ListenHere');
    await tagged.start(stored.sink, undefined);
    await stored.waitFor(() => stored.batches.length === 1, 'the starting position');
    expect(stored.cursor()).toBe(earlier.id);
    await postStatus('alice', 'Not tagged at all');
    const wanted = await postStatus('bob', 'Tagged #listenhere');
    await stored.waitFor(() => stored.events().length >= 1, 'the tagged status', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stored.events().map((e) => e.remoteId)).toEqual([wanted.uri]);
  });

  it('refuses a server on a private address unless that is allowed', async () => {
    await expect(source({ allowPrivate: false }).start(recordingSink().sink, undefined)).rejects.toThrow(
      /private|local/i,
    );
  });
});

describe('Mastodon timeline source against a documented-API server', () => {
  it('waits as long as Retry-After asks after a 429, and backs off after a server error', async () => {
    const requests: { at: number; query: URLSearchParams }[] = [];
    const status = {
      id: '110',
      uri: 'https://example.social/users/rina/statuses/110',
      url: 'https://example.social/@rina/110',
      created_at: '2024-05-01T10:00:00.000Z',
      content:
        '<p>ঈদ মোবারক <a href="https://example.social/tags/eid" class="mention hashtag" rel="tag">#<span>eid</span></a></p>',
      spoiler_text: '',
      language: 'bn',
      account: { acct: 'rina', display_name: 'Rina' },
      tags: [{ name: 'eid' }],
      card: null,
    };
    const server = http.createServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      requests.push({ at: Date.now(), query });
      if (requests.length === 1) {
        response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        response.end('{"error":"Too many requests"}');
      } else if (requests.length === 2) {
        response.writeHead(503, { 'content-type': 'text/html' });
        response.end('<html><body>Down for a moment</body></html>');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(query.get('min_id') === '100' ? [status] : []));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const errors: Error[] = [];
      const stored = recordingSink();
      const started = Date.now();
      const { port } = server.address() as AddressInfo;
      await source({
        instanceUrl: `http://127.0.0.1:${port}`,
        retry: { initialMs: 50, maxMs: 100, jitter: 0 },
        onError: (error) => errors.push(error),
      }).start(stored.sink, '100');

      await stored.waitFor(() => stored.events().length === 1, 'the status', 10_000);
      expect(requests[1]!.at - started).toBeGreaterThanOrEqual(1_000);
      expect(requests[2]!.at - requests[1]!.at).toBeLessThan(1_000);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/Too many requests/),
        expect.stringMatching(/503/),
      ]);
      expect(stored.events()).toEqual([
        {
          source: 'mastodon',
          remoteId: status.uri,
          url: status.url,
          authorHandle: `rina@127.0.0.1:${port}`,
          authorName: 'Rina',
          text: 'ঈদ মোবারক #eid',
          langs: ['bn'],
          tags: ['eid'],
          postedAt: '2024-05-01T10:00:00.000Z',
        },
      ]);
      expect(requests[2]!.query.get('limit')).toBe('40');
    } finally {
      for (const s of sources.splice(0)) await s.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

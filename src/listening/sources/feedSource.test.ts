// The feed source against feed files served by a local HTTP server that answers conditional requests
// as web servers do (ETag, Last-Modified, 304): entries added after the start arrive once, a restart
// from the stored cursor reads only what is new, an unchanged feed costs a 304, and a feed on a
// private address is refused unless allowed.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningSource } from '../listeningEvent.ts';
import { type FeedSourceOptions, feedSource, parseFeedCursor } from './feedSource.ts';
import { recordingSink, waitUntil } from './recordingSink.ts';

const TEST_FEEDS = fileURLToPath(new URL('../../networks/rss/testFeeds/', import.meta.url));

let folder: string;
let server: http.Server;
let base: string;
const requests: { path: string; ifNoneMatch?: string; status: number }[] = [];
const sources: ListeningSource[] = [];

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kolorob-feeds-'));
  await fs.copyFile(path.join(TEST_FEEDS, 'rss2.xml'), path.join(folder, 'rss2.xml'));
  server = http.createServer(async (request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://x').pathname);
    const ifNoneMatch = request.headers['if-none-match'];
    const answer = (status: number, headers: http.OutgoingHttpHeaders = {}, body?: Buffer) => {
      requests.push({ path: name, ...(ifNoneMatch ? { ifNoneMatch } : {}), status });
      response.writeHead(status, headers);
      response.end(body);
    };
    let body: Buffer;
    let modified: Date;
    try {
      body = await fs.readFile(path.join(folder, name));
      modified = (await fs.stat(path.join(folder, name))).mtime;
    } catch {
      answer(404);
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const validators = { etag, 'last-modified': modified.toUTCString() };
    if (ifNoneMatch === etag) answer(304, validators);
    else answer(200, { ...validators, 'content-type': 'application/atom+xml; charset=utf-8' }, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const source of sources.splice(0)) await source.stop();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fs.rm(folder, { recursive: true, force: true });
});

interface Entry {
  id: string;
  title: string;
  html: string;
  published: string;
}

function entry(n: number): Entry {
  return {
    id: `urn:uuid:kolorob-entry-${n}`,
    title: `বার্তা ${n}`,
    html: `<p>Entry <b>${n}</b> &amp; more</p>`,
    published: new Date(Date.UTC(2024, 2, 1, 8, n)).toISOString(),
  };
}

/** Writes an Atom feed of the entries, newest first as feeds list them. */
async function writeAtom(file: string, entries: Entry[]): Promise<void> {
  const items = [...entries]
    .sort((a, b) => b.published.localeCompare(a.published))
    .map(
      (e) => `  <entry>
    <id>${e.id}</id>
    <title>${e.title}</title>
    <link href="https://news.example/${e.id.split('-').pop()}"/>
    <published>${e.published}</published>
    <content type="html">${e.html.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</content>
  </entry>`,
    )
    .join('\n');
  await fs.writeFile(
    path.join(folder, file),
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Padma News</title>
  <link href="https://news.example/"/>
  <id>urn:uuid:padma-news</id>
  <updated>2024-03-01T09:00:00Z</updated>
${items}
</feed>
`,
  );
}

function source(file: string, options: Partial<FeedSourceOptions> = {}): ListeningSource {
  const created = feedSource({
    feedUrl: `${base}/${file}`,
    allowPrivate: true,
    pollIntervalMs: 100,
    retry: { initialMs: 50, maxMs: 200 },
    onError: () => undefined,
    ...options,
  });
  sources.push(created);
  return created;
}

const idsOf = (events: { remoteId: string }[]) => events.map((e) => e.remoteId);

describe('Feed source', () => {
  it('hands out entries added after the start, once each, and asks conditionally in between', async () => {
    await writeAtom('grow.xml', [entry(1), entry(2)]);
    const stored = recordingSink();
    const feed = source('grow.xml');
    expect(feed.name).toBe(`rss:${base}/grow.xml`);
    await feed.start(stored.sink, undefined);

    // The first reading only notes what the feed already holds.
    await stored.waitFor(() => stored.batches.length === 1, 'the starting position');
    expect(stored.batches[0]!.events).toEqual([]);
    const start = parseFeedCursor(stored.cursor())!;
    expect(start.seen).toEqual([entry(1).id, entry(2).id]);
    expect(start.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(start.lastModified).toBeDefined();
    await waitUntil(() => requests.some((r) => r.path === 'grow.xml' && r.status === 304), 'a 304');

    await writeAtom('grow.xml', [entry(1), entry(2), entry(3), entry(4)]);
    await stored.waitFor(() => stored.events().length >= 2, 'the two new entries');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idsOf(stored.events())).toEqual([entry(3).id, entry(4).id]);
    expect(stored.events()[0]).toEqual({
      source: 'rss',
      remoteId: entry(3).id,
      url: 'https://news.example/3',
      authorHandle: new URL(base).host,
      authorName: 'Padma News',
      text: 'বার্তা 3\n\nEntry 3 & more',
      urls: ['https://news.example/3'],
      postedAt: entry(3).published,
    });
    // An unchanged feed makes no batches: two so far, the start and the new entries.
    expect(stored.batches).toHaveLength(2);
  });

  it('resumes from the stored cursor: only entries not read before arrive', async () => {
    await writeAtom('resume.xml', [entry(1), entry(2)]);
    const stored = recordingSink();
    const first = source('resume.xml');
    await first.start(stored.sink, undefined);
    await stored.waitFor(() => stored.batches.length === 1, 'the starting position');
    await writeAtom('resume.xml', [entry(1), entry(2), entry(3)]);
    await stored.waitFor(() => stored.events().length === 1, 'entry 3');
    await first.stop();

    // While stopped, the feed drops its oldest entry and gains two.
    await writeAtom('resume.xml', [entry(2), entry(3), entry(4), entry(5)]);
    const cursor = stored.cursor()!;
    const before = requests.length;
    await source('resume.xml').start(stored.sink, cursor);
    await stored.waitFor(() => stored.events().length >= 3, 'entries 4 and 5');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idsOf(stored.events())).toEqual([entry(3).id, entry(4).id, entry(5).id]);
    // The restart sent the stored validator with its first request.
    const afterRestart = requests.slice(before).find((r) => r.path === 'resume.xml');
    expect(afterRestart?.ifNoneMatch).toBe(parseFeedCursor(cursor)!.etag);
    // Ids the feed no longer holds are kept too, up to the limit.
    expect(parseFeedCursor(stored.cursor())!.seen).toEqual([1, 2, 3, 4, 5].map((n) => entry(n).id));
  });

  it('keeps the ids of every entry the feed holds even past the limit', async () => {
    await writeAtom('many.xml', [1, 2, 3, 4, 5, 6].map(entry));
    const stored = recordingSink();
    await source('many.xml', { seenLimit: 3 }).start(stored.sink, JSON.stringify({ seen: [entry(1).id] }));
    await stored.waitFor(() => stored.events().length === 5, 'five entries');
    await writeAtom('many.xml', [3, 4, 5, 6, 7].map(entry));
    await stored.waitFor(() => stored.events().length === 6, 'entry 7');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idsOf(stored.events())).toEqual([2, 3, 4, 5, 6, 7].map((n) => entry(n).id));
    expect(parseFeedCursor(stored.cursor())!.seen).toEqual([3, 4, 5, 6, 7].map((n) => entry(n).id));
  });

  it('reads an RSS 2.0 file, counting an entry the feed lists twice once', async () => {
    const stored = recordingSink();
    await source('rss2.xml').start(stored.sink, JSON.stringify({ seen: [] }));
    await stored.waitFor(() => stored.events().length > 0, 'the entries');
    const ids = idsOf(stored.events());
    expect(ids).toContain('medialab-post-101');
    expect(new Set(ids).size).toBe(ids.length);
    const planning = stored.events().find((e) => e.remoteId === 'medialab-post-101')!;
    expect(planning.text).not.toMatch(/evil script|<p>/);
    expect(planning.authorName).toBe('Dhaka Media Lab & Friends');
  });

  it('refuses a feed on a private address unless that is allowed', async () => {
    await writeAtom('private.xml', [entry(1)]);
    const errors: Error[] = [];
    const stored = recordingSink();
    await source('private.xml', { allowPrivate: false, onError: (e) => errors.push(e) }).start(
      stored.sink,
      undefined,
    );
    await waitUntil(() => errors.length > 0, 'the refusal');
    expect(errors[0]!.message).toMatch(/private|local/i);
    expect(stored.batches).toEqual([]);
    expect(requests.some((r) => r.path === 'private.xml')).toBe(false);
  });
});

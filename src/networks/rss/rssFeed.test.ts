// Fetching feeds from a real HTTP server on 127.0.0.1 serving the feed files beside this test: RSS 2.0,
// Atom, RDF and JSON Feed become plain-text article items; conditional requests answer "not modified";
// private addresses, redirects to them, pages that are not feeds and oversized bodies are refused with
// sentences a person can act on.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { FEED_MAX_BYTES, type FeedResult, fetchFeed } from './rssFeed.ts';

const feedFile = (name: string) => readFileSync(new URL(`./testFeeds/${name}`, import.meta.url));

const ETAG = '"rss-v1"';
const LAST_MODIFIED = 'Tue, 05 Mar 2024 09:00:00 GMT';

let server: http.Server;
let base: string;
const requests: { url: string; headers: http.IncomingHttpHeaders }[] = [];

function serve(request: http.IncomingMessage, response: http.ServerResponse) {
  requests.push({ url: request.url ?? '', headers: request.headers });
  const path = request.url ?? '/';
  const send = (type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    response.writeHead(200, { 'content-type': type, ...headers });
    response.end(body);
  };
  switch (path) {
    case '/rss.xml': {
      const etagMatches = request.headers['if-none-match'] === ETAG;
      const since = request.headers['if-modified-since'];
      const unchangedSince = since !== undefined && Date.parse(since) >= Date.parse(LAST_MODIFIED);
      if (etagMatches || (request.headers['if-none-match'] === undefined && unchangedSince)) {
        response.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
        return response.end();
      }
      return send('application/rss+xml; charset=utf-8', feedFile('rss2.xml'), {
        etag: ETAG,
        'last-modified': LAST_MODIFIED,
      });
    }
    case '/atom.xml':
      return send('application/atom+xml', feedFile('atom.xml'));
    case '/rdf.xml':
      return send('application/rdf+xml', feedFile('rdf.xml'));
    case '/feed.json':
      return send('application/feed+json', feedFile('feed.json'));
    case '/page.html':
      return send('text/html', feedFile('not-a-feed.html'));
    case '/moved':
      response.writeHead(301, { location: '/rss.xml' });
      return response.end();
    case '/to-metadata':
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return response.end();
    case '/missing':
      response.writeHead(404);
      return response.end('gone');
    case '/huge-chunked': {
      // No Content-Length: the limit has to hold while reading.
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent <= FEED_MAX_BYTES + chunk.length) {
          sent += chunk.length;
          if (!response.write(chunk)) return response.once('drain', pump);
        }
        response.end();
      };
      response.on('error', () => {});
      return pump();
    }
    case '/huge-declared':
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        'content-length': String(FEED_MAX_BYTES + 1),
      });
      response.on('error', () => {});
      return response.write('<rss>');
    default: {
      const loop = /^\/loop\/(\d+)$/.exec(path);
      if (loop) {
        response.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
        return response.end();
      }
      response.writeHead(404);
      return response.end();
    }
  }
}

beforeAll(async () => {
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allowed = { allowPrivate: true };

async function fetched(path: string, validators = {}): Promise<Extract<FeedResult, { notModified: false }>> {
  const result = await fetchFeed(`${base}${path}`, validators, allowed);
  if (result.notModified) throw new Error('expected a feed, got "not modified"');
  return result;
}

async function refusal(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('reading feeds', () => {
  it('reads an RSS 2.0 feed into plain-text articles, newest first, with its validators', async () => {
    const feed = await fetched('/rss.xml');
    expect(feed.title).toBe('Dhaka Media Lab & Friends');
    expect(feed.siteUrl).toBe('https://medialab.example/');
    expect(feed.etag).toBe(ETAG);
    expect(feed.lastModified).toBe(LAST_MODIFIED);
    const author = {
      handle: new URL(base).host,
      displayName: 'Dhaka Media Lab & Friends',
      url: 'https://medialab.example/',
    };
    expect(feed.items[0]).toEqual({
      id: 'medialab-post-101',
      network: 'rss',
      kind: 'article',
      url: 'https://medialab.example/posts/planning-a-week',
      title: 'Planning a week of posts',
      text: 'Start with three ideas & one photo. Then write… and schedule — done.',
      author,
      createdAt: '2024-03-04T08:30:00.000Z',
    });
    expect(feed.items[1]).toMatchObject({
      id: 'https://medialab.example/posts/hashtags',
      title: 'Older note about হ্যাশট্যাগ',
      text: 'Hashtags in Bengali work well.',
      createdAt: '2024-03-01T12:00:00.000Z',
    });
  });

  it('keeps only http(s) links and gives entries without guid or link an id from title and date', async () => {
    const feed = await fetched('/rss.xml');
    const scriptLink = feed.items.find((item) => item.id === 'medialab-post-99');
    expect(scriptLink?.url).toBe('https://medialab.example/');
    const anonymous = feed.items.at(-1);
    expect(anonymous?.title).toBe('An entry with neither guid nor link');
    expect(anonymous?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await fetched('/rss.xml')).items.at(-1)?.id).toBe(anonymous?.id);
  });

  it('collapses entries the feed repeats', async () => {
    const feed = await fetched('/rss.xml');
    const ids = feed.items.map((item) => item.id);
    expect(ids.filter((id) => id === 'medialab-post-101')).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(feed.items).toHaveLength(4);
  });

  it('never lets script or style contents into the text', async () => {
    const text = JSON.stringify([(await fetched('/rss.xml')).items, (await fetched('/atom.xml')).items]);
    expect(text).not.toMatch(/script|evil|cookie|trackReader|color: red|<\/?[a-z]/i);
  });

  it('reads an Atom feed, resolving relative links against the feed', async () => {
    const feed = await fetched('/atom.xml');
    expect(feed.title).toBe('Chittagong Creators');
    expect(feed.siteUrl).toBe('https://creators.example/');
    expect(feed.items.map((item) => item.id)).toEqual([
      'tag:creators.example,2024:live-video',
      'tag:creators.example,2024:captions',
    ]);
    expect(feed.items[0]).toMatchObject({
      title: 'Live video tips',
      text: 'Before you go live Check the light, then the sound.',
      url: `${base}/2024/live-video`,
      createdAt: '2024-04-01T09:00:00.000Z',
      author: { displayName: 'Chittagong Creators', url: 'https://creators.example/' },
    });
    expect(feed.items[1]).toMatchObject({
      text: 'Most people watch without sound.',
      url: 'https://creators.example/2024/captions',
    });
  });

  it('reads RDF (RSS 1.0) and JSON Feed', async () => {
    const rdf = await fetched('/rdf.xml');
    expect(rdf.title).toBe('Sylhet Tea Notes');
    expect(rdf.items).toEqual([
      expect.objectContaining({
        id: 'https://sylhet.example/first-flush',
        text: 'The season starts in March.',
        createdAt: '2024-03-10T06:00:00.000Z',
      }),
    ]);
    const json = await fetched('/feed.json');
    expect(json.siteUrl).toBe('https://photowalks.example/');
    expect(json.items).toEqual([
      expect.objectContaining({
        id: 'walk-7',
        title: 'Walk seven',
        text: 'Meet at the river at six. Bring water.',
        createdAt: '2024-05-01T00:00:00.000Z',
      }),
    ]);
  });

  it('names Kolorob in the User-Agent', async () => {
    requests.length = 0;
    await fetched('/atom.xml');
    expect(requests[0]?.headers['user-agent']).toMatch(/Kolorob/);
  });
});

describe('conditional requests', () => {
  it('answers "not modified" when the ETag still matches', async () => {
    requests.length = 0;
    expect(await fetchFeed(`${base}/rss.xml`, { etag: ETAG }, allowed)).toEqual({ notModified: true });
    expect(requests[0]?.headers['if-none-match']).toBe(ETAG);
  });

  it('answers "not modified" when nothing changed since Last-Modified', async () => {
    requests.length = 0;
    const result = await fetchFeed(`${base}/rss.xml`, { lastModified: LAST_MODIFIED }, allowed);
    expect(result).toEqual({ notModified: true });
    expect(requests[0]?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('reads the feed again when the validators are stale', async () => {
    const feed = await fetched('/rss.xml', { etag: '"rss-v0"' });
    expect(feed.items.length).toBeGreaterThan(0);
  });
});

describe('refusals', () => {
  it('refuses a private address unless the operator allows it', async () => {
    const error = await refusal(fetchFeed(`${base}/rss.xml`, {}, { allowPrivate: false }));
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/private or local network address \(127\.0\.0\.1\)/);
    expect(error.message).toMatch(/KOLOROB_ALLOW_PRIVATE_FETCH/);
  });

  it('follows redirects, checking each address: a redirect to a private address is refused', async () => {
    expect((await fetched('/moved')).title).toBe('Dhaka Media Lab & Friends');

    // A public address (TEST-NET-3) whose requests the fetch sends to the local server instead, so the
    // first hop passes the check and only the redirect points inward.
    const asked: string[] = [];
    const viaLocalServer: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      asked.push(url.href);
      if (url.hostname !== '203.0.113.10') throw new Error(`unexpected request to ${url.href}`);
      return fetch(`${base}${url.pathname}`, init);
    };
    const error = await refusal(
      fetchFeed('http://203.0.113.10/to-metadata', {}, { allowPrivate: false, fetchImpl: viaLocalServer }),
    );
    expect(error.message).toMatch(/169\.254\.169\.254.*private or local network address/);
    expect(asked).toEqual(['http://203.0.113.10/to-metadata']);
  });

  it('stops after five redirects', async () => {
    const error = await refusal(fetchFeed(`${base}/loop/0`, {}, allowed));
    expect(error.message).toBe(
      `The address ${base}/loop/0 redirected more than 5 times; use the feed's final address.`,
    );
  });

  it('refuses a page that is not a feed with a sentence', async () => {
    const error = await refusal(fetchFeed(`${base}/page.html`, {}, allowed));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(`The address ${base}/page.html did not answer with a feed (RSS or Atom).`);
  });

  it('says when there is no feed at the address', async () => {
    const error = await refusal(fetchFeed(`${base}/missing`, {}, allowed));
    expect(error.message).toBe(`There is no feed at ${base}/missing (the server answered 404 (Not Found)).`);
  });

  it('refuses bodies over 5 MB, whether declared or only found while reading', async () => {
    for (const path of ['/huge-chunked', '/huge-declared']) {
      const error = await refusal(fetchFeed(`${base}${path}`, {}, allowed));
      expect(error.message).toBe(
        `The feed at ${base}${path} is larger than 5 MB, which Kolorob does not read.`,
      );
    }
  });

  it('says which server it could not reach', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(fetchFeed(`http://127.0.0.1:${port}/feed.xml`, {}, allowed));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`Could not reach 127.0.0.1:${port}: ECONNREFUSED.`);
  });
});

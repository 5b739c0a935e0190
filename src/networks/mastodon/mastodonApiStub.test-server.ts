// A small server that answers like Mastodon (docs.joinmastodon.org, API v4) for what snac2 does not
// offer: status deletion, /api/v2/instance, the Idempotency-Key replay, asynchronous media processing,
// JSON errors and rate limiting. Tests only; everything snac2 does offer is tested against snac2.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubStatus {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  content: string;
  url: string;
  uri: string;
  visibility: string;
  account: StubAccount;
  media_attachments: StubMedia[];
}

interface StubAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  avatar: string;
  url: string;
}

interface StubMedia {
  id: string;
  type: 'image';
  url: string | null;
  preview_url: string | null;
  description: string | null;
}

export interface CannedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MastodonApiStub {
  instanceUrl: string;
  accessToken: string;
  /** Statuses as the server holds them, including the source text Mastodon keeps. */
  statuses: Map<string, StubStatus & { text: string }>;
  /** How many requests each `METHOD path` received. */
  requests: string[];
  /** The next request to this route gets this answer instead of the real one. */
  answerNext(route: string, answer: CannedAnswer): void;
  /** The next status create is carried out but its answer is lost (the connection is cut). */
  loseNextCreateAnswer(): void;
  /** Media uploads stay "processing" for this many GET /api/v1/media/:id polls. */
  mediaProcessingPolls: number;
  /** Omit /api/v2/instance, as servers before Mastodon 4.0 do. */
  v2Instance: boolean;
  close(): Promise<void>;
}

export async function startMastodonApiStub(): Promise<MastodonApiStub> {
  const accessToken = randomUUID();
  const statuses = new Map<string, StubStatus & { text: string }>();
  const media = new Map<string, StubMedia & { pollsLeft: number }>();
  const idempotency = new Map<string, string>();
  const canned = new Map<string, CannedAnswer>();
  const requests: string[] = [];
  let loseCreate = false;
  let nextId = 110_000_000_000_000_000n;
  const newId = () => {
    nextId += 1n;
    return nextId.toString();
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname}`;
    requests.push(route);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      // A string is sent as it is, for error pages that are not JSON.
      res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    };

    const answer = canned.get(route) ?? canned.get(`${method} *`);
    if (answer) {
      canned.delete(canned.has(route) ? route : `${method} *`);
      return send(answer.status, answer.body, answer.headers);
    }

    const origin = `http://${req.headers.host}`;
    const account: StubAccount = {
      id: '109000000000000001',
      username: 'alice',
      acct: 'alice',
      display_name: 'Alice',
      avatar: `${origin}/avatars/alice.png`,
      url: `${origin}/@alice`,
    };

    if (route === 'GET /api/v2/instance' && !stub.v2Instance) return send(404, { error: 'Record not found' });
    if (route === 'GET /api/v2/instance') {
      return send(200, {
        domain: req.headers.host,
        version: '4.3.0',
        configuration: {
          urls: { streaming: `ws://${req.headers.host}` },
          statuses: { max_characters: 5000, max_media_attachments: 4, characters_reserved_per_url: 23 },
          media_attachments: { supported_mime_types: ['image/png', 'image/jpeg'] },
        },
      });
    }
    if (route === 'GET /api/v1/instance') {
      return send(200, { uri: req.headers.host, version: '3.5.0', max_toot_chars: 1000, configuration: {} });
    }

    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return send(401, { error: 'The access token is invalid' });
    }

    if (route === 'GET /api/v1/accounts/verify_credentials') return send(200, account);

    if (route === 'POST /api/v2/media') {
      const form = await new Request('http://stub/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob) || file.size === 0)
        return send(422, { error: 'Validation failed: File is invalid' });
      const id = newId();
      const item: StubMedia & { pollsLeft: number } = {
        id,
        type: 'image',
        url: null,
        preview_url: `${origin}/media/${id}/small.png`,
        description: (form.get('description') as string | null) ?? null,
        pollsLeft: stub.mediaProcessingPolls,
      };
      media.set(id, item);
      if (item.pollsLeft === 0) {
        item.url = `${origin}/media/${id}/original.png`;
        return send(200, publicMedia(item));
      }
      // Large or video files are processed after the answer: 202 with url null (docs: POST /api/v2/media).
      return send(202, publicMedia(item));
    }

    const mediaMatch = /^\/api\/v1\/media\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && mediaMatch) {
      const item = media.get(decodeURIComponent(mediaMatch[1]!));
      if (!item) return send(404, { error: 'Record not found' });
      if (item.pollsLeft > 0) {
        item.pollsLeft -= 1;
        return send(206, publicMedia(item));
      }
      item.url = `${origin}/media/${item.id}/original.png`;
      return send(200, publicMedia(item));
    }

    if (route === 'POST /api/v1/statuses') {
      const key = req.headers['idempotency-key'];
      const replayId = typeof key === 'string' ? idempotency.get(key) : undefined;
      const replay = replayId && statuses.get(replayId);
      if (replay) return send(200, publicStatus(replay));
      const body = JSON.parse(raw.toString('utf8') || '{}') as {
        status?: string;
        media_ids?: string[];
        in_reply_to_id?: string;
        visibility?: string;
      };
      const text = body.status ?? '';
      const mediaIds = body.media_ids ?? [];
      if (text.trim() === '' && mediaIds.length === 0)
        return send(422, { error: "Validation failed: Text can't be blank" });
      if ([...new Intl.Segmenter().segment(text)].length > 5000) {
        return send(422, { error: 'Validation failed: Text character limit of 5000 exceeded' });
      }
      const attached: StubMedia[] = [];
      for (const id of mediaIds) {
        const item = media.get(id);
        if (!item) return send(422, { error: 'Validation failed: Media attachments is invalid' });
        if (!item.url)
          return send(422, {
            error: 'Cannot attach files that have not finished processing. Try again in a moment!',
          });
        attached.push(publicMedia(item));
      }
      if (body.in_reply_to_id && !statuses.has(body.in_reply_to_id))
        return send(404, { error: 'Record not found' });
      const id = newId();
      const status = {
        id,
        created_at: new Date().toISOString(),
        in_reply_to_id: body.in_reply_to_id ?? null,
        content: renderContent(text),
        text,
        url: `${origin}/@alice/${id}`,
        uri: `${origin}/users/alice/statuses/${id}`,
        visibility: body.visibility ?? 'public',
        account,
        media_attachments: attached,
      };
      statuses.set(id, status);
      if (typeof key === 'string') idempotency.set(key, id);
      if (loseCreate) {
        loseCreate = false;
        req.socket.destroy();
        return;
      }
      return send(200, publicStatus(status));
    }

    const statusMatch = /^\/api\/v1\/statuses\/([^/]+)$/.exec(url.pathname);
    if (statusMatch) {
      const status = statuses.get(decodeURIComponent(statusMatch[1]!));
      if (!status) return send(404, { error: 'Record not found' });
      if (method === 'GET') return send(200, publicStatus(status));
      if (method === 'DELETE') {
        statuses.delete(status.id);
        // Docs: "Returns: Status with source text and poll or media_attachments", for redrafting.
        return send(200, { ...publicStatus(status), text: status.text });
      }
    }

    const accountStatuses = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(url.pathname);
    if (method === 'GET' && accountStatuses) {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
      const maxId = url.searchParams.get('max_id');
      const page = [...statuses.values()]
        .filter((status) => !maxId || BigInt(status.id) < BigInt(maxId))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      const last = page[page.length - 1];
      const headers: Record<string, string> = last
        ? { link: `<${origin}${url.pathname}?max_id=${last.id}>; rel="next"` }
        : {};
      return send(200, page.map(publicStatus), headers);
    }

    send(404, { error: 'Record not found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub: MastodonApiStub = {
    instanceUrl: `http://127.0.0.1:${port}`,
    accessToken,
    statuses,
    requests,
    mediaProcessingPolls: 0,
    v2Instance: true,
    answerNext(route, answer) {
      canned.set(route, answer);
    },
    loseNextCreateAnswer() {
      loseCreate = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return stub;
}

function publicMedia(item: StubMedia): StubMedia {
  return {
    id: item.id,
    type: item.type,
    url: item.url,
    preview_url: item.preview_url,
    description: item.description,
  };
}

/** Mastodon returns the source text only when deleting; everywhere else, rendered HTML. */
function publicStatus(status: StubStatus & { text?: string }): StubStatus {
  const { text: _source, ...rest } = status;
  return rest;
}

function renderContent(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br />')}</p>`)
    .join('');
}

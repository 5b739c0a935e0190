// A small server that answers like Mastodon (docs.joinmastodon.org, API v4) for what snac2 does not
// offer: status deletion, /api/v2/instance, the Idempotency-Key replay, asynchronous media processing,
// JSON errors and rate limiting; and, for Streams and Lists, reblogs with their own ids, every kind of
// notification, list renaming, Mastodon's rule that list members must be followed, remote accounts
// found only by resolving search, and servers without status search (streamsStub.* below). Tests only;
// everything snac2 does offer is tested against snac2.
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
  spoiler_text?: string;
  in_reply_to_account_id?: string | null;
  /** A reblog is a status of its own (own id, the booster's account) wrapping the original. */
  reblog?: StubStatus | null;
}

export interface StubAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  avatar: string;
  url: string;
  note?: string;
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
  /** Other accounts, timelines, notifications and lists, for the stream reader. */
  streams: StubStreams;
  close(): Promise<void>;
}

export interface StubNotification {
  id: string;
  type: string;
  created_at: string;
  account: StubAccount;
  status: StubStatus | null;
}

export interface StubList {
  id: string;
  title: string;
  /** Account ids. */
  members: string[];
}

export interface StubStreams {
  /** The reading account (alice). */
  ownAccountId: string;
  /** Other accounts by id. `locked` ones answer a follow with a request; `known: false` ones are found only by a resolving search. */
  accounts: Map<string, StubAccount & { locked: boolean; known: boolean }>;
  /** Newest first, as the server would send them. */
  home: StubStatus[];
  notifications: StubNotification[];
  /** Hashtag (lower case, no #) → statuses, newest first. */
  tags: Map<string, StubStatus[]>;
  lists: Map<string, StubList>;
  following: Set<string>;
  requested: Set<string>;
  favourited: Set<string>;
  reblogged: Set<string>;
  /** Answer /api/v2/search (Mastodon 2.4+); off for servers without it. */
  v2Search: boolean;
  /** Answer every page as the first, as a server that ignores max_id would. */
  ignoreMaxId: boolean;
  addAccount(
    username: string,
    options?: { domain?: string; displayName?: string; note?: string; locked?: boolean; known?: boolean },
  ): StubAccount;
  /** A status by another account, known to the server (GET /api/v1/statuses/:id finds it). */
  addStatus(accountId: string, text: string, extra?: Partial<StubStatus>): StubStatus;
  /** A reblog of `original` by `boosterId`, with its own id. */
  addReblog(boosterId: string, original: StubStatus): StubStatus;
  notify(type: string, accountId: string, status?: StubStatus): StubNotification;
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

    if (streamsRoute({ method, url, raw, origin, send, streams: stub.streams })) return;

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
  const instanceUrl = `http://127.0.0.1:${port}`;
  const stub: MastodonApiStub = {
    instanceUrl,
    accessToken,
    statuses,
    requests,
    mediaProcessingPolls: 0,
    v2Instance: true,
    streams: createStubStreams(instanceUrl, newId),
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

interface StreamsRequest {
  method: string;
  url: URL;
  raw: Buffer;
  origin: string;
  send: (status: number, body: unknown, headers?: Record<string, string>) => void;
  streams: StubStreams;
}

function createStubStreams(instanceUrl: string, newId: () => string): StubStreams {
  const others = new Map<string, StubStatus>();
  const streams: StubStreams & { others: Map<string, StubStatus> } = {
    ownAccountId: '109000000000000001',
    accounts: new Map(),
    home: [],
    notifications: [],
    tags: new Map(),
    lists: new Map(),
    following: new Set(),
    requested: new Set(),
    favourited: new Set(),
    reblogged: new Set(),
    v2Search: true,
    ignoreMaxId: false,
    others,
    addAccount(username, options = {}) {
      const id = newId();
      const domain = options.domain;
      const account = {
        id,
        username,
        acct: domain ? `${username}@${domain}` : username,
        display_name: options.displayName ?? '',
        avatar: `${domain ? `https://${domain}` : instanceUrl}/avatars/${username}.png`,
        url: domain ? `https://${domain}/@${username}` : `${instanceUrl}/@${username}`,
        note: options.note ?? '',
        locked: options.locked ?? false,
        known: options.known ?? true,
      };
      streams.accounts.set(id, account);
      return account;
    },
    addStatus(accountId, text, extra = {}) {
      const account = streams.accounts.get(accountId);
      if (!account) throw new Error(`No stub account ${accountId}`);
      const id = newId();
      const status: StubStatus = {
        id,
        created_at: new Date().toISOString(),
        in_reply_to_id: null,
        content: renderContent(text),
        url: `${account.url}/${id}`,
        uri: `${account.url}/statuses/${id}`,
        visibility: 'public',
        account: publicAccount(account),
        media_attachments: [],
        ...extra,
      };
      others.set(id, status);
      return status;
    },
    addReblog(boosterId, original) {
      const booster = streams.accounts.get(boosterId);
      if (!booster) throw new Error(`No stub account ${boosterId}`);
      const id = newId();
      // Docs (Status entity): a reblog has its own id and uri, empty content, and `reblog` set.
      const status: StubStatus = {
        id,
        created_at: new Date().toISOString(),
        in_reply_to_id: null,
        content: '',
        url: `${booster.url}/${id}`,
        uri: `${booster.url}/statuses/${id}/activity`,
        visibility: 'public',
        account: publicAccount(booster),
        media_attachments: [],
        reblog: original,
      };
      others.set(id, status);
      return status;
    },
    notify(type, accountId, status) {
      const account = streams.accounts.get(accountId);
      if (!account) throw new Error(`No stub account ${accountId}`);
      const notification: StubNotification = {
        id: newId(),
        type,
        created_at: new Date().toISOString(),
        account: publicAccount(account),
        status: status ?? null,
      };
      streams.notifications.unshift(notification);
      return notification;
    },
  };
  return streams;
}

function publicAccount(account: StubAccount & { locked?: boolean; known?: boolean }): StubAccount {
  const { locked: _locked, known: _known, ...rest } = account;
  return rest;
}

/** The Streams and Lists endpoints; true when the request was one of them and has been answered. */
function streamsRoute(request: StreamsRequest): boolean {
  const { method, url, raw, send, streams } = request;
  const path = url.pathname;
  const others = (streams as StubStreams & { others: Map<string, StubStatus> }).others;
  const notFound = () => {
    send(404, { error: 'Record not found' });
    return true;
  };
  const body = () => {
    const text = raw.toString('utf8');
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const render = (status: StubStatus): unknown => ({
    ...status,
    replies_count: 0,
    reblogs_count: streams.reblogged.has(status.id) ? 1 : 0,
    favourites_count: streams.favourited.has(status.id) ? 1 : 0,
    favourited: streams.favourited.has(status.id),
    reblogged: streams.reblogged.has(status.id),
    reblog: status.reblog ? render(status.reblog) : null,
  });
  const page = <T extends { id: string }>(entries: T[], show: (entry: T) => unknown) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
    const maxId = streams.ignoreMaxId ? null : url.searchParams.get('max_id');
    const slice = entries.filter((entry) => !maxId || BigInt(entry.id) < BigInt(maxId)).slice(0, limit);
    const last = slice[slice.length - 1];
    const headers: Record<string, string> = last
      ? { link: `<${request.origin}${path}?max_id=${last.id}>; rel="next"` }
      : {};
    send(200, slice.map(show), headers);
    return true;
  };
  const relationship = (id: string) => ({
    id,
    following: streams.following.has(id),
    requested: streams.requested.has(id),
  });
  const accountFor = (id: string) => {
    const account = streams.accounts.get(id);
    return account && publicAccount(account);
  };

  if (method === 'GET' && path === '/api/v1/timelines/home') return page(streams.home, render);
  const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
  if (method === 'GET' && tag) {
    return page(streams.tags.get(decodeURIComponent(tag[1]!).toLowerCase()) ?? [], render);
  }
  const listTimeline = /^\/api\/v1\/timelines\/list\/([^/]+)$/.exec(path);
  if (method === 'GET' && listTimeline) {
    const list = streams.lists.get(decodeURIComponent(listTimeline[1]!));
    if (!list) return notFound();
    return page(
      streams.home.filter((status) => list.members.includes(status.account.id)),
      render,
    );
  }
  if (method === 'GET' && path === '/api/v1/notifications') {
    return page(streams.notifications, (notification) => ({
      ...notification,
      status: notification.status && render(notification.status),
    }));
  }
  if (method === 'GET' && path === '/api/v2/search') {
    if (!streams.v2Search) return notFound();
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const statuses = [...others.values()]
      .filter((status) => !status.reblog && status.content.toLowerCase().includes(q))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
    const maxId = url.searchParams.get('max_id');
    const found = statuses.filter((status) => !maxId || BigInt(status.id) < BigInt(maxId)).slice(0, limit);
    send(200, { accounts: [], statuses: found.map(render), hashtags: [] });
    return true;
  }

  const statusAction = /^\/api\/v1\/statuses\/([^/]+)(?:\/(favourite|unfavourite|reblog|unreblog))?$/.exec(
    path,
  );
  if (statusAction && others.has(decodeURIComponent(statusAction[1]!))) {
    const status = others.get(decodeURIComponent(statusAction[1]!))!;
    const action = statusAction[2];
    if (method === 'GET' && !action) {
      send(200, render(status));
      return true;
    }
    if (method !== 'POST' || !action) return false;
    if (action === 'favourite') streams.favourited.add(status.id);
    if (action === 'unfavourite') streams.favourited.delete(status.id);
    if (action === 'reblog') streams.reblogged.add(status.id);
    if (action === 'unreblog') streams.reblogged.delete(status.id);
    send(200, render(status));
    return true;
  }

  if (path === '/api/v1/lists') {
    if (method === 'GET') {
      send(
        200,
        [...streams.lists.values()].map(({ id, title }) => ({ id, title, replies_policy: 'list' })),
      );
      return true;
    }
    if (method === 'POST') {
      const title = body().title;
      if (typeof title !== 'string' || !title.trim()) {
        send(422, { error: "Validation failed: Title can't be blank" });
        return true;
      }
      const id = String(streams.lists.size + 1 + Math.floor(Math.random() * 1_000_000));
      streams.lists.set(id, { id, title, members: [] });
      send(200, { id, title, replies_policy: 'list', exclusive: false });
      return true;
    }
  }
  const listMatch = /^\/api\/v1\/lists\/([^/]+)(\/accounts)?$/.exec(path);
  if (listMatch) {
    const list = streams.lists.get(decodeURIComponent(listMatch[1]!));
    if (!list) return notFound();
    if (!listMatch[2]) {
      if (method === 'GET') send(200, { id: list.id, title: list.title, replies_policy: 'list' });
      else if (method === 'PUT') {
        const title = body().title;
        if (typeof title === 'string' && title.trim()) list.title = title;
        send(200, { id: list.id, title: list.title, replies_policy: 'list', exclusive: false });
      } else if (method === 'DELETE') {
        streams.lists.delete(list.id);
        send(200, {});
      } else return false;
      return true;
    }
    if (method === 'GET') {
      send(200, list.members.map((id) => accountFor(id)).filter(Boolean));
      return true;
    }
    const fromBody = body().account_ids;
    const accountIds = Array.isArray(fromBody)
      ? fromBody.map(String)
      : url.searchParams.getAll('account_ids[]');
    if (method === 'POST') {
      for (const id of accountIds) {
        // Mastodon (ListAccount): only accounts the owner follows can be listed; each once.
        if (!streams.following.has(id)) return notFound();
        if (list.members.includes(id)) {
          send(422, { error: 'Validation failed: Account has already been taken' });
          return true;
        }
      }
      list.members.push(...accountIds);
      send(200, {});
      return true;
    }
    if (method === 'DELETE') {
      list.members = list.members.filter((id) => !accountIds.includes(id));
      send(200, {});
      return true;
    }
    return false;
  }

  if (method === 'GET' && path === '/api/v1/accounts/relationships') {
    const wanted = url.searchParams.getAll('id[]');
    send(200, wanted.filter((id) => streams.accounts.has(id)).map(relationship));
    return true;
  }
  const follow = /^\/api\/v1\/accounts\/([^/]+)\/follow$/.exec(path);
  if (method === 'POST' && follow) {
    const account = streams.accounts.get(decodeURIComponent(follow[1]!));
    if (!account) return notFound();
    if (account.locked) streams.requested.add(account.id);
    else streams.following.add(account.id);
    send(200, relationship(account.id));
    return true;
  }
  const host = new URL(request.origin).host;
  const absolute = (account: StubAccount) =>
    account.acct.includes('@') ? account.acct : `${account.acct}@${host}`;
  if (method === 'GET' && path === '/api/v1/accounts/lookup') {
    const acct = (url.searchParams.get('acct') ?? '').replace(/^@/, '').toLowerCase();
    const found = [...streams.accounts.values()].find(
      (account) => account.known && (account.acct === acct || absolute(account) === acct),
    );
    if (!found) return notFound();
    send(200, publicAccount(found));
    return true;
  }
  if (method === 'GET' && path === '/api/v1/accounts/search') {
    const q = (url.searchParams.get('q') ?? '').replace(/^@/, '').toLowerCase();
    const resolve = url.searchParams.get('resolve') === 'true';
    const found = [...streams.accounts.values()].filter((account) => {
      // A resolving search asks the account's server (WebFinger), so an exact handle finds anyone.
      if (resolve && absolute(account) === q) account.known = true;
      return (
        account.known &&
        (account.acct.startsWith(q) ||
          account.display_name.toLowerCase().startsWith(q) ||
          absolute(account) === q)
      );
    });
    send(200, found.map(publicAccount));
    return true;
  }
  return false;
}

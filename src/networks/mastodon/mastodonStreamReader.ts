// Streams and Lists on a server that speaks the Mastodon client API: the home timeline, notifications,
// the account's own statuses, list and hashtag timelines and status search, paged with max_id; likes
// (favourites) and reposts (reblogs); the account's lists and their members; finding people.
//
// Everything a network sends as HTML (status content, profile notes) becomes plain text here, so no
// markup from a server ever reaches the web app. Servers differ in what they offer (snac2 has no list
// renaming and no status search without a timeline entry), so refusals that mean "not offered" are
// turned into sentences a person can act on.
import type {
  NetworkActor,
  NetworkList,
  StreamAuthor,
  StreamItem,
  StreamItemKind,
  StreamPage,
} from '../../core/streams/streamTypes.ts';
import { ConnectorError } from '../connector.ts';
import type { PostRef, StreamReader } from '../streamReader.ts';
import { isHttpStatus, MastodonHttpError, type MastodonRequest, mastodonFetch } from './mastodonHttp.ts';
import { plainTextOfContent } from './statusText.ts';

/** Items asked for per page of a timeline. */
const PAGE_LIMIT = 30;
const ACTOR_SEARCH_LIMIT = 20;

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name?: string | null;
  avatar?: string | null;
  url?: string | null;
  note?: string | null;
}

interface MastodonMediaAttachment {
  type: string;
  url?: string | null;
  preview_url?: string | null;
  description?: string | null;
}

export interface MastodonStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  content: string;
  spoiler_text?: string | null;
  account: MastodonAccount;
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  reblog?: MastodonStatus | null;
  media_attachments?: MastodonMediaAttachment[];
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  favourited?: boolean | null;
  reblogged?: boolean | null;
}

export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  account: MastodonAccount;
  status?: MastodonStatus | null;
}

interface MastodonList {
  id: string;
  title: string;
}

interface MastodonRelationship {
  id: string;
  following?: boolean;
  requested?: boolean;
}

interface MastodonSearchResults {
  accounts?: MastodonAccount[];
  statuses?: MastodonStatus[];
}

export interface MastodonStreamReaderOptions {
  /** The server's origin, e.g. `https://mastodon.social`. */
  instanceUrl: string;
  accessToken: string;
  /** The reading account's id, shared with the connection so it is asked for once. */
  ownAccountId: () => Promise<string>;
}

type StatusAction = 'favourite' | 'unfavourite' | 'reblog' | 'unreblog';

export class MastodonStreamReader implements StreamReader {
  private readonly instanceUrl: string;
  private readonly instanceHost: string;
  private readonly accessToken: string;
  private readonly ownAccountId: () => Promise<string>;

  constructor(options: MastodonStreamReaderOptions) {
    this.instanceUrl = options.instanceUrl;
    this.instanceHost = new URL(options.instanceUrl).host;
    this.accessToken = options.accessToken;
    this.ownAccountId = options.ownAccountId;
  }

  home(cursor?: string): Promise<StreamPage> {
    return this.statusPage('/api/v1/timelines/home', cursor);
  }

  async mentions(cursor?: string): Promise<StreamPage> {
    const ownId = await this.ownAccountId();
    const { body, headers } = await this.call<MastodonNotification[]>('/api/v1/notifications', {
      query: { limit: PAGE_LIMIT, max_id: cursor },
    });
    if (ignoredCursor(body, cursor)) return { items: [] };
    const items: StreamItem[] = [];
    for (const notification of body) {
      const item = this.notificationItem(notification, ownId);
      if (item) items.push(item);
    }
    return withCursor(items, nextCursor(body, headers));
  }

  async myPosts(cursor?: string): Promise<StreamPage> {
    const ownId = await this.ownAccountId();
    return this.statusPage(`/api/v1/accounts/${encodeURIComponent(ownId)}/statuses`, cursor);
  }

  listFeed(listId: string, cursor?: string): Promise<StreamPage> {
    return this.statusPage(`/api/v1/timelines/list/${encodeURIComponent(listId)}`, cursor);
  }

  async search(query: string, cursor?: string): Promise<StreamPage> {
    const trimmed = query.trim();
    const hashtag = /^#([\p{L}\p{M}\p{N}_]+)$/u.exec(trimmed)?.[1];
    if (hashtag) return this.tagPage(hashtag, cursor);
    let results: MastodonSearchResults;
    try {
      ({ body: results } = await this.call<MastodonSearchResults>('/api/v2/search', {
        query: { q: trimmed, type: 'statuses', resolve: 'false', limit: PAGE_LIMIT, max_id: cursor },
      }));
    } catch (error) {
      if (!isHttpStatus(error, 404, 501)) throw error;
      // A server without /api/v2/search: one word can still be read as a hashtag.
      const word = /^[\p{L}\p{M}\p{N}_]+$/u.exec(trimmed)?.[0];
      if (word) return this.tagPage(word, cursor);
      throw new ConnectorError(
        'rejected',
        `${this.instanceHost} does not offer searching posts by keyword; search for a #hashtag instead.`,
      );
    }
    const statuses = results.statuses ?? [];
    if (ignoredCursor(statuses, cursor)) return { items: [] };
    return withCursor(
      statuses.map((status) => this.statusItem(status)),
      statuses[statuses.length - 1]?.id,
    );
  }

  like(post: PostRef): Promise<void> {
    return this.statusAction(post, 'favourite');
  }

  unlike(post: PostRef): Promise<void> {
    return this.statusAction(post, 'unfavourite');
  }

  repost(post: PostRef): Promise<void> {
    return this.statusAction(post, 'reblog');
  }

  unrepost(post: PostRef): Promise<void> {
    return this.statusAction(post, 'unreblog');
  }

  async lists(): Promise<NetworkList[]> {
    const { body } = await this.call<MastodonList[]>('/api/v1/lists');
    return body.map(networkList);
  }

  // Mastodon lists have a title and no description: the description is accepted so every network
  // takes the same input, but it cannot be stored on the server and reads back as ''.
  async createList(input: { name: string; description: string }): Promise<NetworkList> {
    // Not retried: a second POST would make a second list.
    const { body } = await this.call<MastodonList>(
      '/api/v1/lists',
      { method: 'POST', body: { title: input.name } },
      { retry: false },
    );
    return networkList(body);
  }

  // As with createList, the description has nowhere to go on a Mastodon server.
  async updateList(listId: string, input: { name: string; description: string }): Promise<NetworkList> {
    const path = `/api/v1/lists/${encodeURIComponent(listId)}`;
    try {
      const { body } = await this.call<MastodonList>(path, { method: 'PUT', body: { title: input.name } });
      return networkList(body);
    } catch (error) {
      if (!isHttpStatus(error, 404, 405, 501)) throw error;
      // A 404 either means the list is gone or that the server cannot rename lists (snac2): ask.
      if (!(await this.listExists(listId))) {
        throw new ConnectorError('rejected', `The list no longer exists on ${this.instanceHost}.`);
      }
      throw new ConnectorError(
        'rejected',
        `${this.instanceHost} does not support renaming lists; make a new list with the new name instead.`,
      );
    }
  }

  async deleteList(listId: string): Promise<void> {
    try {
      await this.call(`/api/v1/lists/${encodeURIComponent(listId)}`, { method: 'DELETE' });
    } catch (error) {
      // Already gone is what was asked for.
      if (!isHttpStatus(error, 404)) throw error;
    }
  }

  async listMembers(listId: string): Promise<NetworkActor[]> {
    // limit=0 asks Mastodon for every member at once instead of pages of 40.
    const { body } = await this.call<MastodonAccount[]>(
      `/api/v1/lists/${encodeURIComponent(listId)}/accounts`,
      { query: { limit: 0 } },
    );
    return body.map((account) => this.networkActor(account));
  }

  /**
   * Mastodon only lists accounts the owner follows (or, since 4.x, has asked to follow), and a list
   * feed only ever shows posts that reach the home timeline, on snac2 too. So the account is always
   * followed first — a person adding someone to a list wants to read them — unless it already is.
   */
  async addListMember(listId: string, actorId: string): Promise<void> {
    const relationship = await this.ensureFollowing(actorId);
    try {
      await this.call(`/api/v1/lists/${encodeURIComponent(listId)}/accounts`, {
        method: 'POST',
        body: { account_ids: [actorId] },
      });
    } catch (error) {
      // Mastodon refuses a member who is already there (422, "has already been taken").
      if (isHttpStatus(error, 422) && (await this.isListMember(listId, actorId))) return;
      // Servers before Mastodon 4.2 list only accepted follows, not pending requests.
      if (isHttpStatus(error, 404) && !relationship.following && relationship.requested) {
        throw new ConnectorError(
          'rejected',
          `${this.instanceHost} did not add this person to the list yet: they approve followers by hand, ` +
            'and a follow request has been sent. Add them again once they accept.',
        );
      }
      throw error;
    }
  }

  async removeListMember(listId: string, actorId: string): Promise<void> {
    // Sent in the body: snac2 reads account_ids only from there, and Mastodon accepts both.
    await this.call(`/api/v1/lists/${encodeURIComponent(listId)}/accounts`, {
      method: 'DELETE',
      body: { account_ids: [actorId] },
    });
  }

  async searchActors(query: string): Promise<NetworkActor[]> {
    const { body } = await this.call<MastodonAccount[]>('/api/v1/accounts/search', {
      query: { q: query.trim().replace(/^@/, ''), resolve: 'true', limit: ACTOR_SEARCH_LIMIT },
    });
    return body.map((account) => this.networkActor(account));
  }

  async resolveActor(handle: string): Promise<NetworkActor | undefined> {
    const acct = handle.trim().replace(/^@/, '');
    if (!acct) return undefined;
    try {
      const { body } = await this.call<MastodonAccount>('/api/v1/accounts/lookup', { query: { acct } });
      return this.networkActor(body);
    } catch (error) {
      if (!isHttpStatus(error, 404, 410, 422)) throw error;
    }
    // lookup knows only accounts the server has seen; search with resolve asks the person's server.
    const wanted = this.absoluteHandle(acct).toLowerCase();
    const found = await this.searchActors(acct);
    return found.find((actor) => actor.handle.toLowerCase() === wanted);
  }

  private async statusPage(path: string, cursor?: string): Promise<StreamPage> {
    const { body, headers } = await this.call<MastodonStatus[]>(path, {
      query: { limit: PAGE_LIMIT, max_id: cursor },
    });
    if (ignoredCursor(body, cursor)) return { items: [] };
    return withCursor(
      body.map((status) => this.statusItem(status)),
      nextCursor(body, headers),
    );
  }

  private tagPage(tag: string, cursor?: string): Promise<StreamPage> {
    return this.statusPage(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, cursor);
  }

  private async statusAction(post: PostRef, action: StatusAction): Promise<void> {
    const path = `/api/v1/statuses/${encodeURIComponent(post.id)}`;
    try {
      await this.call(`${path}/${action}`, { method: 'POST' });
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'rejected') throw error;
      // Mastodon repeats an action harmlessly; a server that refuses a repeat has still reached
      // the state asked for, and that counts as done.
      const status = await this.call<MastodonStatus>(path).then(
        (response) => response.body,
        () => undefined,
      );
      if (status && actionDone(status, action)) return;
      if (isHttpStatus(error, 404)) {
        throw new ConnectorError(
          'rejected',
          `${this.instanceHost} does not know this post, so it cannot be ${actionWord(action)}; ` +
            'it may have been deleted, or not have reached this server yet.',
        );
      }
      throw error;
    }
  }

  /** Follows the account unless the reading account already follows it or has asked to. */
  private async ensureFollowing(actorId: string): Promise<MastodonRelationship> {
    const { body } = await this.call<MastodonRelationship[]>(
      `/api/v1/accounts/relationships?${new URLSearchParams({ 'id[]': actorId })}`,
    );
    const known = body.find((entry) => entry.id === actorId);
    if (known?.following || known?.requested) return known;
    try {
      const { body: followed } = await this.call<MastodonRelationship>(
        `/api/v1/accounts/${encodeURIComponent(actorId)}/follow`,
        { method: 'POST' },
      );
      return followed;
    } catch (error) {
      if (!isHttpStatus(error, 404)) throw error;
      throw new ConnectorError(
        'rejected',
        `${this.instanceHost} does not know this person, so they cannot be followed or added to a list; ` +
          'find them by their handle first.',
      );
    }
  }

  private async listExists(listId: string): Promise<boolean> {
    return (await this.lists()).some((list) => list.id === listId);
  }

  private async isListMember(listId: string, actorId: string): Promise<boolean> {
    return (await this.listMembers(listId)).some((member) => member.id === actorId);
  }

  private notificationItem(notification: MastodonNotification, ownId: string): StreamItem | undefined {
    const kind = notificationKind(notification, ownId);
    if (!kind) return undefined;
    const author = this.author(notification.account);
    const status = notification.status ?? undefined;
    if (!status) {
      if (kind !== 'follow') return undefined;
      return {
        id: notification.id,
        network: 'mastodon',
        kind,
        url: author.url,
        text: '',
        author,
        createdAt: notification.created_at,
      };
    }
    // The item is the notification; the post it is about is the status (a reblog's original).
    const post = status.reblog ?? status;
    return {
      ...this.postFields(post),
      id: notification.id,
      kind,
      author,
      createdAt: notification.created_at,
    };
  }

  /** A status of a timeline: for a reblog, the original post, reposted by the booster. */
  private statusItem(status: MastodonStatus): StreamItem {
    const original = status.reblog;
    if (!original) return { ...this.postFields(status), id: status.id, kind: 'post' };
    return {
      ...this.postFields(original),
      id: status.id,
      kind: 'post',
      repostedBy: {
        handle: this.absoluteHandle(status.account.acct),
        displayName: displayName(status.account),
      },
    };
  }

  private postFields(post: MastodonStatus): StreamItem {
    const content = plainTextOfContent(post.content ?? '');
    const warning = post.spoiler_text?.trim();
    const item: StreamItem = {
      id: post.id,
      network: 'mastodon',
      kind: 'post',
      postId: post.id,
      url: post.url || post.uri,
      // A content warning stays in front of the text it warns about.
      text: warning ? `${warning}\n\n${content}` : content,
      author: this.author(post.account),
      createdAt: post.created_at,
      counts: {
        replies: post.replies_count ?? 0,
        reposts: post.reblogs_count ?? 0,
        likes: post.favourites_count ?? 0,
      },
    };
    if (post.in_reply_to_id) item.inReplyTo = { id: post.in_reply_to_id };
    const images = (post.media_attachments ?? [])
      .filter((media) => media.type === 'image' && (media.preview_url || media.url))
      .map((media) => ({ url: (media.preview_url || media.url) as string, alt: media.description ?? '' }));
    if (images.length > 0) item.images = images;
    if (typeof post.favourited === 'boolean' || typeof post.reblogged === 'boolean') {
      item.viewer = { liked: post.favourited === true, reposted: post.reblogged === true };
    }
    return item;
  }

  private author(account: MastodonAccount): StreamAuthor {
    const author: StreamAuthor = {
      id: account.id,
      handle: this.absoluteHandle(account.acct),
      displayName: displayName(account),
      url: account.url || `${this.instanceUrl}/@${account.username}`,
    };
    if (account.avatar) author.avatarUrl = account.avatar;
    return author;
  }

  private networkActor(account: MastodonAccount): NetworkActor {
    const actor: NetworkActor = {
      id: account.id,
      handle: this.absoluteHandle(account.acct),
      displayName: displayName(account),
    };
    if (account.avatar) actor.avatarUrl = account.avatar;
    const note = account.note ? plainTextOfContent(account.note) : '';
    if (note) actor.description = note;
    return actor;
  }

  /** `alice` on this server becomes `alice@host`; remote accounts already carry their host. */
  private absoluteHandle(acct: string): string {
    return absoluteHandle(acct, this.instanceHost);
  }

  /**
   * Every request here can be repeated safely except creating a list, so a connection that fails
   * before any answer (a kept-alive socket the server has just closed) is tried once more.
   */
  private async call<T>(path: string, request: MastodonRequest = {}, options: { retry?: boolean } = {}) {
    const send = () =>
      mastodonFetch<T>(this.instanceUrl, path, { ...request, accessToken: this.accessToken });
    try {
      return await send();
    } catch (error) {
      const beforeAnswer =
        error instanceof ConnectorError &&
        error.kind === 'transient' &&
        !(error instanceof MastodonHttpError);
      if (options.retry === false || !beforeAnswer) throw error;
      return send();
    }
  }
}

export function notificationKind(
  notification: MastodonNotification,
  ownId: string,
): StreamItemKind | undefined {
  switch (notification.type) {
    case 'mention':
      return notification.status?.in_reply_to_account_id === ownId ? 'reply' : 'mention';
    case 'quote':
      return 'quote';
    case 'favourite':
      return 'like';
    case 'reblog':
      return 'repost';
    case 'follow':
    case 'follow_request':
      return 'follow';
    // Someone the account asked to be notified about posted.
    case 'status':
      return 'post';
    default:
      // Polls, edits, reports, moderation notices and emoji reactions have no place in a column.
      return undefined;
  }
}

/** `alice` on the server at `host` becomes `alice@host`; remote accounts already carry their host. */
export function absoluteHandle(acct: string, host: string): string {
  const bare = acct.replace(/^@/, '');
  return bare.includes('@') ? bare : `${bare}@${host}`;
}

function actionDone(status: MastodonStatus, action: StatusAction): boolean {
  if (action === 'favourite') return status.favourited === true;
  if (action === 'unfavourite') return status.favourited === false;
  if (action === 'reblog') return status.reblogged === true;
  return status.reblogged === false;
}

function actionWord(action: StatusAction): string {
  return { favourite: 'liked', unfavourite: 'unliked', reblog: 'reposted', unreblog: 'unreposted' }[action];
}

export function displayName(account: MastodonAccount): string {
  return account.display_name?.trim() || account.username;
}

function networkList(list: MastodonList): NetworkList {
  return { id: list.id, name: list.title, description: '' };
}

/** A server that ignores max_id answers with the cursor's own item again: nothing older can be had. */
function ignoredCursor(entries: { id: string }[], cursor: string | undefined): boolean {
  return cursor !== undefined && entries.some((entry) => entry.id === cursor);
}

/** The Link header's `next` max_id where the server sends one, else the last entry's id. */
function nextCursor(entries: { id: string }[], headers: Headers): string | undefined {
  if (entries.length === 0) return undefined;
  const link = headers.get('link');
  const next = link && /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link)?.[1];
  if (next) {
    try {
      const maxId = new URL(next).searchParams.get('max_id');
      if (maxId) return maxId;
    } catch {
      // A malformed header: fall back to the last entry.
    }
  }
  return entries[entries.length - 1]?.id;
}

function withCursor(items: StreamItem[], cursor: string | undefined): StreamPage {
  return cursor ? { items, cursor } : { items };
}

// What Streams and Lists read and do on a signed-in Bluesky account: the home timeline, notifications,
// the account's own posts, list feeds and post search as StreamItems paged with the AppView's cursors;
// likes and reposts; and the account's curated lists (app.bsky.graph.list) with their members, written
// to the account's own repository.
import {
  type Agent,
  AppBskyEmbedImages,
  AppBskyEmbedRecordWithMedia,
  AppBskyFeedDefs,
  type AppBskyGraphList,
  type AppBskyGraphListitem,
  AtUri,
  XRPCError,
} from '@atproto/api';
import type {
  NetworkActor,
  NetworkList,
  StreamAuthor,
  StreamImage,
  StreamItem,
  StreamPage,
} from '../../core/streams/streamTypes.ts';
import { graphemeLength, utf8Length } from '../../core/textRules/index.ts';
import { ConnectorError } from '../connector.ts';
import type { PostRef, StreamReader } from '../streamReader.ts';
import { toConnectorError } from './blueskyErrors.ts';

const PAGE_LIMIT = 30;
const ACTOR_SEARCH_LIMIT = 20;
/** The most the AppView and PDS hand out (or take) in one request. */
const LIST_PAGE_LIMIT = 100;
export const GET_POSTS_LIMIT = 25;
const APPLY_WRITES_LIMIT = 200;

const POST_COLLECTION = 'app.bsky.feed.post';
const LIST_COLLECTION = 'app.bsky.graph.list';
const LIST_ITEM_COLLECTION = 'app.bsky.graph.listitem';
const CURATE_LIST = 'app.bsky.graph.defs#curatelist';

/** The app.bsky.graph.list lexicon: the name's maxLength counts UTF-8 bytes, the description both. */
const MAX_LIST_NAME_BYTES = 64;
const MAX_LIST_DESCRIPTION_GRAPHEMES = 300;
const MAX_LIST_DESCRIPTION_BYTES = 3000;

/** The account the reader acts as. */
export interface BlueskyAccountRef {
  did: string;
  handle: string;
}

type PostView = AppBskyFeedDefs.PostView;
export type Profile = {
  did: string;
  handle: string;
  displayName?: string;
  avatar?: string;
  description?: string;
};

interface PostRecordFields {
  text: string;
  createdAt?: string;
  reply?: { root?: StrongRef; parent?: StrongRef };
}
interface StrongRef {
  uri: string;
  cid?: string;
}

// ---- Shaping what the AppView answers into StreamItems -------------------------------------------

function profileActor(profile: Profile): string {
  // A handle that no longer resolves is reported as handle.invalid; the DID always works in a link.
  return profile.handle && profile.handle !== 'handle.invalid' ? profile.handle : profile.did;
}

function profileUrl(profile: Profile): string {
  return `https://bsky.app/profile/${profileActor(profile)}`;
}

export function postUrlOf(uri: string, author?: Profile): string {
  const parsed = new AtUri(uri);
  const actor = author && author.did === parsed.host ? profileActor(author) : parsed.host;
  return `https://bsky.app/profile/${actor}/post/${parsed.rkey}`;
}

function authorOf(profile: Profile): StreamAuthor {
  return {
    id: profile.did,
    handle: profile.handle,
    displayName: profile.displayName ?? '',
    ...(profile.avatar ? { avatarUrl: profile.avatar } : {}),
    url: profileUrl(profile),
  };
}

function actorOf(profile: Profile): NetworkActor {
  return {
    id: profile.did,
    handle: profile.handle,
    displayName: profile.displayName ?? '',
    ...(profile.avatar ? { avatarUrl: profile.avatar } : {}),
    ...(profile.description ? { description: profile.description } : {}),
  };
}

function strongRefOf(value: unknown): StrongRef | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { uri, cid } = value as { uri?: unknown; cid?: unknown };
  if (typeof uri !== 'string') return undefined;
  return typeof cid === 'string' ? { uri, cid } : { uri };
}

export function postRecordOf(record: { [key: string]: unknown }): PostRecordFields {
  const reply = record.reply as { root?: unknown; parent?: unknown } | undefined;
  return {
    text: typeof record.text === 'string' ? record.text : '',
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : undefined,
    reply: reply ? { root: strongRefOf(reply.root), parent: strongRefOf(reply.parent) } : undefined,
  };
}

/** A record's claimed time when it is a real date, else when the AppView saw it. */
export function timeOf(claimed: string | undefined, indexedAt: string): string {
  if (claimed) {
    const time = Date.parse(claimed);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return indexedAt;
}

function imagesOf(embed: PostView['embed']): StreamImage[] | undefined {
  let images: AppBskyEmbedImages.View | undefined;
  if (AppBskyEmbedImages.isView(embed)) images = embed;
  else if (AppBskyEmbedRecordWithMedia.isView(embed) && AppBskyEmbedImages.isView(embed.media)) {
    images = embed.media;
  }
  if (!images || images.images.length === 0) return undefined;
  return images.images.map((image) => ({ url: image.thumb, alt: image.alt }));
}

/** A reference to another post, with its link; the view gives the author's handle when it has one. */
function threadRefOf(
  ref: StrongRef | undefined,
  view: AppBskyFeedDefs.ReplyRef['parent'] | undefined,
): StreamItem['inReplyTo'] {
  if (!ref) return undefined;
  const author = AppBskyFeedDefs.isPostView(view) && view.uri === ref.uri ? view.author : undefined;
  return { id: ref.uri, ...(ref.cid ? { cid: ref.cid } : {}), url: postUrlOf(ref.uri, author) };
}

function countsAndViewer(post: PostView): Pick<StreamItem, 'counts' | 'viewer'> {
  return {
    counts: { replies: post.replyCount ?? 0, reposts: post.repostCount ?? 0, likes: post.likeCount ?? 0 },
    viewer: { liked: Boolean(post.viewer?.like), reposted: Boolean(post.viewer?.repost) },
  };
}

/** The post a reply answers and the first post of its thread, from the record's reply refs. */
function threadOf(
  record: PostRecordFields,
  reply?: AppBskyFeedDefs.ReplyRef,
): Pick<StreamItem, 'inReplyTo' | 'threadRoot'> {
  const inReplyTo = threadRefOf(record.reply?.parent, reply?.parent);
  const threadRoot = threadRefOf(record.reply?.root, reply?.root);
  return { ...(inReplyTo ? { inReplyTo } : {}), ...(threadRoot ? { threadRoot } : {}) };
}

/** What every item about a post carries: counts, viewer flags, images, and the thread it is in. */
function postDetails(post: PostView, record: PostRecordFields, reply?: AppBskyFeedDefs.ReplyRef) {
  const images = imagesOf(post.embed);
  return {
    ...threadOf(record, reply),
    ...(images ? { images } : {}),
    ...countsAndViewer(post),
  };
}

function feedItemOf(entry: AppBskyFeedDefs.FeedViewPost): StreamItem {
  const { post } = entry;
  const record = postRecordOf(post.record);
  const repost = AppBskyFeedDefs.isReasonRepost(entry.reason) ? entry.reason : undefined;
  return {
    // A repost and the original can both be in one column; each needs its own id.
    id: repost ? (repost.uri ?? `repost:${repost.by.did}:${post.uri}`) : post.uri,
    network: 'bluesky',
    kind: 'post',
    postId: post.uri,
    postCid: post.cid,
    url: postUrlOf(post.uri, post.author),
    text: record.text,
    author: authorOf(post.author),
    createdAt: repost ? repost.indexedAt : timeOf(record.createdAt, post.indexedAt),
    ...(repost ? { repostedBy: { handle: repost.by.handle, displayName: repost.by.displayName ?? '' } } : {}),
    ...postDetails(post, record, entry.reply),
  };
}

function feedPageOf(data: { feed: AppBskyFeedDefs.FeedViewPost[]; cursor?: string }): StreamPage {
  return { items: data.feed.map(feedItemOf), ...(data.cursor ? { cursor: data.cursor } : {}) };
}

export type Notification = {
  uri: string;
  cid: string;
  author: Profile;
  reason: string;
  reasonSubject?: string;
  record: { [key: string]: unknown };
  indexedAt: string;
};

const POST_NOTIFICATIONS = new Set(['mention', 'reply', 'quote']);
const SUBJECT_NOTIFICATIONS = new Set(['like', 'repost']);

/** The posts a page of notifications is about, so each item can show its text, counts and flags. */
function notificationPostUris(notifications: Notification[]): string[] {
  const uris = new Set<string>();
  for (const notification of notifications) {
    if (POST_NOTIFICATIONS.has(notification.reason)) uris.add(notification.uri);
    else if (SUBJECT_NOTIFICATIONS.has(notification.reason) && notification.reasonSubject) {
      uris.add(notification.reasonSubject);
    }
  }
  return [...uris];
}

function notificationItemOf(
  notification: Notification,
  posts: Map<string, PostView>,
): StreamItem | undefined {
  const { reason, author } = notification;
  const base = {
    id: notification.uri,
    network: 'bluesky' as const,
    author: authorOf(author),
  };
  if (POST_NOTIFICATIONS.has(reason)) {
    const record = postRecordOf(notification.record);
    const view = posts.get(notification.uri);
    // A post deleted since the notification has no view; its record still gives text and thread.
    const details = view ? postDetails(view, record) : threadOf(record);
    return {
      ...base,
      kind: reason as 'mention' | 'reply' | 'quote',
      postId: notification.uri,
      postCid: notification.cid,
      url: postUrlOf(notification.uri, author),
      text: record.text,
      createdAt: timeOf(record.createdAt, notification.indexedAt),
      ...details,
    };
  }
  const createdAt = timeOf(
    typeof notification.record.createdAt === 'string' ? notification.record.createdAt : undefined,
    notification.indexedAt,
  );
  if (SUBJECT_NOTIFICATIONS.has(reason)) {
    const subject = strongRefOf(notification.record.subject);
    const subjectUri = notification.reasonSubject ?? subject?.uri;
    if (!subjectUri) return undefined;
    const view = posts.get(subjectUri);
    const cid = view?.cid ?? subject?.cid;
    return {
      ...base,
      kind: reason as 'like' | 'repost',
      postId: subjectUri,
      ...(cid ? { postCid: cid } : {}),
      url: postUrlOf(subjectUri, view?.author),
      // The post that was liked or reposted, so the item says what it is about.
      text: view ? postRecordOf(view.record).text : '',
      createdAt,
      ...(view ? countsAndViewer(view) : {}),
    };
  }
  if (reason === 'follow') {
    return { ...base, kind: 'follow', url: profileUrl(author), text: '', createdAt };
  }
  return undefined;
}

/** The parts of app.bsky.graph.defs#listView a NetworkList is made of. */
interface ListFields {
  uri: string;
  name: string;
  description?: string;
  listItemCount?: number;
  creator: Profile;
}

function listOf(list: ListFields): NetworkList {
  const uri = new AtUri(list.uri);
  return {
    id: list.uri,
    name: list.name,
    description: list.description ?? '',
    ...(list.listItemCount !== undefined ? { memberCount: list.listItemCount } : {}),
    url: `https://bsky.app/profile/${profileActor(list.creator)}/lists/${uri.rkey}`,
  };
}

// ---- Checks before writing -----------------------------------------------------------------------

function checkedListFields(input: { name: string; description: string }): {
  name: string;
  description: string;
} {
  const name = input.name.trim();
  const description = input.description.trim();
  if (!name) throw new ConnectorError('rejected', 'A Bluesky list needs a name.');
  const nameBytes = utf8Length(name);
  if (nameBytes > MAX_LIST_NAME_BYTES) {
    throw new ConnectorError(
      'rejected',
      `Bluesky allows list names of up to ${MAX_LIST_NAME_BYTES} bytes (64 Latin letters, 21 Bengali ones); this name has ${nameBytes} bytes.`,
    );
  }
  const descriptionLength = graphemeLength(description);
  if (descriptionLength > MAX_LIST_DESCRIPTION_GRAPHEMES) {
    throw new ConnectorError(
      'rejected',
      `Bluesky allows list descriptions of up to ${MAX_LIST_DESCRIPTION_GRAPHEMES} characters; this description has ${descriptionLength}.`,
    );
  }
  const descriptionBytes = utf8Length(description);
  if (descriptionBytes > MAX_LIST_DESCRIPTION_BYTES) {
    throw new ConnectorError(
      'rejected',
      `Bluesky allows list descriptions of up to ${MAX_LIST_DESCRIPTION_BYTES} bytes; this description has ${descriptionBytes}.`,
    );
  }
  return { name, description };
}

function parseUri(id: string, collection: string, what: string): AtUri {
  let uri: AtUri;
  try {
    uri = new AtUri(id);
  } catch {
    throw new ConnectorError('rejected', `"${id}" is not a Bluesky ${what}.`);
  }
  if (uri.collection !== collection || !uri.rkey) {
    throw new ConnectorError('rejected', `"${id}" is not a Bluesky ${what}.`);
  }
  return uri;
}

function isProfileNotFound(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    error.status === 400 &&
    /profile not found|unable to resolve|could not find|must be a valid did or a handle/i.test(error.message)
  );
}

function isRecordNotFound(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.error === 'RecordNotFound' || /could not locate record/i.test(error.message))
  );
}

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

// ---- The reader ----------------------------------------------------------------------------------

export class BlueskyStreamReader implements StreamReader {
  /**
   * @param agent a signed-in agent; app.bsky reads go through the account's PDS to its AppView.
   * @param account the signed-in account, read on each call so an ended session is reported.
   */
  constructor(
    private readonly agent: Agent,
    private readonly account: () => BlueskyAccountRef,
  ) {}

  async home(cursor?: string): Promise<StreamPage> {
    return this.call(async () =>
      feedPageOf((await this.agent.app.bsky.feed.getTimeline({ limit: PAGE_LIMIT, cursor })).data),
    );
  }

  async mentions(cursor?: string): Promise<StreamPage> {
    return this.call(async () => {
      const { data } = await this.agent.app.bsky.notification.listNotifications({
        limit: PAGE_LIMIT,
        cursor,
      });
      const notifications = data.notifications as Notification[];
      const posts = await this.postViews(notificationPostUris(notifications));
      const items = notifications
        .map((notification) => notificationItemOf(notification, posts))
        .filter((item): item is StreamItem => item !== undefined);
      return { items, ...(data.cursor ? { cursor: data.cursor } : {}) };
    });
  }

  async myPosts(cursor?: string): Promise<StreamPage> {
    return this.call(async () => {
      const { did } = this.account();
      const { data } = await this.agent.app.bsky.feed.getAuthorFeed({
        actor: did,
        limit: PAGE_LIMIT,
        cursor,
      });
      return feedPageOf(data);
    });
  }

  async listFeed(listId: string, cursor?: string): Promise<StreamPage> {
    parseUri(listId, LIST_COLLECTION, 'list');
    return this.call(async () =>
      feedPageOf(
        (await this.agent.app.bsky.feed.getListFeed({ list: listId, limit: PAGE_LIMIT, cursor })).data,
      ),
    );
  }

  async search(query: string, cursor?: string): Promise<StreamPage> {
    const q = query.trim();
    if (!q) return { items: [] };
    return this.call(async () => {
      const { data } = await this.agent.app.bsky.feed.searchPosts({ q, limit: PAGE_LIMIT, cursor });
      return feedPageOf({ feed: data.posts.map((post) => ({ post })), cursor: data.cursor });
    });
  }

  async like(post: PostRef): Promise<void> {
    parseUri(post.id, POST_COLLECTION, 'post');
    return this.call(async () => {
      const view = (await this.postViews([post.id])).get(post.id);
      // Liking again would make the PDS replace the like with a new record (and notify again).
      if (view?.viewer?.like) return;
      await this.agent.like(post.id, this.cidFor(post, view));
    });
  }

  async unlike(post: PostRef): Promise<void> {
    parseUri(post.id, POST_COLLECTION, 'post');
    return this.call(async () => {
      const like = (await this.postViews([post.id])).get(post.id)?.viewer?.like;
      if (like) await this.agent.deleteLike(like);
    });
  }

  async repost(post: PostRef): Promise<void> {
    parseUri(post.id, POST_COLLECTION, 'post');
    return this.call(async () => {
      const view = (await this.postViews([post.id])).get(post.id);
      if (view?.viewer?.repost) return;
      await this.agent.repost(post.id, this.cidFor(post, view));
    });
  }

  async unrepost(post: PostRef): Promise<void> {
    parseUri(post.id, POST_COLLECTION, 'post');
    return this.call(async () => {
      const repost = (await this.postViews([post.id])).get(post.id)?.viewer?.repost;
      if (repost) await this.agent.deleteRepost(repost);
    });
  }

  async lists(): Promise<NetworkList[]> {
    return this.call(async () => {
      const { did } = this.account();
      const lists: NetworkList[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await this.agent.app.bsky.graph.getLists({
          actor: did,
          limit: LIST_PAGE_LIMIT,
          cursor,
        });
        for (const list of data.lists) if (list.purpose === CURATE_LIST) lists.push(listOf(list));
        cursor = data.lists.length > 0 ? data.cursor : undefined;
      } while (cursor);
      return lists;
    });
  }

  async createList(input: { name: string; description: string }): Promise<NetworkList> {
    const { name, description } = checkedListFields(input);
    return this.call(async () => {
      const { did, handle } = this.account();
      const record: AppBskyGraphList.Record = {
        $type: LIST_COLLECTION,
        purpose: CURATE_LIST,
        name,
        ...(description ? { description } : {}),
        createdAt: new Date().toISOString(),
      };
      const { data } = await this.agent.com.atproto.repo.createRecord({
        repo: did,
        collection: LIST_COLLECTION,
        record,
      });
      return listOf({ uri: data.uri, name, description, listItemCount: 0, creator: { did, handle } });
    });
  }

  async updateList(listId: string, input: { name: string; description: string }): Promise<NetworkList> {
    const uri = this.ownListUri(listId);
    const { name, description } = checkedListFields(input);
    return this.call(async () => {
      const { did, handle } = this.account();
      let existing: { cid?: string; value: { [key: string]: unknown } };
      try {
        ({ data: existing } = await this.agent.com.atproto.repo.getRecord({
          repo: did,
          collection: LIST_COLLECTION,
          rkey: uri.rkey,
        }));
      } catch (error) {
        if (isRecordNotFound(error)) {
          throw new ConnectorError('rejected', 'This list no longer exists on Bluesky.');
        }
        throw error;
      }
      // The old description's links and mentions point at byte ranges of the old text.
      const { description: oldDescription, descriptionFacets: oldFacets, ...kept } = existing.value;
      const record = {
        ...kept,
        $type: LIST_COLLECTION,
        name,
        ...(description ? { description } : {}),
        ...(description === oldDescription && oldFacets ? { descriptionFacets: oldFacets } : {}),
      };
      await this.agent.com.atproto.repo.putRecord({
        repo: did,
        collection: LIST_COLLECTION,
        rkey: uri.rkey,
        record,
        ...(existing.cid ? { swapRecord: existing.cid } : {}),
      });
      return listOf({ uri: listId, name, description, creator: { did, handle } });
    });
  }

  async deleteList(listId: string): Promise<void> {
    const uri = this.ownListUri(listId);
    return this.call(async () => {
      const { did } = this.account();
      const items = await this.listItemRecords(listId);
      for (const batch of chunks(items, APPLY_WRITES_LIMIT)) {
        await this.agent.com.atproto.repo.applyWrites({
          repo: did,
          writes: batch.map((item) => ({
            $type: 'com.atproto.repo.applyWrites#delete' as const,
            collection: LIST_ITEM_COLLECTION,
            rkey: item.rkey,
          })),
        });
      }
      await this.agent.com.atproto.repo.deleteRecord({
        repo: did,
        collection: LIST_COLLECTION,
        rkey: uri.rkey,
      });
    });
  }

  async listMembers(listId: string): Promise<NetworkActor[]> {
    parseUri(listId, LIST_COLLECTION, 'list');
    return this.call(async () => {
      const members: NetworkActor[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await this.agent.app.bsky.graph.getList({
          list: listId,
          limit: LIST_PAGE_LIMIT,
          cursor,
        });
        for (const item of data.items) members.push(actorOf(item.subject));
        cursor = data.items.length > 0 ? data.cursor : undefined;
      } while (cursor);
      return members;
    });
  }

  async addListMember(listId: string, actorId: string): Promise<void> {
    this.ownListUri(listId);
    return this.call(async () => {
      const { did } = this.account();
      const subject = await this.didOf(actorId);
      const items = await this.listItemRecords(listId);
      if (items.some((item) => item.subject === subject)) return;
      const record: AppBskyGraphListitem.Record = {
        $type: LIST_ITEM_COLLECTION,
        subject,
        list: listId,
        createdAt: new Date().toISOString(),
      };
      await this.agent.com.atproto.repo.createRecord({ repo: did, collection: LIST_ITEM_COLLECTION, record });
    });
  }

  async removeListMember(listId: string, actorId: string): Promise<void> {
    this.ownListUri(listId);
    return this.call(async () => {
      const { did } = this.account();
      // Someone Bluesky knows nobody by cannot be in the list.
      const subject = actorId.startsWith('did:') ? actorId : (await this.resolveActor(actorId))?.id;
      if (!subject) return;
      const items = await this.listItemRecords(listId);
      const removed = items.filter((item) => item.subject === subject);
      if (removed.length === 0) return;
      await this.agent.com.atproto.repo.applyWrites({
        repo: did,
        writes: removed.map((item) => ({
          $type: 'com.atproto.repo.applyWrites#delete' as const,
          collection: LIST_ITEM_COLLECTION,
          rkey: item.rkey,
        })),
      });
    });
  }

  async searchActors(query: string): Promise<NetworkActor[]> {
    const q = query.trim();
    if (!q) return [];
    return this.call(async () => {
      const { data } = await this.agent.app.bsky.actor.searchActors({ q, limit: ACTOR_SEARCH_LIMIT });
      return data.actors.map(actorOf);
    });
  }

  async resolveActor(handle: string): Promise<NetworkActor | undefined> {
    const actor = handle.trim().replace(/^@/, '');
    if (!actor) return undefined;
    return this.call(async () => {
      try {
        const { data } = await this.agent.app.bsky.actor.getProfile({ actor });
        return actorOf(data);
      } catch (error) {
        if (isProfileNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  // ---- Internals ---------------------------------------------------------------------------------

  /** Runs a request and reports any failure as a ConnectorError. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toConnectorError(error);
    }
  }

  /** The AppView's views of these posts, as the account sees them; missing posts are left out. */
  private async postViews(uris: string[]): Promise<Map<string, PostView>> {
    const views = new Map<string, PostView>();
    for (const batch of chunks(uris, GET_POSTS_LIMIT)) {
      const { data } = await this.agent.app.bsky.feed.getPosts({ uris: batch });
      for (const post of data.posts) views.set(post.uri, post);
    }
    return views;
  }

  private cidFor(post: PostRef, view: PostView | undefined): string {
    const cid = post.cid ?? view?.cid;
    if (!cid) {
      throw new ConnectorError(
        'rejected',
        'This post could not be found on Bluesky; it may have been deleted.',
      );
    }
    return cid;
  }

  private ownListUri(listId: string): AtUri {
    const uri = parseUri(listId, LIST_COLLECTION, 'list');
    if (uri.host !== this.account().did) {
      throw new ConnectorError('rejected', 'This list belongs to another Bluesky account.');
    }
    return uri;
  }

  private async didOf(actorId: string): Promise<string> {
    if (actorId.startsWith('did:')) return actorId;
    const actor = await this.resolveActor(actorId);
    if (!actor) throw new ConnectorError('rejected', `Bluesky knows nobody with the handle ${actorId}.`);
    return actor.id;
  }

  /** The account's list entries for one list, read from its repository so they are never stale. */
  private async listItemRecords(listId: string): Promise<{ rkey: string; subject: string }[]> {
    const { did } = this.account();
    const items: { rkey: string; subject: string }[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await this.agent.com.atproto.repo.listRecords({
        repo: did,
        collection: LIST_ITEM_COLLECTION,
        limit: LIST_PAGE_LIMIT,
        cursor,
      });
      for (const entry of data.records) {
        const value = entry.value as { list?: unknown; subject?: unknown };
        if (value.list === listId && typeof value.subject === 'string') {
          items.push({ rkey: new AtUri(entry.uri).rkey, subject: value.subject });
        }
      }
      cursor = data.records.length > 0 ? data.cursor : undefined;
    } while (cursor);
    return items;
  }
}

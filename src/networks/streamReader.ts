// What a connected account can read and do for Streams and Lists, beside publishing: its timelines
// (home, notifications, own posts, a list, a search) paged with the network's cursors, likes and
// reposts, and the lists it owns on the network with their members. Each network implements it in its
// own folder; errors are ConnectorErrors, so rate limits carry `retryAfterMs`.
import type { NetworkActor, NetworkList, StreamPage } from '../core/streams/streamTypes.ts';

/** The post an action is about: its id on the network and, on Bluesky, its content hash. */
export interface PostRef {
  id: string;
  cid?: string;
}

export interface StreamReader {
  /** The account's home timeline, newest first. */
  home(cursor?: string): Promise<StreamPage>;
  /** Notifications: mentions, replies, quotes, likes, reposts and follows. */
  mentions(cursor?: string): Promise<StreamPage>;
  /** The account's own posts. */
  myPosts(cursor?: string): Promise<StreamPage>;
  /** Posts by the members of a list. */
  listFeed(listId: string, cursor?: string): Promise<StreamPage>;
  /** Posts matching a keyword or a #hashtag. */
  search(query: string, cursor?: string): Promise<StreamPage>;

  like(post: PostRef): Promise<void>;
  unlike(post: PostRef): Promise<void>;
  repost(post: PostRef): Promise<void>;
  unrepost(post: PostRef): Promise<void>;

  /** The lists the account owns. */
  lists(): Promise<NetworkList[]>;
  createList(input: { name: string; description: string }): Promise<NetworkList>;
  updateList(listId: string, input: { name: string; description: string }): Promise<NetworkList>;
  deleteList(listId: string): Promise<void>;
  listMembers(listId: string): Promise<NetworkActor[]>;
  /** Adding someone already in the list changes nothing. */
  addListMember(listId: string, actorId: string): Promise<void>;
  /** Removing someone not in the list changes nothing. */
  removeListMember(listId: string, actorId: string): Promise<void>;
  /** People whose handle or name matches, for finding list members. */
  searchActors(query: string): Promise<NetworkActor[]>;
  /** The person with this handle, or undefined when the network knows nobody by it. */
  resolveActor(handle: string): Promise<NetworkActor | undefined>;
}

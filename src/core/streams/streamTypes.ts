// What Streams shows and acts on, shared by the server, the network readers and the web app: an item of
// a column (a post, a notification, a feed article), the kinds of column, lists on the networks and the
// people in them.

export const COLUMN_KINDS = [
  'home',
  'mentions',
  'my_posts',
  'list',
  'search',
  'rss',
  'scheduled',
  'listening',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** Column kinds read from a connected account. */
export const ACCOUNT_COLUMN_KINDS: readonly ColumnKind[] = ['home', 'mentions', 'my_posts', 'list', 'search'];

export const MAX_BOARDS_PER_PERSON = 20;
export const MAX_COLUMNS_PER_BOARD = 10;

export type StreamNetwork = 'bluesky' | 'mastodon' | 'rss';

export interface StreamAuthor {
  /** The network's id for the person (a DID, an account id); absent for feed articles. */
  id?: string;
  /** `alice.bsky.social`, `alice@example.social`; the feed's title for RSS. */
  handle: string;
  displayName: string;
  avatarUrl?: string;
  /** The person's profile on the network (or the feed's site). */
  url: string;
}

export type StreamItemKind =
  /** An ordinary post, or a reply, in a timeline, list, search or author feed. */
  | 'post'
  /** A notification: someone mentioned, replied to or quoted the account. */
  | 'mention'
  | 'reply'
  | 'quote'
  /** A notification: someone liked, reposted or followed. */
  | 'like'
  | 'repost'
  | 'follow'
  /** An RSS/Atom entry. */
  | 'article'
  /** A post of the workspace's own, scheduled in the planner. */
  | 'scheduled';

export interface StreamImage {
  url: string;
  alt: string;
}

export interface StreamItem {
  /**
   * The id the network gives the item, unique within its column: an at:// URI on Bluesky, a status or
   * notification id on Mastodon, the guid or link of a feed entry, a post target id for Scheduled.
   */
  id: string;
  network: StreamNetwork;
  kind: StreamItemKind;
  /** The post the item is about, where it is about one: the id to like, repost or reply to. */
  postId?: string;
  /** Bluesky's content hash of that post, needed to like, repost, reply to or quote it. */
  postCid?: string;
  /** Where a person opens the item: the post on the network, the article on its site. */
  url: string;
  /** Plain text; feed HTML is reduced to text, so nothing from a network is rendered as HTML. */
  text: string;
  /** Feed entries have a title. */
  title?: string;
  author: StreamAuthor;
  /** When the item happened (ISO 8601). */
  createdAt: string;
  /** Bluesky's reposter ("Reposted by …") or the reposting Mastodon account. */
  repostedBy?: { handle: string; displayName: string };
  /** The item replies to this post. */
  inReplyTo?: { id: string; cid?: string; url?: string };
  /** The first post of the thread the item is in, when it is a reply. */
  threadRoot?: { id: string; cid?: string; url?: string };
  images?: StreamImage[];
  counts?: { replies: number; reposts: number; likes: number };
  /** What the reading account already did to the post. */
  viewer?: { liked: boolean; reposted: boolean };
  /** Listening column: the mention's sentiment and language. */
  sentiment?: 'positive' | 'negative' | 'neutral';
  lang?: string;
  /** Scheduled column: the planner's status and time. */
  scheduledAt?: string;
  status?: string;
}

export interface StreamPage {
  items: StreamItem[];
  /** Pass back to get the next (older) page; absent at the end. */
  cursor?: string;
}

/** A list on a network: Bluesky's app.bsky.graph.list (curated), Mastodon's /api/v1/lists. */
export interface NetworkList {
  /** An at:// URI on Bluesky, a list id on Mastodon. */
  id: string;
  name: string;
  description: string;
  memberCount?: number;
  /** Where the list can be opened on the network, when it has a page. */
  url?: string;
}

/** A person on a network, found by search or in a list. */
export interface NetworkActor {
  /** A DID on Bluesky, an account id on Mastodon. */
  id: string;
  handle: string;
  displayName: string;
  avatarUrl?: string;
  description?: string;
}

export type StreamAction = 'like' | 'unlike' | 'repost' | 'unrepost';

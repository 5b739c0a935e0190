// The one interface every network implements. A network is one folder under src/networks exporting a
// Connector: what it can do, its text rule, and how to verify, publish, find, and delete on it.
import type { TextRule } from '../core/textRules/textRule.ts';
import type { InboxReader } from './inboxReader.ts';
import type { StreamReader } from './streamReader.ts';

export type NetworkId = 'bluesky' | 'mastodon' | 'x' | 'threads' | 'linkedin';

export interface Capabilities {
  publish: boolean;
  /** Images per post, 0 when not supported. */
  maxImages: number;
  altText: boolean;
  /** Replies to one's own posts, so a thread can be published. */
  threads: boolean;
  delete: boolean;
}

export interface ImageUpload {
  data: Uint8Array;
  mimeType: string;
  alt: string;
}

/** A post as the network knows it. */
export interface RemotePost {
  /** The network's id: an at:// URI on Bluesky, a status id on Mastodon. */
  id: string;
  /** A link a person can open. */
  url: string;
  /** Bluesky's content hash, needed to reply to or quote the post. */
  cid?: string;
}

export interface PublishRequest {
  text: string;
  images?: ImageUpload[];
  /** Reply to this post (for threads: the previous post; `root` is the first one). */
  replyTo?: { parent: RemotePost; root: RemotePost };
  /** Quote this post: embedded as a record on Bluesky; on networks without quotes, its link ends the text. */
  quote?: RemotePost;
  /**
   * Chosen before the first attempt and stored with the target, so a retry after a crash finds the
   * post instead of creating it twice. Made by `newPublishKey()` of the same connector.
   */
  publishKey: string;
}

export interface AccountProfile {
  /** Stable id on the network (a DID, an account id). */
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl?: string;
}

export type ConnectorErrorKind =
  /** The credential was revoked or expired: the account needs reconnecting. */
  | 'auth'
  /** The network refused the content itself (too long, bad image): retrying will not help. */
  | 'rejected'
  /** Too many requests: retry after `retryAfterMs`. */
  | 'rate_limited'
  /** Network error or 5xx: retry with backoff. */
  | 'transient';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/** A signed-in session on one account. */
export interface Connection {
  verify(): Promise<AccountProfile>;
  /** Publishes, or returns the post already published under the same publishKey. */
  publish(request: PublishRequest): Promise<RemotePost>;
  /** The post published under this key, if it exists. */
  findPublished(publishKey: string): Promise<RemotePost | undefined>;
  delete(post: RemotePost): Promise<void>;
  /** Timelines, likes, reposts and lists of the account, for Streams and Lists. */
  streams(): StreamReader;
  /** Mentions, replies, quotes and direct messages to the account, for the unified inbox. */
  inbox?(): InboxReader;
}

export interface Connector<Credentials> {
  network: NetworkId;
  capabilities: Capabilities;
  textRule: TextRule;
  newPublishKey(): string;
  connect(credentials: Credentials): Promise<Connection>;
}

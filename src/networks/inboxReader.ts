// What the unified inbox reads from a connected account: the things said to it (mentions, replies,
// quotes, and direct messages where the network offers them to this client), newer than the cursors
// of the previous read, in one shape for every network. Each network implements it in its own folder;
// errors are ConnectorErrors, so rate limits carry `retryAfterMs`.
import type { RemotePost } from './connector.ts';

export type InboxEntryKind = 'mention' | 'reply' | 'quote' | 'dm';

export interface InboxEntry {
  kind: InboxEntryKind;
  /** The post or message on the network: an at:// URI on Bluesky, a status id on Mastodon. */
  remoteId: string;
  /** Where a person opens it. */
  remoteUrl: string;
  /** Bluesky's content hash. */
  cid?: string;
  /** What a reply to it answers: the entry itself and the first post of its thread. */
  replyRef: { parent: RemotePost; root: RemotePost };
  /** The thread (or direct conversation) the entry belongs to on the network. */
  conversationId?: string;
  author: { remoteId: string; handle: string; name: string; avatarUrl?: string };
  /** Plain text: markup from the network never reaches the inbox. */
  text: string;
  /** ISO 8601. */
  createdAt: string;
}

/** One source of entries on an account (notifications, direct conversations), and whether it is read. */
export interface InboxFeed {
  name: string;
  available: boolean;
  /** Why an unavailable feed is not read, in a sentence a person understands. */
  reason?: string;
}

export interface InboxRead {
  /** Oldest first, so they can be stored in the order they happened. */
  entries: InboxEntry[];
  /** Pass back on the next read; a feed missing from them starts again from its newest page. */
  cursors: Record<string, string>;
}

export interface InboxReader {
  /** The feeds this account's network offers the inbox, and those it cannot (with why). */
  feeds(): InboxFeed[];
  /** Whether a reply to a direct message can be sent as a direct message again. */
  readonly privateReplies: boolean;
  /**
   * Entries newer than the cursors. Without a cursor a feed gives its newest page only, so a newly
   * connected account does not pull its whole history into the inbox.
   */
  read(cursors: Record<string, string>): Promise<InboxRead>;
}

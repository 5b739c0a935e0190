// The inbox of a Bluesky account: mentions, replies and quotes from app.bsky.notification.listNotifications,
// each checked against the AppView with getPosts (a post deleted since is left out: there is nothing
// left to answer). The cursor is the indexedAt of the newest notification read, since the AppView pages
// only backwards in time.
//
// Direct messages live in Bluesky's separate chat service (chat.bsky.convo.*), reached through the
// account's PDS as a proxy to a chat server. The local development network (@atproto/dev-env) runs no
// chat service, so there is nothing to read them from or test them against; the reader says so in
// feeds() rather than pretending.
import type { Agent } from '@atproto/api';
import type { InboxEntry, InboxEntryKind, InboxFeed, InboxRead, InboxReader } from '../inboxReader.ts';
import { toConnectorError } from './blueskyErrors.ts';
import {
  chunks,
  GET_POSTS_LIMIT,
  type Notification,
  postRecordOf,
  postUrlOf,
  timeOf,
} from './blueskyStreamReader.ts';

const NOTIFICATIONS = 'notifications';
const PAGE_LIMIT = 50;
/** Pages read at most in one go after a long pause; anything older waits for the next read. */
const MAX_PAGES = 10;
const INBOX_REASONS = new Set<string>(['mention', 'reply', 'quote']);

export class BlueskyInboxReader implements InboxReader {
  readonly privateReplies = false;

  constructor(private readonly agent: Agent) {}

  feeds(): InboxFeed[] {
    return [
      { name: NOTIFICATIONS, available: true },
      {
        name: 'direct_messages',
        available: false,
        reason:
          'Bluesky direct messages are kept by a separate chat service, which Kolorob does not read yet; answer them in a Bluesky app.',
      },
    ];
  }

  async read(cursors: Record<string, string>): Promise<InboxRead> {
    const since = cursors[NOTIFICATIONS];
    try {
      const notifications: Notification[] = [];
      let pageCursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const { data } = await this.agent.app.bsky.notification.listNotifications({
          limit: PAGE_LIMIT,
          cursor: pageCursor,
        });
        const fetched = data.notifications as Notification[];
        // Notifications at the cursor's own time are read again; storing them twice changes nothing.
        notifications.push(...fetched.filter((n) => !since || n.indexedAt >= since));
        const oldest = fetched[fetched.length - 1];
        // Without a cursor the newest page is enough; with one, go back until it is reached.
        if (!since || !oldest || oldest.indexedAt < since || !data.cursor) break;
        pageCursor = data.cursor;
      }
      const newest = notifications.reduce<string | undefined>(
        (max, n) => (max === undefined || n.indexedAt > max ? n.indexedAt : max),
        since,
      );
      const wanted = notifications.filter((n) => INBOX_REASONS.has(n.reason));
      const existing = await this.existingPosts(wanted.map((n) => n.uri));
      const entries = wanted
        .filter((n) => existing.has(n.uri))
        .map(entryOf)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { entries, cursors: newest ? { [NOTIFICATIONS]: newest } : {} };
    } catch (error) {
      throw toConnectorError(error);
    }
  }

  private async existingPosts(uris: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const batch of chunks([...new Set(uris)], GET_POSTS_LIMIT)) {
      const { data } = await this.agent.app.bsky.feed.getPosts({ uris: batch });
      for (const post of data.posts) found.add(post.uri);
    }
    return found;
  }
}

function entryOf(notification: Notification): InboxEntry {
  const record = postRecordOf(notification.record);
  const { author } = notification;
  const url = postUrlOf(notification.uri, author);
  const parent = { id: notification.uri, cid: notification.cid, url };
  const rootRef = record.reply?.root;
  const root = rootRef
    ? { id: rootRef.uri, url: postUrlOf(rootRef.uri), ...(rootRef.cid ? { cid: rootRef.cid } : {}) }
    : parent;
  return {
    kind: notification.reason as InboxEntryKind,
    remoteId: notification.uri,
    remoteUrl: url,
    cid: notification.cid,
    replyRef: { parent, root },
    conversationId: root.id,
    author: {
      remoteId: author.did,
      handle: author.handle,
      name: author.displayName ?? '',
      ...(author.avatar ? { avatarUrl: author.avatar } : {}),
    },
    text: record.text,
    createdAt: timeOf(record.createdAt, notification.indexedAt),
  };
}

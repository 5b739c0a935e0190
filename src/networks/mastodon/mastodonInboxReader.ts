// The inbox of an account on a server that speaks the Mastodon client API: mention notifications
// (GET /api/v1/notifications), read forward from the newest id seen with min_id. A mention in a status
// that is not public is a direct message: visibility "direct", or "private", which snac2 reports for
// every non-public status (it has no "direct") and which Mastodon uses for followers-only posts — in
// both cases an answer must not be public. One answering the account's own status is a reply;
// servers with quote posts (Mastodon 4.4+) send "quote" notifications. A direct message belongs to the
// conversation /api/v1/conversations names, where the server offers that list (snac2 does not), else
// to its thread, whose first status /api/v1/statuses/:id/context names.
//
// Replies are published by the connector, which posts publicly: it cannot answer a direct message
// privately yet, so `privateReplies` is false and the inbox refuses to answer one in place.
import type { InboxEntry, InboxEntryKind, InboxFeed, InboxRead, InboxReader } from '../inboxReader.ts';
import { isHttpStatus, mastodonFetch } from './mastodonHttp.ts';
import {
  absoluteHandle,
  displayName,
  type MastodonNotification,
  type MastodonStatus,
  notificationKind,
} from './mastodonStreamReader.ts';
import { plainTextOfContent } from './statusText.ts';

const NOTIFICATIONS = 'notifications';
const PAGE_LIMIT = 40;
/** Pages read at most in one go after a long pause; the rest comes with the next read. */
const MAX_PAGES = 10;

type InboxStatus = MastodonStatus & { visibility?: string };
type InboxNotification = MastodonNotification & { status?: InboxStatus | null };

interface MastodonConversation {
  id: string;
  last_status?: { id: string } | null;
}

export interface MastodonInboxReaderOptions {
  instanceUrl: string;
  accessToken: string;
  ownAccountId: () => Promise<string>;
}

/** Mastodon's ids are numbers as strings (a longer one is newer); other servers' ids sort as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class MastodonInboxReader implements InboxReader {
  readonly privateReplies = false;
  private readonly host: string;
  /** Unknown until asked; a server without the conversations list is not asked again. */
  private conversationsOffered: boolean | undefined;

  constructor(private readonly options: MastodonInboxReaderOptions) {
    this.host = new URL(options.instanceUrl).host;
  }

  feeds(): InboxFeed[] {
    return [{ name: NOTIFICATIONS, available: true }];
  }

  async read(cursors: Record<string, string>): Promise<InboxRead> {
    const ownId = await this.options.ownAccountId();
    const since = cursors[NOTIFICATIONS];
    const seen = new Map<string, InboxNotification>();
    let minId = since;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { body } = await this.call<InboxNotification[]>(
        '/api/v1/notifications?types[]=mention&types[]=quote',
        { limit: PAGE_LIMIT, min_id: minId },
      );
      // A server that ignores min_id sends older notifications too: they were read before.
      const fresh = body.filter((n) => (!since || compareIds(n.id, since) > 0) && !seen.has(n.id));
      for (const notification of fresh) seen.set(notification.id, notification);
      if (!since || fresh.length < PAGE_LIMIT) break;
      minId = fresh.reduce((max, n) => (compareIds(n.id, max) > 0 ? n.id : max), fresh[0]!.id);
    }
    const notifications = [...seen.values()].sort((a, b) => compareIds(a.id, b.id));
    const newest = notifications.at(-1)?.id ?? since;

    const entries: InboxEntry[] = [];
    let conversations: Map<string, string> | undefined;
    for (const notification of notifications) {
      const status = notification.status;
      if (!status) continue;
      const kind = inboxKind(notification, status, ownId);
      if (!kind) continue;
      const entry = this.entryOf(kind, status);
      if (kind === 'dm') {
        conversations ??= await this.conversationsByStatus();
        const root = await this.threadRoot(status);
        entry.replyRef.root = { id: root.id, url: root.url || root.uri };
        entry.conversationId = conversations.get(status.id) ?? root.id;
      }
      entries.push(entry);
    }
    return { entries, cursors: newest ? { [NOTIFICATIONS]: newest } : {} };
  }

  private entryOf(kind: InboxEntryKind, status: InboxStatus): InboxEntry {
    const content = plainTextOfContent(status.content ?? '');
    const warning = status.spoiler_text?.trim();
    const url = status.url || status.uri;
    const parent = { id: status.id, url };
    return {
      kind,
      remoteId: status.id,
      remoteUrl: url,
      replyRef: { parent, root: parent },
      author: {
        remoteId: status.account.id,
        handle: absoluteHandle(status.account.acct, this.host),
        name: displayName(status.account),
        ...(status.account.avatar ? { avatarUrl: status.account.avatar } : {}),
      },
      text: warning ? `${warning}\n\n${content}` : content,
      createdAt: new Date(status.created_at).toISOString(),
    };
  }

  /** Conversation ids by their newest status, from the server's list of direct conversations. */
  private async conversationsByStatus(): Promise<Map<string, string>> {
    const byStatus = new Map<string, string>();
    if (this.conversationsOffered === false) return byStatus;
    try {
      const { body } = await this.call<MastodonConversation[]>('/api/v1/conversations', {
        limit: PAGE_LIMIT,
      });
      this.conversationsOffered = Array.isArray(body);
      if (!Array.isArray(body)) return byStatus;
      for (const conversation of body) {
        if (conversation.last_status?.id) byStatus.set(conversation.last_status.id, conversation.id);
      }
    } catch (error) {
      if (!isHttpStatus(error, 404, 405, 501)) throw error;
      this.conversationsOffered = false;
    }
    return byStatus;
  }

  /** The first status of the thread the status is in (itself when it starts one). */
  private async threadRoot(status: InboxStatus): Promise<MastodonStatus> {
    if (!status.in_reply_to_id) return status;
    try {
      const { body } = await this.call<{ ancestors?: MastodonStatus[] }>(
        `/api/v1/statuses/${encodeURIComponent(status.id)}/context`,
      );
      return body.ancestors?.[0] ?? status;
    } catch (error) {
      if (isHttpStatus(error, 404, 410)) return status;
      throw error;
    }
  }

  private call<T>(path: string, query: Record<string, string | number | undefined> = {}) {
    return mastodonFetch<T>(this.options.instanceUrl, path, {
      accessToken: this.options.accessToken,
      query,
    });
  }
}

function inboxKind(
  notification: InboxNotification,
  status: InboxStatus,
  ownId: string,
): InboxEntryKind | undefined {
  // The account's own statuses (snac2 notifies about them in some cases) are not things said to it.
  if (status.account.id === ownId) return undefined;
  const kind = notificationKind(notification, ownId);
  if (kind !== 'mention' && kind !== 'reply' && kind !== 'quote') return undefined;
  return status.visibility === 'direct' || status.visibility === 'private' ? 'dm' : kind;
}

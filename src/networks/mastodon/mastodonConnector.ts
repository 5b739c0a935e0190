// The Mastodon connector: publishes text, images with alt text, self-reply threads and quotes (as the
// quoted post's link ending the text: the client API has no quote every server understands) to any
// server that speaks the Mastodon client API, verifies the account, deletes, and reads Streams.
//
// Not posting twice: every status is created with the publish key as its Idempotency-Key, which
// Mastodon honours (it replays the first answer for an hour). Servers that ignore the header (snac2)
// are covered by the publish log: before a retry, and in findPublished, the account's own recent
// statuses are searched for one that matches the logged attempt — same comparable text, same reply
// target, same number of images, created no earlier than the first attempt (less a clock allowance)
// and not already claimed by another key. Limits of that match, by design:
// - two keys publishing identical text as the same reply within the window are told apart only by
//   order (oldest unclaimed first), so the pair as a whole is right but not necessarily each pairing;
// - a status edited after publishing, or rendered very differently by the server (custom emoji
//   shortcodes, a link shown as anything but its full address), no longer matches and would be posted
//   again; a quote's link is part of the text that is hashed, so it matches like any other link;
// - only the newest MAX_PAGES × 40 statuses are searched;
// - without a durable log (the in-memory default), a crash forgets the attempt.
import { randomUUID } from 'node:crypto';
import { textRuleFor } from '../../core/textRules/index.ts';
import {
  type AccountProfile,
  type Connection,
  type Connector,
  ConnectorError,
  type ImageUpload,
  type PublishRequest,
  type RemotePost,
} from '../connector.ts';
import type { InboxReader } from '../inboxReader.ts';
import type { StreamReader } from '../streamReader.ts';
import { isHttpStatus, mastodonFetch, normaliseInstanceUrl } from './mastodonHttp.ts';
import { MastodonInboxReader } from './mastodonInboxReader.ts';
import { MastodonStreamReader } from './mastodonStreamReader.ts';
import { createMemoryPublishLog, type PublishAttempt, type PublishLog, textHash } from './publishLog.ts';
import { plainTextOfContent } from './statusText.ts';

export interface MastodonCredentials {
  instanceUrl: string;
  accessToken: string;
}

export interface MastodonConnectorOptions {
  /** Defaults to a log in memory, which does not survive a restart. */
  publishLog?: PublishLog;
}

/** How far the server's clock may run behind ours when matching statuses to an attempt. */
const CLOCK_ALLOWANCE_MS = 5 * 60_000;
const MAX_PAGES = 5;
const PAGE_SIZE = 40;
const MEDIA_READY_TIMEOUT_MS = 60_000;

interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name?: string;
  avatar?: string;
}

interface MastodonStatus {
  id: string;
  url?: string | null;
  uri: string;
  created_at: string;
  content: string;
  /** Plain source text: Mastodon sends it only in some answers, snac2 in all. */
  text?: string | null;
  in_reply_to_id?: string | null;
  media_attachments?: { id: string; description?: string | null }[];
}

interface MastodonMedia {
  id: string;
  url?: string | null;
}

export function createMastodonConnector(
  options: MastodonConnectorOptions = {},
): Connector<MastodonCredentials> {
  const publishLog = options.publishLog ?? createMemoryPublishLog();
  return {
    network: 'mastodon',
    capabilities: { publish: true, maxImages: 4, altText: true, threads: true, delete: true },
    // Mastodon's default 500; instanceTextRule() (mastodonInstance.ts) reads a server's own limit.
    textRule: textRuleFor('mastodon'),
    newPublishKey: () => randomUUID(),
    async connect(credentials) {
      return new MastodonConnection(
        normaliseInstanceUrl(credentials.instanceUrl),
        credentials.accessToken,
        publishLog,
      );
    },
  };
}

export const mastodonConnector: Connector<MastodonCredentials> = createMastodonConnector();

class MastodonConnection implements Connection {
  private account: MastodonAccount | undefined;
  private reader: StreamReader | undefined;
  private inboxReader: InboxReader | undefined;

  constructor(
    private readonly instanceUrl: string,
    private readonly accessToken: string,
    private readonly publishLog: PublishLog,
  ) {}

  async verify(): Promise<AccountProfile> {
    const account = await this.ownAccount();
    const profile: AccountProfile = {
      remoteId: account.id,
      handle: `${account.username}@${new URL(this.instanceUrl).host}`,
      displayName: account.display_name || account.username,
    };
    if (account.avatar) profile.avatarUrl = account.avatar;
    return profile;
  }

  async publish(request: PublishRequest): Promise<RemotePost> {
    const inReplyToId = request.replyTo?.parent.id;
    const images = request.images ?? [];
    const text = statusTextOf(request);
    const logged = await this.publishLog.get(request.publishKey);
    if (logged?.statusId) return { id: logged.statusId, url: logged.statusUrl ?? logged.statusId };
    if (logged) {
      const found = await this.findByAttempt(request.publishKey, logged);
      if (found) return found;
    }
    const attempt: PublishAttempt = logged ?? {
      textHash: textHash(text),
      imageCount: images.length,
      startedAt: new Date(),
      ...(inReplyToId ? { inReplyToId } : {}),
    };
    if (!logged) await this.publishLog.put(request.publishKey, attempt);

    const mediaIds: string[] = [];
    for (const image of images) mediaIds.push(await this.uploadImage(image));
    const { body: status } = await this.call<MastodonStatus>('/api/v1/statuses', {
      method: 'POST',
      headers: { 'idempotency-key': request.publishKey },
      body: {
        status: text,
        visibility: 'public',
        ...(mediaIds.length > 0 ? { media_ids: mediaIds } : {}),
        ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}),
      },
    });
    const post = remotePost(status);
    await this.publishLog.put(request.publishKey, { ...attempt, statusId: post.id, statusUrl: post.url });
    return post;
  }

  async findPublished(publishKey: string): Promise<RemotePost | undefined> {
    const logged = await this.publishLog.get(publishKey);
    if (!logged) return undefined;
    if (logged.statusId) {
      const status = await this.statusIfExists(logged.statusId);
      return status && remotePost(status);
    }
    return this.findByAttempt(publishKey, logged);
  }

  async delete(post: RemotePost): Promise<void> {
    try {
      await this.call(`/api/v1/statuses/${encodeURIComponent(post.id)}`, { method: 'DELETE' });
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'rejected') throw error;
      // A refusal may mean the status is already gone (done), or that the server offers no deletion
      // through this API (snac2 answers 404 while the status is still there): tell them apart.
      if (!(await this.statusIfExists(post.id))) return;
      throw new ConnectorError(
        'rejected',
        `${new URL(this.instanceUrl).host} did not delete the post and it is still there: this server may not ` +
          `support deleting through the Mastodon API; delete it on the server's own web page (${post.url}). ` +
          `The server said: ${error.message}`,
      );
    }
  }

  streams(): StreamReader {
    this.reader ??= new MastodonStreamReader({
      instanceUrl: this.instanceUrl,
      accessToken: this.accessToken,
      ownAccountId: async () => (await this.ownAccount()).id,
    });
    return this.reader;
  }

  inbox(): InboxReader {
    this.inboxReader ??= new MastodonInboxReader({
      instanceUrl: this.instanceUrl,
      accessToken: this.accessToken,
      ownAccountId: async () => (await this.ownAccount()).id,
    });
    return this.inboxReader;
  }

  private async ownAccount(): Promise<MastodonAccount> {
    if (this.account) return this.account;
    try {
      const { body } = await this.call<MastodonAccount>('/api/v1/accounts/verify_credentials');
      this.account = body;
      return body;
    } catch (error) {
      // This request has no content that could be refused, so a refusal is about the token (snac2
      // answers an unknown token here with a bare 422).
      if (error instanceof ConnectorError && error.kind === 'rejected') {
        throw new ConnectorError(
          'auth',
          `The server did not accept the account's access token; reconnect the account (${error.message})`,
        );
      }
      throw error;
    }
  }

  private async uploadImage(image: ImageUpload): Promise<string> {
    const form = () => {
      const data = new FormData();
      const extension = image.mimeType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
      data.set(
        'file',
        new Blob([new Uint8Array(image.data)], { type: image.mimeType }),
        `image.${extension}`,
      );
      data.set('description', image.alt);
      return data;
    };
    let response: { status: number; body: MastodonMedia };
    try {
      response = await this.call<MastodonMedia>('/api/v2/media', { method: 'POST', body: form() });
    } catch (error) {
      // Servers older than Mastodon 3.1 have only the v1 endpoint.
      if (!isHttpStatus(error, 404)) throw error;
      response = await this.call<MastodonMedia>('/api/v1/media', { method: 'POST', body: form() });
    }
    // 202 means the server is still processing: a status cannot carry the image until it is ready.
    if (response.status === 202 || !response.body.url) await this.waitForMedia(response.body.id);
    return response.body.id;
  }

  private async waitForMedia(mediaId: string): Promise<void> {
    const deadline = Date.now() + MEDIA_READY_TIMEOUT_MS;
    for (let wait = 200; Date.now() < deadline; wait = Math.min(wait * 2, 2_000)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const { status, body } = await this.call<MastodonMedia>(`/api/v1/media/${encodeURIComponent(mediaId)}`);
      if (status === 200 && body.url) return;
    }
    throw new ConnectorError(
      'transient',
      `The server was still processing an image after ${MEDIA_READY_TIMEOUT_MS / 1000} s`,
    );
  }

  private async statusIfExists(statusId: string): Promise<MastodonStatus | undefined> {
    try {
      return (await this.call<MastodonStatus>(`/api/v1/statuses/${encodeURIComponent(statusId)}`)).body;
    } catch (error) {
      if (isHttpStatus(error, 404, 410)) return undefined;
      throw error;
    }
  }

  /** The oldest own status since the attempt began that matches it and no other key has claimed. */
  private async findByAttempt(publishKey: string, attempt: PublishAttempt): Promise<RemotePost | undefined> {
    const account = await this.ownAccount();
    const since = attempt.startedAt.getTime() - CLOCK_ALLOWANCE_MS;
    const seen = new Set<string>();
    const candidates: MastodonStatus[] = [];
    let maxId: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { body } = await this.call<MastodonStatus[]>(
        `/api/v1/accounts/${encodeURIComponent(account.id)}/statuses`,
        {
          query: { limit: PAGE_SIZE, max_id: maxId },
        },
      );
      const fresh = body.filter((status) => !seen.has(status.id));
      // A server that ignores max_id sends the same page again: nothing older can be had.
      if (fresh.length === 0) break;
      for (const status of fresh) {
        seen.add(status.id);
        if (Date.parse(status.created_at) >= since && matchesAttempt(status, attempt))
          candidates.push(status);
      }
      const oldest = fresh.reduce((a, b) => (Date.parse(a.created_at) <= Date.parse(b.created_at) ? a : b));
      if (Date.parse(oldest.created_at) < since) break;
      maxId = fresh[fresh.length - 1]?.id;
    }
    candidates.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    for (const status of candidates) {
      const claimedBy = await this.publishLog.keyOfStatus(status.id);
      if (claimedBy && claimedBy !== publishKey) continue;
      const post = remotePost(status);
      await this.publishLog.put(publishKey, { ...attempt, statusId: post.id, statusUrl: post.url });
      return post;
    }
    return undefined;
  }

  private call<T>(path: string, request: Parameters<typeof mastodonFetch>[2] = {}) {
    return mastodonFetch<T>(this.instanceUrl, path, { ...request, accessToken: this.accessToken });
  }
}

/** The text sent as the status: a quoted post's link ends it, after a blank line. */
function statusTextOf(request: PublishRequest): string {
  if (!request.quote) return request.text;
  return request.text.trim() ? `${request.text}\n\n${request.quote.url}` : request.quote.url;
}

function matchesAttempt(status: MastodonStatus, attempt: PublishAttempt): boolean {
  if ((status.in_reply_to_id ?? undefined) !== attempt.inReplyToId) return false;
  if ((status.media_attachments?.length ?? 0) !== attempt.imageCount) return false;
  const hash = attempt.textHash;
  if (typeof status.text === 'string' && textHash(status.text) === hash) return true;
  return textHash(plainTextOfContent(status.content)) === hash;
}

function remotePost(status: MastodonStatus): RemotePost {
  return { id: status.id, url: status.url || status.uri };
}

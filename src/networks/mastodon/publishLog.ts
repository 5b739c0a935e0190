// What the Mastodon connector remembers about each publish key, so a retry after a crash finds the
// status instead of posting it twice on servers that ignore the Idempotency-Key header.
//
// Mastodon lets a client choose no id for a status, so a status is recognised by what the log holds:
// a hash of its comparable text, its reply target and image count, and when the first attempt began.
// The log has to outlive the process to help after a crash: the publish worker passes one backed by
// its database; the in-memory log serves a single process and the tests.
import { createHash } from 'node:crypto';
import { comparableText } from './statusText.ts';

export interface PublishAttempt {
  /** sha256 of the comparable text (see statusText.ts), hex. */
  textHash: string;
  inReplyToId?: string;
  imageCount: number;
  /** When the first attempt under this key began, by this machine's clock. */
  startedAt: Date;
  /** Set once the server has answered with the status. */
  statusId?: string;
  statusUrl?: string;
}

export interface PublishLog {
  get(publishKey: string): Promise<PublishAttempt | undefined>;
  put(publishKey: string, attempt: PublishAttempt): Promise<void>;
  /** The key a status was already matched to, so two keys never claim one status. */
  keyOfStatus(statusId: string): Promise<string | undefined>;
}

export function textHash(text: string): string {
  return createHash('sha256').update(comparableText(text)).digest('hex');
}

export function createMemoryPublishLog(): PublishLog {
  const attempts = new Map<string, PublishAttempt>();
  return {
    async get(publishKey) {
      const attempt = attempts.get(publishKey);
      return attempt && { ...attempt };
    },
    async put(publishKey, attempt) {
      attempts.set(publishKey, { ...attempt });
    },
    async keyOfStatus(statusId) {
      for (const [key, attempt] of attempts) if (attempt.statusId === statusId) return key;
      return undefined;
    },
  };
}

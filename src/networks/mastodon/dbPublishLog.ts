// The Mastodon publish log kept in the database (mastodon_publish_log), one per account, so an attempt
// survives a crash and a retry on another worker finds the status instead of posting it again.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { mastodonPublishLog } from '../../db/schema.ts';
import type { PublishAttempt, PublishLog } from './publishLog.ts';

export function createDbPublishLog(q: Queryable, accountId: string): PublishLog {
  return {
    async get(publishKey) {
      const [row] = await q
        .select()
        .from(mastodonPublishLog)
        .where(
          and(eq(mastodonPublishLog.publishKey, publishKey), eq(mastodonPublishLog.accountId, accountId)),
        );
      if (!row) return undefined;
      const attempt: PublishAttempt = {
        textHash: row.textHash,
        imageCount: row.imageCount,
        startedAt: row.startedAt,
      };
      if (row.inReplyToId !== null) attempt.inReplyToId = row.inReplyToId;
      if (row.statusId !== null) attempt.statusId = row.statusId;
      if (row.statusUrl !== null) attempt.statusUrl = row.statusUrl;
      return attempt;
    },
    async put(publishKey, attempt) {
      const values = {
        textHash: attempt.textHash,
        inReplyToId: attempt.inReplyToId ?? null,
        imageCount: attempt.imageCount,
        startedAt: attempt.startedAt,
        statusId: attempt.statusId ?? null,
        statusUrl: attempt.statusUrl ?? null,
      };
      await q
        .insert(mastodonPublishLog)
        .values({ publishKey, accountId, ...values })
        .onConflictDoUpdate({ target: mastodonPublishLog.publishKey, set: values });
    },
    async keyOfStatus(statusId) {
      const [row] = await q
        .select({ publishKey: mastodonPublishLog.publishKey })
        .from(mastodonPublishLog)
        .where(and(eq(mastodonPublishLog.statusId, statusId), eq(mastodonPublishLog.accountId, accountId)));
      return row?.publishKey;
    },
  };
}

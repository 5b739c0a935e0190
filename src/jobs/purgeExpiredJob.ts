// Removes what has expired: sessions, used or stale reset tokens, old failed sign-ins, stale invitations,
// and account connections (OAuth states) that were started and never finished.
import { isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { invitations, loginFailures, oauthStates, passwordResets, sessions } from '../db/schema.ts';
import type { JobQueue } from './jobQueue.ts';

export const PURGE_EXPIRED = 'purge-expired';

export async function purgeExpired(db: Db, now = new Date()): Promise<Record<string, number>> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const monthAgo = new Date(now.getTime() - 30 * 24 * 3600_000);
  const removed = {
    sessions: (await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning()).length,
    passwordResets: (
      await db
        .delete(passwordResets)
        .where(or(lt(passwordResets.expiresAt, now), isNotNull(passwordResets.usedAt)))
        .returning()
    ).length,
    loginFailures: (await db.delete(loginFailures).where(lt(loginFailures.at, dayAgo)).returning()).length,
    invitations: (await db.delete(invitations).where(lt(invitations.expiresAt, monthAgo)).returning()).length,
    oauthStates: (await db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)).returning()).length,
  };
  return removed;
}

export async function workPurgeExpired(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.work(PURGE_EXPIRED, async () => {
    await purgeExpired(db);
  });
  await jobs.schedule(PURGE_EXPIRED, '*/15 * * * *');
}

// Sign-in sessions: the cookie holds a random token, the database only its hash.
import { and, eq, gt } from 'drizzle-orm';
import { hashToken, newToken } from '../core/secretToken.ts';
import type { Queryable } from '../db/database.ts';
import { sessions, users } from '../db/schema.ts';

export const SESSION_DAYS = 30;

export async function createSession(
  q: Queryable,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600_000);
  await q.insert(sessions).values({ idHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export async function sessionUser(q: Queryable, token: string) {
  const [row] = await q
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      lastWorkspaceId: users.lastWorkspaceId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

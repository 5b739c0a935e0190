// Signs a person in with email and password, slowing down guessing per account and per address.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { tooManyRequests, unauthorized } from '../core/appError.ts';
import { loginFailures, users } from '../db/schema.ts';
import type { CommandContext } from './context.ts';
import { verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export async function signIn(ctx: CommandContext, input: { email: string; password: string; ip: string }) {
  const { db } = ctx.database;
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [perAccount] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)));
  const [perIp] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, input.ip), gt(loginFailures.at, since)));
  if ((perAccount?.n ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (perIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    throw tooManyRequests(
      `Too many failed sign-in attempts. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again, or reset your password.`,
    );
  }
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
    await db.insert(loginFailures).values({ email, ip: input.ip });
    throw unauthorized('That email and password do not match an account.');
  }
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
  const session = await createSession(db, user.id);
  return { userId: user.id, session };
}

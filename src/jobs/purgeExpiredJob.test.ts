import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../core/secretToken.ts';
import {
  invitations,
  loginFailures,
  oauthStates,
  passwordResets,
  sessions,
  users,
  workspaces,
} from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase.ts';
import { purgeExpired } from './purgeExpiredJob.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('purgeExpired', () => {
  it('removes expired sessions, spent reset links, old failed sign-ins, long-expired invitations and abandoned account connections, and keeps the rest', async () => {
    const { db } = database;
    const now = new Date('2026-06-01T12:00:00Z');
    const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3600_000);
    const [user] = await db
      .insert(users)
      .values({ email: 'a@example.com', name: 'A', passwordHash: 'x' })
      .returning();
    const [workspace] = await db.insert(workspaces).values({ name: 'W' }).returning();
    await db.insert(sessions).values([
      { idHash: hashToken('expired'), userId: user!.id, expiresAt: hoursFromNow(-1) },
      { idHash: hashToken('live'), userId: user!.id, expiresAt: hoursFromNow(1) },
    ]);
    await db.insert(passwordResets).values([
      { tokenHash: hashToken('r-expired'), userId: user!.id, expiresAt: hoursFromNow(-1) },
      {
        tokenHash: hashToken('r-used'),
        userId: user!.id,
        expiresAt: hoursFromNow(1),
        usedAt: hoursFromNow(-0.5),
      },
      { tokenHash: hashToken('r-live'), userId: user!.id, expiresAt: hoursFromNow(1) },
    ]);
    await db.insert(loginFailures).values([
      { email: 'a@example.com', ip: '192.0.2.1', at: hoursFromNow(-25) },
      { email: 'a@example.com', ip: '192.0.2.1', at: hoursFromNow(-1) },
    ]);
    const invitation = (token: string, expiresAt: Date) => ({
      workspaceId: workspace!.id,
      role: 'viewer' as const,
      tokenHash: hashToken(token),
      invitedBy: user!.id,
      expiresAt,
    });
    await db
      .insert(invitations)
      .values([invitation('i-old', hoursFromNow(-31 * 24)), invitation('i-recent', hoursFromNow(-1))]);

    const oauthState = (state: string, expiresAt: Date) => ({
      state,
      workspaceId: workspace!.id,
      userId: user!.id,
      network: 'mastodon' as const,
      serviceUrl: 'https://mastodon.example',
      clientSealed: 'sealed',
      expiresAt,
    });
    await db
      .insert(oauthStates)
      .values([oauthState('abandoned', hoursFromNow(-1)), oauthState('in-progress', hoursFromNow(0.2))]);

    expect(await purgeExpired(db, now)).toEqual({
      sessions: 1,
      passwordResets: 2,
      loginFailures: 1,
      invitations: 1,
      oauthStates: 1,
    });
    expect((await db.select().from(oauthStates)).map((o) => o.state)).toEqual(['in-progress']);
    expect((await db.select().from(sessions)).map((s) => s.idHash)).toEqual([hashToken('live')]);
    expect((await db.select().from(passwordResets)).map((r) => r.tokenHash)).toEqual([hashToken('r-live')]);
    expect(await db.select().from(loginFailures)).toHaveLength(1);
    // A recently expired invitation stays a while, so its link can still say "expired" rather than "not found".
    expect((await db.select().from(invitations)).map((i) => i.tokenHash)).toEqual([hashToken('i-recent')]);
  });
});

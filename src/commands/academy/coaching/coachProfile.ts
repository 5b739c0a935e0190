// A member's coach profile (their hours, in their own time zone) and the list of the workspace's coaches.
import { and, asc, eq } from 'drizzle-orm';
import type { CoachException, WeeklyWindow } from '../../../core/academy/academyTypes.ts';
import { availabilityProblems } from '../../../core/academy/coachingSlots.ts';
import { badRequest } from '../../../core/appError.ts';
import { isTimeZone } from '../../../core/zonedTime.ts';
import { coaches, memberships, users } from '../../../db/schema.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';

export interface CoachProfileInput {
  bio: string;
  timeZone: string;
  sessionMinutes: number;
  noticeHours: number;
  weekly: WeeklyWindow[];
  exceptions: CoachException[];
  active: boolean;
}

type CoachRow = typeof coaches.$inferSelect;

function profileView(row: CoachRow) {
  return {
    id: row.id,
    bio: row.bio,
    timeZone: row.timeZone,
    sessionMinutes: row.sessionMinutes,
    noticeHours: row.noticeHours,
    weekly: row.weekly,
    exceptions: row.exceptions,
    active: row.active,
  };
}

/** Windows of a day in start order, days in weekday order, exceptions by date: as people read them. */
function tidy(input: CoachProfileInput): Pick<CoachProfileInput, 'weekly' | 'exceptions'> {
  return {
    weekly: [...input.weekly]
      .map(({ weekday, start, end }) => ({ weekday, start, end }))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    exceptions: [...input.exceptions]
      .map(({ date, windows }) => ({
        date,
        windows: windows
          .map(({ start, end }) => ({ start, end }))
          .sort((a, b) => a.start.localeCompare(b.start)),
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}

export async function getMyCoachProfile(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const [row] = await db
    .select()
    .from(coaches)
    .where(and(eq(coaches.workspaceId, workspaceId), eq(coaches.userId, ctx.actorId)));
  return { coach: row ? profileView(row) : null };
}

/** Becomes a coach, or changes one's hours. Sessions already booked stay as they are. */
export async function saveMyCoachProfile(ctx: ActorContext, workspaceId: string, input: CoachProfileInput) {
  if (!isTimeZone(input.timeZone)) {
    throw badRequest(
      `"${input.timeZone}" is not a time zone this server knows. Choose one such as Asia/Dhaka.`,
      {
        timeZone: 'Choose a time zone from the list.',
      },
    );
  }
  const problems = availabilityProblems(input.weekly, input.exceptions);
  if (problems.length > 0) {
    throw badRequest(
      `Check your hours: ${problems.map((p) => p.message).join(' ')}`,
      Object.fromEntries(problems.map((p) => [p.path, p.message])),
    );
  }
  const values = { ...input, ...tidy(input) };
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const [row] = await tx
      .insert(coaches)
      .values({ workspaceId, userId: ctx.actorId, ...values })
      .onConflictDoUpdate({ target: [coaches.workspaceId, coaches.userId], set: values })
      .returning();
    return { coach: profileView(row!) };
  });
}

/** The coaches taking bookings in the workspace, by name. */
export async function listCoaches(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const rows = await db
    .select({
      id: coaches.id,
      userId: coaches.userId,
      name: users.name,
      bio: coaches.bio,
      timeZone: coaches.timeZone,
      sessionMinutes: coaches.sessionMinutes,
      noticeHours: coaches.noticeHours,
    })
    .from(coaches)
    .innerJoin(users, eq(users.id, coaches.userId))
    // Someone who left the workspace no longer coaches in it.
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, coaches.workspaceId), eq(memberships.userId, coaches.userId)),
    )
    .where(and(eq(coaches.workspaceId, workspaceId), eq(coaches.active, true)))
    .orderBy(asc(users.name));
  return { coaches: rows };
}

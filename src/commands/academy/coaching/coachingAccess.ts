// Finds a coach or a booking for the actor. Someone outside the coach's workspace, or a booking that is
// neither theirs as member nor as coach, gets "not found", never a hint that it exists.
import { eq, inArray } from 'drizzle-orm';
import type { Availability } from '../../../core/academy/coachingSlots.ts';
import { notFound } from '../../../core/appError.ts';
import type { Queryable, Tx } from '../../../db/database.ts';
import { coaches, coachingBookings, users } from '../../../db/schema.ts';
import type { MailLocale } from '../../../mail/mailTemplates.ts';
import { memberRole } from '../../workspaceAccess.ts';

export type CoachRow = typeof coaches.$inferSelect;
export type BookingRow = typeof coachingBookings.$inferSelect;

export const SLOT_TAKEN = 'This slot was just booked by someone else. Pick another time.';

export function availabilityOf(coach: CoachRow): Availability {
  return {
    timeZone: coach.timeZone,
    sessionMinutes: coach.sessionMinutes,
    noticeHours: coach.noticeHours,
    weekly: coach.weekly,
    exceptions: coach.exceptions,
  };
}

/** The coach with their name, when the actor belongs to the coach's workspace and the coach still does. */
export async function coachForMember(q: Queryable, coachId: string, actorId: string) {
  const [row] = await q
    .select({ coach: coaches, name: users.name })
    .from(coaches)
    .innerJoin(users, eq(users.id, coaches.userId))
    .where(eq(coaches.id, coachId));
  if (!row) throw notFound('The coach');
  if (!(await memberRole(q, row.coach.workspaceId, actorId))) throw notFound('The coach');
  if (!(await memberRole(q, row.coach.workspaceId, row.coach.userId))) throw notFound('The coach');
  return row;
}

/** The booking and its coach, locked for a change, when the actor is its member or its coach. */
export async function lockBookingForChange(tx: Tx, bookingId: string, actorId: string) {
  const [row] = await tx
    .select({ booking: coachingBookings, coach: coaches })
    .from(coachingBookings)
    .innerJoin(coaches, eq(coaches.id, coachingBookings.coachId))
    .where(eq(coachingBookings.id, bookingId))
    .for('update', { of: coachingBookings });
  if (!row) throw notFound('The session');
  const { booking, coach } = row;
  const involved = booking.memberId === actorId || coach.userId === actorId;
  if (!involved || !(await memberRole(tx, coach.workspaceId, actorId))) throw notFound('The session');
  return { booking, coach, actorIs: coach.userId === actorId ? ('coach' as const) : ('member' as const) };
}

/** Whether a failed statement broke the one-booked-session-per-start rule. */
export function isSlotTaken(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && (constraint === undefined || constraint === 'coaching_bookings_slot_key'))
      return true;
  }
  return false;
}

/** The people of a booking, as emails address them. */
export async function bookingPeople(q: Queryable, coachUserId: string, memberId: string) {
  const people = await q
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.id, [coachUserId, memberId]));
  const find = (id: string) => {
    const person = people.find((p) => p.id === id)!;
    const locale: MailLocale = person.locale === 'bn' ? 'bn' : 'en';
    return { name: person.name, email: person.email, locale };
  };
  return { coach: find(coachUserId), member: find(memberId) };
}

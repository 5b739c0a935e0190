// Coaching sessions: a coach's free slots, booking one, the sessions a person has as member and as
// coach, cancelling and moving one. Two people asking for the same slot at once meet at the database's
// unique index on (coach, start) for booked sessions: exactly one gets it. Every change emails both
// people a calendar invitation, queued in the same transaction as the change.
import { and, asc, sql as dsql, eq, gt, lt, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { earliestBookable, freeSlots, isOfferedSlot } from '../../../core/academy/coachingSlots.ts';
import { badRequest, conflict } from '../../../core/appError.ts';
import type { Queryable, SqlExecutor, Tx } from '../../../db/database.ts';
import { coaches, coachingBookings, users } from '../../../db/schema.ts';
import { SEND_MAIL } from '../../../jobs/sendMailJob.ts';
import { type CoachingChange, coachingMails } from '../../../mail/coachingMail.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';
import {
  availabilityOf,
  type BookingRow,
  bookingPeople,
  type CoachRow,
  coachForMember,
  isSlotTaken,
  lockBookingForChange,
  SLOT_TAKEN,
} from './coachingAccess.ts';

const HOUR_MS = 3_600_000;

/** An instant as people read it in an error message: "2026-03-02 09:00 UTC". */
const utcText = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const hoursText = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);

/** The last moment a session can be cancelled or moved. */
export const changeDeadline = (startsAt: Date, noticeHours: number) =>
  new Date(startsAt.getTime() - noticeHours * HOUR_MS);

/** Booked sessions of the coach that overlap [from, to), leaving out one booking when it moves. */
async function bookedBetween(q: Queryable, coachId: string, from: Date, to: Date, except?: string) {
  return q
    .select({ startsAt: coachingBookings.startsAt, endsAt: coachingBookings.endsAt })
    .from(coachingBookings)
    .where(
      and(
        eq(coachingBookings.coachId, coachId),
        eq(coachingBookings.status, 'booked'),
        lt(coachingBookings.startsAt, to),
        gt(coachingBookings.endsAt, from),
        except ? ne(coachingBookings.id, except) : undefined,
      ),
    );
}

export async function listFreeSlots(ctx: ActorContext, coachId: string, range: { from: Date; to: Date }) {
  const { db } = ctx.database;
  const { coach } = await coachForMember(db, coachId, ctx.actorId);
  const view = {
    coachId: coach.id,
    timeZone: coach.timeZone,
    sessionMinutes: coach.sessionMinutes,
    noticeHours: coach.noticeHours,
    active: coach.active,
  };
  if (!coach.active) return { ...view, slots: [] };
  // Overlap, not start: a booking that began before the range can still cover its first slot.
  const booked = await bookedBetween(db, coach.id, range.from, range.to);
  return { ...view, slots: freeSlots(availabilityOf(coach), range, booked, new Date()) };
}

/** Refuses a start that is not one of the coach's free slots now (the booking itself aside when it moves). */
async function checkFreeSlot(tx: Tx, coach: CoachRow, coachName: string, startsAt: Date, except?: string) {
  const availability = availabilityOf(coach);
  const earliest = earliestBookable(availability, new Date());
  if (startsAt < earliest) {
    throw badRequest(
      `${coachName} needs ${hoursText(coach.noticeHours)} notice: pick a start at ${utcText(earliest)} or later.`,
      { startsAt: 'Too soon for the coach’s notice period.' },
    );
  }
  if (!isOfferedSlot(availability, startsAt)) {
    throw badRequest(`That time is not one of ${coachName}’s slots. Pick a time from the free slots.`, {
      startsAt: 'Not one of the coach’s slots.',
    });
  }
  const endsAt = new Date(startsAt.getTime() + coach.sessionMinutes * 60_000);
  const clashes = await bookedBetween(tx, coach.id, startsAt, endsAt, except);
  if (clashes.length > 0) throw conflict(SLOT_TAKEN, { startsAt: 'Already booked.' });
  return endsAt;
}

/** Runs a change; the unique index refusing a second booked session at one start becomes a 409. */
async function guardSlot<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isSlotTaken(error)) throw conflict(SLOT_TAKEN, { startsAt: 'Already booked.' });
    throw error;
  }
}

async function notify(
  ctx: ActorContext,
  tx: Tx,
  sql: SqlExecutor,
  change: CoachingChange,
  booking: BookingRow,
  coach: CoachRow,
  changedBy: 'coach' | 'member',
  previous?: { startsAt: Date; endsAt: Date },
) {
  const people = await bookingPeople(tx, coach.userId, booking.memberId);
  const mails = coachingMails({
    change,
    bookingId: booking.id,
    sequence: booking.sequence,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    previousStartsAt: previous?.startsAt,
    previousEndsAt: previous?.endsAt,
    topic: booking.topic,
    coach: { ...people.coach, timeZone: coach.timeZone },
    member: people.member,
    changedBy,
    link: `${ctx.config.publicUrl}/w/${coach.workspaceId}/academy/coaching`,
    uidHost: new URL(ctx.config.publicUrl).host,
    now: new Date(),
  });
  for (const mail of mails) await ctx.jobs.send(SEND_MAIL, mail, { in: sql });
}

function bookingView(booking: BookingRow) {
  return {
    id: booking.id,
    coachId: booking.coachId,
    memberId: booking.memberId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    topic: booking.topic,
    status: booking.status,
    sequence: booking.sequence,
  };
}

export async function bookSession(
  ctx: ActorContext,
  coachId: string,
  input: { startsAt: Date; topic: string },
) {
  await ctx.jobs.prepare(SEND_MAIL);
  return guardSlot(() =>
    ctx.database.transaction(async (tx, sql) => {
      const { coach, name } = await coachForMember(tx, coachId, ctx.actorId);
      if (coach.userId === ctx.actorId) throw badRequest('You cannot book a session with yourself.');
      if (!coach.active) throw conflict(`${name} is not taking bookings at the moment.`);
      const endsAt = await checkFreeSlot(tx, coach, name, input.startsAt);
      const [booking] = await tx
        .insert(coachingBookings)
        .values({
          coachId: coach.id,
          memberId: ctx.actorId,
          startsAt: input.startsAt,
          endsAt,
          topic: input.topic,
        })
        .returning();
      await notify(ctx, tx, sql, 'booked', booking!, coach, 'member');
      return bookingView(booking!);
    }),
  );
}

/** Refuses a change once the session is closer than the coach's notice period, naming the deadline. */
function refuseLateChange(booking: BookingRow, coach: CoachRow, what: 'cancelled' | 'moved') {
  if (booking.status !== 'booked') throw conflict('This session is already cancelled.');
  const deadline = changeDeadline(booking.startsAt, coach.noticeHours);
  if (new Date() >= deadline) {
    throw badRequest(
      `A session can be ${what} until ${hoursText(coach.noticeHours)} before it starts; the deadline for this one was ${utcText(deadline)}.`,
    );
  }
}

export async function cancelBooking(ctx: ActorContext, bookingId: string) {
  await ctx.jobs.prepare(SEND_MAIL);
  return ctx.database.transaction(async (tx, sql) => {
    const { booking, coach, actorIs } = await lockBookingForChange(tx, bookingId, ctx.actorId);
    refuseLateChange(booking, coach, 'cancelled');
    const [cancelled] = await tx
      .update(coachingBookings)
      .set({ status: 'cancelled', cancelledAt: new Date(), sequence: dsql`${coachingBookings.sequence} + 1` })
      .where(eq(coachingBookings.id, booking.id))
      .returning();
    await notify(ctx, tx, sql, 'cancelled', cancelled!, coach, actorIs);
    return bookingView(cancelled!);
  });
}

export async function rescheduleBooking(ctx: ActorContext, bookingId: string, input: { startsAt: Date }) {
  await ctx.jobs.prepare(SEND_MAIL);
  return guardSlot(() =>
    ctx.database.transaction(async (tx, sql) => {
      const { booking, coach, actorIs } = await lockBookingForChange(tx, bookingId, ctx.actorId);
      refuseLateChange(booking, coach, 'moved');
      if (booking.startsAt.getTime() === input.startsAt.getTime()) {
        throw badRequest('The session already starts at that time. Pick another one.', {
          startsAt: 'Same as now.',
        });
      }
      const [coachUser] = await tx.select({ name: users.name }).from(users).where(eq(users.id, coach.userId));
      const endsAt = await checkFreeSlot(tx, coach, coachUser!.name, input.startsAt, booking.id);
      const [moved] = await tx
        .update(coachingBookings)
        .set({ startsAt: input.startsAt, endsAt, sequence: dsql`${coachingBookings.sequence} + 1` })
        .where(eq(coachingBookings.id, booking.id))
        .returning();
      await notify(ctx, tx, sql, 'rescheduled', moved!, coach, actorIs, booking);
      return bookingView(moved!);
    }),
  );
}

/** The actor's sessions in the workspace that have not ended yet, as member and as coach, soonest first. */
export async function listMyBookings(ctx: ActorContext, workspaceId: string) {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const coachUser = alias(users, 'coach_user');
  const memberUser = alias(users, 'member_user');
  const rows = await db
    .select({
      booking: coachingBookings,
      coach: {
        id: coaches.id,
        userId: coaches.userId,
        timeZone: coaches.timeZone,
        noticeHours: coaches.noticeHours,
      },
      coachName: coachUser.name,
      memberName: memberUser.name,
    })
    .from(coachingBookings)
    .innerJoin(coaches, eq(coaches.id, coachingBookings.coachId))
    .innerJoin(coachUser, eq(coachUser.id, coaches.userId))
    .innerJoin(memberUser, eq(memberUser.id, coachingBookings.memberId))
    .where(
      and(
        eq(coaches.workspaceId, workspaceId),
        or(eq(coachingBookings.memberId, ctx.actorId), eq(coaches.userId, ctx.actorId)),
        gt(coachingBookings.endsAt, new Date()),
      ),
    )
    .orderBy(asc(coachingBookings.startsAt));
  return {
    bookings: rows.map(({ booking, coach, coachName, memberName }) => ({
      ...bookingView(booking),
      role: coach.userId === ctx.actorId ? ('coach' as const) : ('member' as const),
      coach: { id: coach.id, name: coachName, timeZone: coach.timeZone },
      member: { id: booking.memberId, name: memberName },
      noticeHours: coach.noticeHours,
      changeDeadline: changeDeadline(booking.startsAt, coach.noticeHours),
    })),
  };
}

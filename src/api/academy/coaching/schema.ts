import { z } from 'zod';
import { uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';
const INSTANT_MESSAGE =
  'Give the time as an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00+06:00.';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), INSTANT_MESSAGE);
const MAX_RANGE_DAYS = 31;

const time = z.string('Give the time as HH:MM.').max(5, 'Give the time as HH:MM.');
const windowSchema = z.object({ start: time, end: time }).strict();

export const coachParams = z.object({ coachId: uuidParam('The coach') }).strict();
export const bookingParams = z.object({ bookingId: uuidParam('The session') }).strict();

export const coachProfileBody = z
  .object({
    bio: z
      .string()
      .trim()
      .max(2000, 'Keep the introduction to at most 2000 characters.')
      .refine(noNul, NUL_MESSAGE),
    timeZone: z.string().min(1, 'Choose a time zone.').max(64, 'Choose a time zone from the list.'),
    sessionMinutes: z
      .number('Give the session length in minutes.')
      .int('Give the session length in whole minutes.')
      .min(15, 'A session is at least 15 minutes long.')
      .max(120, 'A session is at most 120 minutes long.'),
    noticeHours: z
      .number('Give the notice in hours.')
      .int('Give the notice in whole hours.')
      .min(0, 'The notice cannot be negative.')
      .max(168, 'Ask for at most 168 hours (one week) of notice.'),
    weekly: z
      .array(
        z
          .object({
            weekday: z
              .number('Give the weekday as a number from 0 (Sunday) to 6 (Saturday).')
              .int('Give the weekday as a number from 0 (Sunday) to 6 (Saturday).')
              .min(0, 'Give the weekday as a number from 0 (Sunday) to 6 (Saturday).')
              .max(6, 'Give the weekday as a number from 0 (Sunday) to 6 (Saturday).'),
            start: time,
            end: time,
          })
          .strict(),
      )
      .max(70, 'Give at most 70 weekly windows.'),
    exceptions: z
      .array(
        z
          .object({
            date: z.string('Give the date as YYYY-MM-DD.').max(10, 'Give the date as YYYY-MM-DD.'),
            windows: z.array(windowSchema).max(12, 'Give at most 12 windows on one date.'),
          })
          .strict(),
      )
      .max(366, 'Give at most 366 dates with different hours.'),
    active: z.boolean('Say whether you take bookings (true or false).'),
  })
  .strict();

export const slotsQuery = z
  .object({ from: instant, to: instant })
  .strict()
  .refine((q) => !(q.from instanceof Date && q.to instanceof Date) || q.to > q.from, {
    message: 'The end of the range must be after its start.',
    path: ['to'],
  })
  .refine(
    (q) =>
      !(q.from instanceof Date && q.to instanceof Date) ||
      q.to.getTime() - q.from.getTime() <= MAX_RANGE_DAYS * 86_400_000,
    { message: `Ask for at most ${MAX_RANGE_DAYS} days at a time.`, path: ['to'] },
  );

export const bookBody = z
  .object({
    startsAt: instant,
    topic: z
      .string()
      .trim()
      .max(500, 'Keep the topic to at most 500 characters.')
      .refine(noNul, NUL_MESSAGE)
      .default(''),
  })
  .strict();

export const rescheduleBody = z.object({ startsAt: instant }).strict();

const windowResponse = z.object({ start: z.string(), end: z.string() });

export const coachProfileResponse = z.object({
  coach: z
    .object({
      id: z.string(),
      bio: z.string(),
      timeZone: z.string(),
      sessionMinutes: z.number(),
      noticeHours: z.number(),
      weekly: z.array(windowResponse.extend({ weekday: z.number() })),
      exceptions: z.array(z.object({ date: z.string(), windows: z.array(windowResponse) })),
      active: z.boolean(),
    })
    .nullable(),
});

export const coachesResponse = z.object({
  coaches: z.array(
    z.object({
      id: z.string(),
      userId: z.string(),
      name: z.string(),
      bio: z.string(),
      timeZone: z.string(),
      sessionMinutes: z.number(),
      noticeHours: z.number(),
    }),
  ),
});

export const slotsResponse = z.object({
  coachId: z.string(),
  timeZone: z.string(),
  sessionMinutes: z.number(),
  noticeHours: z.number(),
  active: z.boolean(),
  slots: z.array(z.date()),
});

export const bookingResponse = z.object({
  id: z.string(),
  coachId: z.string(),
  memberId: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  topic: z.string(),
  status: z.enum(['booked', 'cancelled']),
  sequence: z.number(),
});

export const myBookingsResponse = z.object({
  bookings: z.array(
    bookingResponse.extend({
      role: z.enum(['member', 'coach']),
      coach: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
      member: z.object({ id: z.string(), name: z.string() }),
      noticeHours: z.number(),
      changeDeadline: z.date(),
    }),
  ),
});

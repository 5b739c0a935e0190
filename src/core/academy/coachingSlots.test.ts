import { describe, expect, it } from 'vitest';
import type { CoachException, WeeklyWindow } from './academyTypes.ts';
import {
  type Availability,
  availabilityProblems,
  freeSlots,
  isOfferedSlot,
  offeredSlots,
} from './coachingSlots.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (value: string) => new Date(value);

function availability(overrides: Partial<Availability>): Availability {
  return {
    timeZone: 'UTC',
    sessionMinutes: 30,
    noticeHours: 0,
    weekly: [],
    exceptions: [],
    ...overrides,
  };
}

// 2026-03-02 is a Monday; Europe/London moves its clocks forward at 01:00 UTC on Sunday 2026-03-29.
describe('offered slots, in the coach’s zone', () => {
  const cases: {
    name: string;
    availability: Partial<Availability>;
    from: string;
    to: string;
    expected: string[];
  }[] = [
    {
      name: 'Asia/Dhaka (UTC+6 all year): Monday 09:00–11:00 in half hours',
      availability: { timeZone: 'Asia/Dhaka', weekly: [{ weekday: 1, start: '09:00', end: '11:00' }] },
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-08T00:00:00Z',
      expected: [
        '2026-03-02T03:00:00.000Z',
        '2026-03-02T03:30:00.000Z',
        '2026-03-02T04:00:00.000Z',
        '2026-03-02T04:30:00.000Z',
      ],
    },
    {
      name: 'Asia/Dhaka: Monday 02:00 in Dhaka is still Sunday in UTC',
      availability: {
        timeZone: 'Asia/Dhaka',
        sessionMinutes: 60,
        weekly: [{ weekday: 1, start: '02:00', end: '04:00' }],
      },
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-03T00:00:00Z',
      expected: ['2026-03-01T20:00:00.000Z', '2026-03-01T21:00:00.000Z'],
    },
    {
      name: 'a session that would run past the window’s end is not offered',
      availability: { sessionMinutes: 45, weekly: [{ weekday: 1, start: '09:00', end: '10:40' }] },
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-03T00:00:00Z',
      expected: ['2026-03-02T09:00:00.000Z', '2026-03-02T09:45:00.000Z'],
    },
    {
      name: 'the range is half open: a start at `to` is left out, one at `from` kept',
      availability: { sessionMinutes: 60, weekly: [{ weekday: 1, start: '09:00', end: '12:00' }] },
      from: '2026-03-02T09:00:00Z',
      to: '2026-03-02T11:00:00Z',
      expected: ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'],
    },
    {
      name: 'an evening window may end at 24:00',
      availability: { sessionMinutes: 60, weekly: [{ weekday: 1, start: '22:00', end: '24:00' }] },
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-04T00:00:00Z',
      expected: ['2026-03-02T22:00:00.000Z', '2026-03-02T23:00:00.000Z'],
    },
    {
      name: 'an exception with hours replaces that day’s weekly hours; one without hours is a day off',
      availability: {
        timeZone: 'Asia/Dhaka',
        sessionMinutes: 60,
        weekly: [
          { weekday: 1, start: '09:00', end: '10:00' },
          { weekday: 2, start: '09:00', end: '10:00' },
          { weekday: 3, start: '09:00', end: '10:00' },
        ],
        exceptions: [
          { date: '2026-03-03', windows: [{ start: '14:00', end: '16:00' }] },
          { date: '2026-03-04', windows: [] },
          // A Saturday, which has no weekly hours: the exception adds some.
          { date: '2026-03-07', windows: [{ start: '10:00', end: '11:00' }] },
        ],
      },
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-08T00:00:00Z',
      expected: [
        '2026-03-02T03:00:00.000Z',
        '2026-03-03T08:00:00.000Z',
        '2026-03-03T09:00:00.000Z',
        '2026-03-07T04:00:00.000Z',
      ],
    },
    {
      name: 'Europe/London: 09:00 is 09:00 UTC before the March change and 08:00 UTC after it',
      availability: {
        timeZone: 'Europe/London',
        sessionMinutes: 60,
        weekly: [0, 1, 6].map((weekday) => ({ weekday, start: '09:00', end: '10:00' })),
      },
      from: '2026-03-28T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      expected: ['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    },
    {
      name: 'Europe/London: 00:00–04:00 on the night the clocks skip 01:00–02:00 holds three hours',
      availability: {
        timeZone: 'Europe/London',
        sessionMinutes: 60,
        weekly: [{ weekday: 0, start: '00:00', end: '04:00' }],
      },
      from: '2026-03-28T00:00:00Z',
      to: '2026-03-30T00:00:00Z',
      expected: ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    },
    {
      name: 'Europe/London: 00:00–03:00 on the October night 01:00–02:00 happens twice holds four hours',
      availability: {
        timeZone: 'Europe/London',
        sessionMinutes: 60,
        weekly: [{ weekday: 0, start: '00:00', end: '03:00' }],
      },
      from: '2026-10-24T00:00:00Z',
      to: '2026-10-26T00:00:00Z',
      expected: [
        '2026-10-24T23:00:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T02:00:00.000Z',
      ],
    },
  ];

  it.each(cases)('$name', ({ availability: overrides, from, to, expected }) => {
    expect(iso(offeredSlots(availability(overrides), at(from), at(to)))).toEqual(expected);
  });

  it('knows an offered start from one between sessions or outside the hours', () => {
    const hours = availability({
      timeZone: 'Asia/Dhaka',
      weekly: [{ weekday: 1, start: '09:00', end: '11:00' }],
    });
    expect(isOfferedSlot(hours, at('2026-03-02T03:30:00Z'))).toBe(true);
    expect(isOfferedSlot(hours, at('2026-03-02T03:15:00Z'))).toBe(false);
    expect(isOfferedSlot(hours, at('2026-03-02T05:00:00Z'))).toBe(false);
    expect(isOfferedSlot(hours, at('2026-03-03T03:00:00Z'))).toBe(false);
  });
});

describe('free slots', () => {
  const hours = availability({
    timeZone: 'Asia/Dhaka',
    sessionMinutes: 30,
    noticeHours: 24,
    weekly: [{ weekday: 1, start: '09:00', end: '11:00' }],
  });
  const range = { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-08T00:00:00Z') };
  const earlyNow = at('2026-02-20T00:00:00Z');

  it('leaves out booked sessions', () => {
    const booked = [{ startsAt: at('2026-03-02T03:30:00Z'), endsAt: at('2026-03-02T04:00:00Z') }];
    expect(iso(freeSlots(hours, range, booked, earlyNow))).toEqual([
      '2026-03-02T03:00:00.000Z',
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T04:30:00.000Z',
    ]);
  });

  it('leaves out starts that overlap a longer booking made before the session length changed', () => {
    const booked = [{ startsAt: at('2026-03-02T03:00:00Z'), endsAt: at('2026-03-02T04:00:00Z') }];
    expect(iso(freeSlots(hours, range, booked, earlyNow))).toEqual([
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T04:30:00.000Z',
    ]);
  });

  it('leaves out starts sooner than the notice period', () => {
    // 24 hours before 04:00 UTC on Monday: the 03:00 and 03:30 starts are too soon, 04:00 is just in time.
    const now = at('2026-03-01T04:00:00Z');
    expect(iso(freeSlots(hours, range, [], now))).toEqual([
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T04:30:00.000Z',
    ]);
    expect(iso(freeSlots({ ...hours, noticeHours: 0 }, range, [], now))).toHaveLength(4);
  });
});

describe('checking hours before they are saved', () => {
  const problems = (weekly: WeeklyWindow[], exceptions: CoachException[] = []) =>
    availabilityProblems(weekly, exceptions);

  it('accepts well-formed hours, touching windows and a day off', () => {
    expect(
      problems(
        [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '12:00', end: '13:00' },
          { weekday: 2, start: '09:00', end: '24:00' },
        ],
        [
          { date: '2026-03-04', windows: [] },
          { date: '2026-03-05', windows: [{ start: '10:00', end: '11:00' }] },
        ],
      ),
    ).toEqual([]);
  });

  it.each([
    {
      weekly: [{ weekday: 1, start: '9:00', end: '10:00' }],
      path: 'weekly.0.start',
      message: 'Give the start as HH:MM (00:00–23:59), not "9:00".',
    },
    {
      weekly: [{ weekday: 1, start: '09:00', end: '24:30' }],
      path: 'weekly.0.end',
      message: 'Give the end as HH:MM (00:00–24:00), not "24:30".',
    },
    {
      weekly: [{ weekday: 1, start: '24:00', end: '24:00' }],
      path: 'weekly.0.start',
      message: 'Give the start as HH:MM (00:00–23:59), not "24:00".',
    },
    {
      weekly: [{ weekday: 2, start: '11:00', end: '10:00' }],
      path: 'weekly.0.end',
      message: 'Tuesday: the hours 11:00–10:00 end before they start.',
    },
    {
      weekly: [{ weekday: 2, start: '10:00', end: '10:00' }],
      path: 'weekly.0.end',
      message: 'Tuesday: the hours 10:00–10:00 end before they start.',
    },
    {
      weekly: [
        { weekday: 3, start: '11:00', end: '13:00' },
        { weekday: 4, start: '09:00', end: '12:00' },
        { weekday: 3, start: '09:00', end: '12:00' },
      ],
      path: 'weekly.0',
      message: 'Wednesday: the hours 11:00–13:00 overlap 09:00–12:00.',
    },
    {
      weekly: [{ weekday: 7, start: '09:00', end: '10:00' }],
      path: 'weekly.0.weekday',
      message: 'Give the weekday as a number from 0 (Sunday) to 6 (Saturday).',
    },
  ])('$message', ({ weekly, path, message }) => {
    expect(problems(weekly)).toEqual([{ path, message }]);
  });

  it('checks exceptions: real dates, each once, with well-formed hours that do not overlap', () => {
    expect(
      problems(
        [],
        [
          { date: '2026-02-30', windows: [] },
          { date: '2026-03-05', windows: [] },
          { date: '2026-03-05', windows: [{ start: '10:00', end: '11:00' }] },
          {
            date: '2026-03-06',
            windows: [
              { start: '10:00', end: '12:00' },
              { start: '11:30', end: '12:30' },
            ],
          },
        ],
      ),
    ).toEqual([
      {
        path: 'exceptions.0.date',
        message: 'Give the date as YYYY-MM-DD, a day that exists, not "2026-02-30".',
      },
      {
        path: 'exceptions.2.date',
        message: '2026-03-05 is listed twice; give each date once with all its hours.',
      },
      {
        path: 'exceptions.3.windows.1',
        message: '2026-03-06: the hours 11:30–12:30 overlap 10:00–12:00.',
      },
    ]);
  });
});

// A coach's free session starts: weekly hours and dated exceptions, read as wall times in the coach's
// own time zone, turned into UTC instants for a range, without booked sessions and without what is
// too soon to book. Also checks that hours are well formed before they are saved.
import { instantOf, wallTimeAt } from '../zonedTime.ts';
import type { CoachException, WeeklyWindow } from './academyTypes.ts';

export interface Availability {
  timeZone: string;
  sessionMinutes: number;
  /** A session can be booked (or changed) only this many hours ahead or more. */
  noticeHours: number;
  weekly: WeeklyWindow[];
  exceptions: CoachException[];
}

export interface BookedInterval {
  startsAt: Date;
  endsAt: Date;
}

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Minutes after midnight of an "HH:MM" time; "24:00" (the end of the day) only when `end` is set. */
export function minutesOf(time: string, end = false): number | undefined {
  const match = TIME.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (end && hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** The calendar date a "YYYY-MM-DD" names, or undefined when there is no such day. */
export function parseDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

export interface AvailabilityProblem {
  /** Where the problem is, as the request names it: "weekly.2.end", "exceptions.0.date". */
  path: string;
  message: string;
}

interface Window {
  start: string;
  end: string;
}

/** Checks each window's times, then that the windows of one day do not overlap. */
function windowProblems(windows: { window: Window; path: string }[], day: string): AvailabilityProblem[] {
  const problems: AvailabilityProblem[] = [];
  const valid: { start: number; end: number; window: Window; path: string }[] = [];
  for (const { window, path } of windows) {
    const start = minutesOf(window.start);
    const end = minutesOf(window.end, true);
    if (start === undefined) {
      problems.push({
        path: `${path}.start`,
        message: `Give the start as HH:MM (00:00–23:59), not "${window.start}".`,
      });
    }
    if (end === undefined) {
      problems.push({
        path: `${path}.end`,
        message: `Give the end as HH:MM (00:00–24:00), not "${window.end}".`,
      });
    }
    if (start === undefined || end === undefined) continue;
    if (start >= end) {
      problems.push({
        path: `${path}.end`,
        message: `${day}: the hours ${window.start}–${window.end} end before they start.`,
      });
      continue;
    }
    valid.push({ start, end, window, path });
  }
  valid.sort((a, b) => a.start - b.start);
  for (let i = 1; i < valid.length; i++) {
    const before = valid[i - 1]!;
    const current = valid[i]!;
    if (current.start < before.end) {
      problems.push({
        path: current.path,
        message: `${day}: the hours ${current.window.start}–${current.window.end} overlap ${before.window.start}–${before.window.end}.`,
      });
    }
  }
  return problems;
}

/** Everything wrong with weekly hours and exceptions, each with a sentence a coach can act on. */
export function availabilityProblems(
  weekly: WeeklyWindow[],
  exceptions: CoachException[],
): AvailabilityProblem[] {
  const problems: AvailabilityProblem[] = [];
  const byWeekday = new Map<number, { window: Window; path: string }[]>();
  weekly.forEach((window, index) => {
    if (!Number.isInteger(window.weekday) || window.weekday < 0 || window.weekday > 6) {
      problems.push({
        path: `weekly.${index}.weekday`,
        message: 'Give the weekday as a number from 0 (Sunday) to 6 (Saturday).',
      });
      return;
    }
    const list = byWeekday.get(window.weekday) ?? [];
    list.push({ window, path: `weekly.${index}` });
    byWeekday.set(window.weekday, list);
  });
  for (const [weekday, windows] of [...byWeekday].sort((a, b) => a[0] - b[0])) {
    problems.push(...windowProblems(windows, WEEKDAY_NAMES[weekday]!));
  }
  const seen = new Set<string>();
  exceptions.forEach((exception, index) => {
    if (!parseDate(exception.date)) {
      problems.push({
        path: `exceptions.${index}.date`,
        message: `Give the date as YYYY-MM-DD, a day that exists, not "${exception.date}".`,
      });
      return;
    }
    if (seen.has(exception.date)) {
      problems.push({
        path: `exceptions.${index}.date`,
        message: `${exception.date} is listed twice; give each date once with all its hours.`,
      });
      return;
    }
    seen.add(exception.date);
    problems.push(
      ...windowProblems(
        exception.windows.map((window, w) => ({ window, path: `exceptions.${index}.windows.${w}` })),
        exception.date,
      ),
    );
  });
  return problems;
}

const pad = (value: number) => String(value).padStart(2, '0');
const dateKey = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** The instant of `minutes` after the start of a calendar day in the zone ("24:00" is the next midnight). */
function instantOnDay(day: { year: number; month: number; day: number }, minutes: number, timeZone: string) {
  const wall = new Date(Date.UTC(day.year, day.month - 1, day.day, 0, minutes));
  return instantOf(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    timeZone,
  ).getTime();
}

/** The windows that apply on one calendar day: its exception when it has one, else that weekday's hours. */
function windowsOn(availability: Availability, day: { year: number; month: number; day: number }): Window[] {
  const exception = availability.exceptions.find((e) => e.date === dateKey(day));
  if (exception) return exception.windows;
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return availability.weekly.filter((w) => w.weekday === weekday);
}

/**
 * Every session start the hours offer in [from, to), booked or not, soon or not. A window's ends are
 * wall times in the coach's zone; between them sessions follow one another in real time, so across a
 * daylight-saving change a window holds as many sessions as the real hours between its ends allow.
 */
export function offeredSlots(availability: Availability, from: Date, to: Date): Date[] {
  const sessionMs = availability.sessionMinutes * 60_000;
  const starts = new Set<number>();
  // The zone's calendar days that can touch the range: a day either side covers any offset.
  const first = wallTimeAt(new Date(from.getTime() - DAY_MS), availability.timeZone);
  const last = wallTimeAt(new Date(to.getTime() + DAY_MS), availability.timeZone);
  const lastKey = Date.UTC(last.year, last.month - 1, last.day);
  for (let key = Date.UTC(first.year, first.month - 1, first.day); key <= lastKey; key += DAY_MS) {
    const date = new Date(key);
    const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    for (const window of windowsOn(availability, day)) {
      const startMinutes = minutesOf(window.start);
      const endMinutes = minutesOf(window.end, true);
      if (startMinutes === undefined || endMinutes === undefined || startMinutes >= endMinutes) continue;
      const windowEnd = instantOnDay(day, endMinutes, availability.timeZone);
      for (
        let start = instantOnDay(day, startMinutes, availability.timeZone);
        start + sessionMs <= windowEnd;
        start += sessionMs
      ) {
        if (start >= from.getTime() && start < to.getTime()) starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** The earliest start that still gives the coach their notice. */
export function earliestBookable(availability: Pick<Availability, 'noticeHours'>, now: Date): Date {
  return new Date(now.getTime() + availability.noticeHours * HOUR_MS);
}

/** The free session starts in [from, to): offered, not overlapping a booked session, and far enough ahead. */
export function freeSlots(
  availability: Availability,
  range: { from: Date; to: Date },
  booked: BookedInterval[],
  now: Date,
): Date[] {
  const sessionMs = availability.sessionMinutes * 60_000;
  const earliest = earliestBookable(availability, now).getTime();
  return offeredSlots(availability, range.from, range.to).filter((start) => {
    const startMs = start.getTime();
    if (startMs < earliest) return false;
    const endMs = startMs + sessionMs;
    return !booked.some((b) => b.startsAt.getTime() < endMs && b.endsAt.getTime() > startMs);
  });
}

/** Whether the hours offer a session starting exactly at `start`. */
export function isOfferedSlot(availability: Availability, start: Date): boolean {
  const sessionMs = availability.sessionMinutes * 60_000;
  return offeredSlots(
    availability,
    new Date(start.getTime() - sessionMs),
    new Date(start.getTime() + sessionMs),
  ).some((slot) => slot.getTime() === start.getTime());
}

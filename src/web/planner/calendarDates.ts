// The planner's calendar arithmetic: which days a view shows, the instants that bound them in the
// person's time zone, and where a dropped post lands. Days are civil dates written 'YYYY-MM-DD', so
// they sort as text and serve as keys; turning them into instants always goes through the time zone,
// which is what keeps a week that contains a daylight-saving change right.
import { instantOf, wallTimeAt } from '../../core/zonedTime.ts';

/** A civil date, 'YYYY-MM-DD'. */
export type Day = string;

export type PlannerView = 'week' | 'month' | 'list';

export const PLANNER_VIEWS: readonly PlannerView[] = ['week', 'month', 'list'];

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: Day): { year: number; month: number; day: number } {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function utcMs(day: Day): number {
  const p = parts(day);
  return Date.UTC(p.year, p.month - 1, p.day);
}

function fromUtcMs(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isDay(value: string | null | undefined): value is Day {
  if (!value || !DAY_PATTERN.test(value)) return false;
  return fromUtcMs(utcMs(value)) === value;
}

export function addDays(day: Day, count: number): Day {
  return fromUtcMs(utcMs(day) + count * MS_PER_DAY);
}

/** Sunday 0 … Saturday 6. */
export function weekdayOf(day: Day): number {
  return new Date(utcMs(day)).getUTCDay();
}

/** The first day of the week containing `day`, weeks starting on `firstDay` (Sunday 0). */
export function startOfWeek(day: Day, firstDay: number): Day {
  return addDays(day, -((weekdayOf(day) - firstDay + 7) % 7));
}

export function weekDays(anchor: Day, firstDay: number): Day[] {
  const start = startOfWeek(anchor, firstDay);
  return Array.from({ length: 7 }, (_, index) => addDays(start, index));
}

export function firstOfMonth(day: Day): Day {
  return `${day.slice(0, 8)}01`;
}

export function lastOfMonth(day: Day): Day {
  const p = parts(day);
  return fromUtcMs(Date.UTC(p.year, p.month, 1) - MS_PER_DAY);
}

/** Whole weeks covering the month of `anchor`, as a month grid shows them. */
export function monthGridDays(anchor: Day, firstDay: number): Day[] {
  const start = startOfWeek(firstOfMonth(anchor), firstDay);
  const end = addDays(startOfWeek(lastOfMonth(anchor), firstDay), 6);
  return daysFrom(start, end);
}

/** Every day of the month of `anchor`. */
export function monthDays(anchor: Day): Day[] {
  return daysFrom(firstOfMonth(anchor), lastOfMonth(anchor));
}

function daysFrom(start: Day, endInclusive: Day): Day[] {
  const count = Math.round((utcMs(endInclusive) - utcMs(start)) / MS_PER_DAY) + 1;
  return Array.from({ length: count }, (_, index) => addDays(start, index));
}

export function addMonths(day: Day, count: number): Day {
  const p = parts(day);
  return fromUtcMs(Date.UTC(p.year, p.month - 1 + count, 1));
}

/** The days a view shows around `anchor`. The list view is an agenda of the month. */
export function visibleDays(view: PlannerView, anchor: Day, firstDay: number): Day[] {
  if (view === 'week') return weekDays(anchor, firstDay);
  if (view === 'month') return monthGridDays(anchor, firstDay);
  return monthDays(anchor);
}

/** Where previous / next lead from `anchor`. */
export function shiftAnchor(view: PlannerView, anchor: Day, step: number): Day {
  return view === 'week' ? addDays(anchor, 7 * step) : addMonths(anchor, step);
}

/** The civil date an instant falls on in the zone. */
export function dayOf(instant: Date, timeZone: string): Day {
  const wall = wallTimeAt(instant, timeZone);
  return fromUtcMs(Date.UTC(wall.year, wall.month - 1, wall.day));
}

/** The first instant of a day in the zone (after the jump, where midnight is skipped). */
export function startOfDay(day: Day, timeZone: string): Date {
  return instantAt(day, 0, 0, timeZone);
}

/** The instants bounding the given consecutive days: from the first's start to the day after the last. */
export function rangeOf(days: readonly Day[], timeZone: string): { from: Date; to: Date } {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) throw new Error('A range needs at least one day');
  return { from: startOfDay(first, timeZone), to: startOfDay(addDays(last, 1), timeZone) };
}

/** The instant of a wall time on a day in the zone. */
export function instantAt(day: Day, hour: number, minute: number, timeZone: string): Date {
  const p = parts(day);
  return instantOf({ year: p.year, month: p.month, day: p.day, hour, minute }, timeZone);
}

export function wallClockOf(instant: Date, timeZone: string): { hour: number; minute: number } {
  const wall = wallTimeAt(instant, timeZone);
  return { hour: wall.hour, minute: wall.minute };
}

/** The quarter of an hour a drop at `offset` pixels into a slot `height` pixels tall points at: 0-3. */
export function quarterAt(offset: number, height: number): number {
  if (!(height > 0)) return 0;
  return Math.min(3, Math.max(0, Math.floor((offset / height) * 4)));
}

/** Dropped on a week slot: the hour of that slot on that day, snapped to the quarter pointed at. */
export function weekDropInstant(day: Day, hour: number, quarter: number, timeZone: string): Date {
  return instantAt(day, hour, quarter * 15, timeZone);
}

/**
 * Dropped on a month day: the same time of day on the new day, or `fallbackHour` for a post that has
 * no time yet.
 */
export function monthDropInstant(day: Day, current: Date | null, timeZone: string, fallbackHour = 9): Date {
  const clock = current ? wallClockOf(current, timeZone) : { hour: fallbackHour, minute: 0 };
  return instantAt(day, clock.hour, clock.minute, timeZone);
}

type WeekInfoLocale = Intl.Locale & {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
};

/** The first day of the week (Sunday 0) where the locale lives; Monday when the platform cannot say. */
export function firstDayOfWeek(localeTag: string): number {
  try {
    const locale = new Intl.Locale(localeTag) as WeekInfoLocale;
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    // Intl numbers the days 1 (Monday) to 7 (Sunday).
    if (info && Number.isInteger(info.firstDay)) return info.firstDay % 7;
  } catch {
    // An unknown tag falls through to Monday.
  }
  return 1;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

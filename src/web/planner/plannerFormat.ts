// Dates and times as the planner writes them: in the page's language (Bengali digits in Bengali) and
// in the person's own time zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Day, PlannerView } from './calendarDates.ts';

export interface PlannerFormat {
  localeTag: string;
  timeZone: string;
  time: (iso: string) => string;
  dateTime: (iso: string) => string;
  hour: (hour: number) => string;
  dayShort: (day: Day) => string;
  dayLong: (day: Day) => string;
  weekday: (day: Day) => string;
  dayNumber: (day: Day) => string;
  range: (view: PlannerView, days: readonly Day[]) => string;
  number: (value: number) => string;
  zone: string;
}

/** A civil date as an instant that shows as that date when formatted in UTC. */
const asUtcNoon = (day: Day) => new Date(`${day}T12:00:00Z`);

export function plannerFormat(language: string, timeZone: string): PlannerFormat {
  const bengali = language === 'bn';
  const localeTag = bengali ? 'bn-BD' : 'en-GB';
  const numberingSystem = bengali ? 'beng' : 'latn';
  const make = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(localeTag, { numberingSystem, ...options });
  // Bengali formats keep AM/PM in Latin letters; a 24-hour clock reads wholly in Bengali.
  const clock: Intl.DateTimeFormatOptions = bengali ? { hourCycle: 'h23' } : {};
  const time = make({ timeZone, hour: 'numeric', minute: '2-digit', ...clock });
  const dateTime = make({ timeZone, dateStyle: 'medium', timeStyle: 'short', ...clock });
  const hour = make({ timeZone: 'UTC', hour: 'numeric', minute: '2-digit', ...clock });
  const dayShort = make({ timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const dayLong = make({ timeZone: 'UTC', dateStyle: 'full' });
  const weekday = make({ timeZone: 'UTC', weekday: 'short' });
  const dayNumber = make({ timeZone: 'UTC', day: 'numeric' });
  const weekRange = make({ timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const monthName = make({ timeZone: 'UTC', month: 'long', year: 'numeric' });
  const offset =
    make({ timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  return {
    localeTag,
    timeZone,
    time: (iso) => time.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    hour: (h) => hour.format(new Date(Date.UTC(2000, 0, 1, h))),
    dayShort: (day) => dayShort.format(asUtcNoon(day)),
    dayLong: (day) => dayLong.format(asUtcNoon(day)),
    weekday: (day) => weekday.format(asUtcNoon(day)),
    dayNumber: (day) => dayNumber.format(asUtcNoon(day)),
    range: (view, days) => {
      const first = days[0] ?? '';
      const last = days[days.length - 1] ?? first;
      if (view === 'week') return weekRange.formatRange(asUtcNoon(first), asUtcNoon(last));
      // A month grid starts in the month before; the middle day is always in the month shown.
      return monthName.format(asUtcNoon(days[Math.floor(days.length / 2)] ?? first));
    },
    number: (value) => new Intl.NumberFormat(localeTag, { numberingSystem }).format(value),
    zone: offset ? `${timeZone} (${offset})` : timeZone,
  };
}

export function usePlannerFormat(timeZone: string): PlannerFormat {
  const { i18n } = useTranslation();
  const language = i18n.language === 'bn' ? 'bn' : 'en';
  return useMemo(() => plannerFormat(language, timeZone), [language, timeZone]);
}

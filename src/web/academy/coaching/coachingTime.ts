// Dates and times on the coaching page: weeks and days in the viewer's own (browser) time zone, and
// formatting in the page's language with its digits.
import type { Locale } from '../../api/apiTypes.ts';

function intl(locale: Locale): { tag: string; numberingSystem: string } {
  return locale === 'bn'
    ? { tag: 'bn-BD', numberingSystem: 'beng' }
    : { tag: 'en-GB', numberingSystem: 'latn' };
}

/** The browser's time zone, or UTC when it does not say. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Asia/Dhaka (GMT+6)": the zone's name with its offset now. */
export function zoneLabel(timeZone: string, locale: Locale, at = new Date()): string {
  const { tag, numberingSystem } = intl(locale);
  const offset = new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: 'shortOffset', numberingSystem })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return offset ? `${timeZone} (${offset})` : timeZone;
}

/** Local midnight of the Monday of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}

/** Local midnight `days` after the local midnight `date`: right across daylight-saving changes. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The local calendar day of an instant, as "YYYY-MM-DD". */
export function localDayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function formatters(locale: Locale) {
  const { tag, numberingSystem } = intl(locale);
  const make = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { numberingSystem, ...options });
  const time = make({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayHeading = make({ weekday: 'short', day: 'numeric', month: 'short' });
  const longDay = make({ weekday: 'long', day: 'numeric', month: 'long' });
  const date = make({ day: 'numeric', month: 'long', year: 'numeric' });
  const weekday = make({ weekday: 'long', timeZone: 'UTC' });
  return {
    time: (d: Date) => time.format(d),
    dayHeading: (d: Date) => dayHeading.format(d),
    longDay: (d: Date) => longDay.format(d),
    date: (d: Date) => date.format(d),
    /** "Monday 2 March, 09:00–10:00" */
    span: (start: Date, end: Date) => `${longDay.format(start)}, ${time.format(start)}–${time.format(end)}`,
    /** "Monday 2 March, 09:00" */
    moment: (d: Date) => `${longDay.format(d)}, ${time.format(d)}`,
    /** The name of weekday 0 (Sunday) to 6 (Saturday). */
    weekdayName: (weekday0: number) => weekday.format(new Date(Date.UTC(2026, 2, 1 + weekday0))),
    number: (n: number) => new Intl.NumberFormat(tag, { numberingSystem }).format(n),
  };
}

// Times in the composer: the date and time inputs read in the person's own time zone, turned into an
// instant for the API, and instants shown back the way people say them ("Fri 27 Nov, 09:30").
import type { Locale } from '../api/apiTypes.ts';

export interface LocalInputs {
  /** YYYY-MM-DD, as <input type="date"> holds it. */
  date: string;
  /** HH:MM, as <input type="time"> holds it. */
  time: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The browser's time zone name, such as Asia/Dhaka; date and time inputs are read in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The instant the inputs name in the browser's time zone, or undefined when either is incomplete. */
export function instantFromInputs({ date, time }: LocalInputs): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})/.exec(time);
  if (!day || !clock) return undefined;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  const instant = new Date(year, month - 1, dayOfMonth, hour, minute);
  // new Date rolls 31 February over into March; a date the calendar lacks is no date.
  if (
    instant.getFullYear() !== year ||
    instant.getMonth() !== month - 1 ||
    instant.getDate() !== dayOfMonth
  ) {
    return undefined;
  }
  return instant;
}

/** What the date and time inputs show for an instant, in the browser's time zone. */
export function inputsFromInstant(instant: Date): LocalInputs {
  return {
    date: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`,
    time: `${pad(instant.getHours())}:${pad(instant.getMinutes())}`,
  };
}

/** A sensible first choice when someone picks "schedule": the next whole hour at least 30 minutes away. */
export function suggestedScheduleTime(now: Date): Date {
  const next = new Date(now.getTime() + 30 * 60_000);
  if (next.getMinutes() !== 0 || next.getSeconds() !== 0 || next.getMilliseconds() !== 0) {
    next.setHours(next.getHours() + 1, 0, 0, 0);
  }
  return next;
}

/** "Fri 27 Nov, 09:30" in English, "শুক্র ২৭ নভে, ০৯:৩০" in Bengali; the year only when it is not this one. */
export function formatPostTime(locale: Locale, iso: string, now: Date = new Date()): string {
  const instant = new Date(iso);
  const tag = locale === 'bn' ? 'bn-BD' : 'en-GB';
  return new Intl.DateTimeFormat(tag, {
    numberingSystem: locale === 'bn' ? 'beng' : 'latn',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: instant.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

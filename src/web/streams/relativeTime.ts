// How long ago a stream item happened, in the page's language and digits: "now", "5 min ago", "yesterday",
// then the date itself once the item is a week old.
import type { Locale } from '../api/apiTypes.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function localeOptions(locale: Locale) {
  return locale === 'bn'
    ? { tag: 'bn-BD', numberingSystem: 'beng' }
    : { tag: 'en-GB', numberingSystem: 'latn' };
}

export function relativeTime(locale: Locale, iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const { tag, numberingSystem } = localeOptions(locale);
  // The digits go in the locale tag: TypeScript's Intl types do not know the numberingSystem option here.
  const relative = new Intl.RelativeTimeFormat(`${tag}-u-nu-${numberingSystem}`, {
    numeric: 'auto',
    style: 'short',
  });
  // A clock a little ahead of the server's still reads "now", not "in 1 min".
  const ago = Math.max(0, now - then);
  if (ago < 45_000) return relative.format(0, 'second');
  if (ago < HOUR) return relative.format(-Math.max(1, Math.round(ago / MINUTE)), 'minute');
  if (ago < DAY) return relative.format(-Math.round(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative.format(-Math.round(ago / DAY), 'day');
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(tag, {
    numberingSystem,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(new Date(then));
}

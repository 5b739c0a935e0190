// Listening's own formats in the page's language and digits: the label of a chart bucket (an hour or a
// day), shares as percentages, and language codes as language names ("bn" reads "Bangla" or "বাংলা").
import type { Locale } from '../api/apiTypes.ts';
import type { Interval } from './timeRange.ts';

function intlTag(locale: Locale): string {
  return locale === 'bn' ? 'bn-BD-u-nu-beng' : 'en-GB-u-nu-latn';
}

export function bucketLabel(locale: Locale, iso: string, interval: Interval): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'day'
      ? { day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(intlTag(locale), options).format(new Date(iso));
}

/** 0.423 → "42%" (or "৪২%"). */
export function percent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A number with at most one decimal, for averages. */
export function decimal(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 1 }).format(value);
}

/** The language's name in the page's language, or undefined when the code names no language. */
export function languageName(locale: Locale, code: string): string | undefined {
  if (!/^[a-z]{2,3}$/.test(code) || code === 'und') return undefined;
  try {
    const name = new Intl.DisplayNames([intlTag(locale)], { type: 'language', fallback: 'none' }).of(code);
    return name || undefined;
  } catch {
    return undefined;
  }
}

// Formats numbers and dates for the active language; Bengali uses Bengali digits.
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/apiTypes.ts';

function intlOptions(locale: Locale): { tag: string; numberingSystem: string } {
  return locale === 'bn'
    ? { tag: 'bn-BD', numberingSystem: 'beng' }
    : { tag: 'en-GB', numberingSystem: 'latn' };
}

export function formatNumber(locale: Locale, value: number): string {
  const { tag, numberingSystem } = intlOptions(locale);
  return new Intl.NumberFormat(tag, { numberingSystem }).format(value);
}

export function formatDate(locale: Locale, iso: string): string {
  const { tag, numberingSystem } = intlOptions(locale);
  return new Intl.DateTimeFormat(tag, { numberingSystem, dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(locale: Locale, iso: string): string {
  const { tag, numberingSystem } = intlOptions(locale);
  // A 24-hour clock in both languages, as the planner shows times (Bengali would otherwise say "AM").
  return new Intl.DateTimeFormat(tag, {
    numberingSystem,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The formatters bound to the language the page is showing now, re-rendering when it changes. */
export function useLocaleFormat() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'bn' ? 'bn' : 'en';
  return {
    locale,
    number: (value: number) => formatNumber(locale, value),
    date: (iso: string) => formatDate(locale, iso),
    dateTime: (iso: string) => formatDateTime(locale, iso),
  };
}

// Times of imported posts as the import page writes them: in the page's language (Bengali digits in
// Bengali) and in the time zone the file's times are read in.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useImportFormat(timeZone: string) {
  const { i18n } = useTranslation();
  const bengali = i18n.language === 'bn';
  return useMemo(() => {
    const localeTag = bengali ? 'bn-BD' : 'en-GB';
    const numberingSystem = bengali ? 'beng' : 'latn';
    let dateTime: Intl.DateTimeFormat;
    try {
      dateTime = new Intl.DateTimeFormat(localeTag, {
        numberingSystem,
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      dateTime = new Intl.DateTimeFormat(localeTag, {
        numberingSystem,
        dateStyle: 'medium',
        timeStyle: 'short',
      });
    }
    const numbers = new Intl.NumberFormat(localeTag, { numberingSystem });
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      number: (value: number) => numbers.format(value),
    };
  }, [bengali, timeZone]);
}

/** The calendar day of an instant in the browser's own zone, as the planner's address names days. */
export function plannerDay(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

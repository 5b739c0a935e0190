// A week of a coach's free session starts, shown in the viewer's own time zone, one column per day,
// with the previous and next week a click away.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useFreeSlots } from './coachingQueries.ts';
import { addDays, formatters, localDayKey, viewerTimeZone, weekStart, zoneLabel } from './coachingTime.ts';

interface SlotPickerProps {
  workspaceId: string;
  coachId: string;
  /** The start picked so far, as the API gave it. */
  selected?: string;
  onPick: (startsAt: string) => void;
  /** Names the week view for screen readers. */
  label: string;
  /** The level of the day headings, one below the heading the picker sits under. */
  dayHeadingLevel?: 3 | 4 | 5;
}

export function SlotPicker({
  workspaceId,
  coachId,
  selected,
  onPick,
  label,
  dayHeadingLevel = 4,
}: SlotPickerProps) {
  const DayHeading = `h${dayHeadingLevel}` as const;
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const format = useMemo(() => formatters(locale), [locale]);
  const thisWeek = useMemo(() => weekStart(new Date()), []);
  const [week, setWeek] = useState(thisWeek);
  const weekEnd = addDays(week, 7);
  const slots = useFreeSlots(workspaceId, coachId, week, weekEnd);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const byDay = new Map<string, Date[]>();
  for (const slot of slots.data?.slots ?? []) {
    const start = new Date(slot);
    const key = localDayKey(start);
    byDay.set(key, [...(byDay.get(key) ?? []), start]);
  }
  const sessionMs = (slots.data?.sessionMinutes ?? 0) * 60_000;

  return (
    <section className="slot-picker" aria-label={label} data-testid="slot-picker">
      <p className="slot-zone" data-testid="slot-zone">
        {t('academyCoaching.slots.zone', { zone: zoneLabel(viewerTimeZone(), locale) })}
      </p>
      <div className="slot-week-nav">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setWeek(addDays(week, -7))}
          disabled={week.getTime() <= thisWeek.getTime()}
        >
          {t('academyCoaching.slots.previous')}
        </button>
        <p className="slot-week-title" aria-live="polite">
          {t('academyCoaching.slots.week', {
            from: format.date(week),
            to: format.date(addDays(week, 6)),
          })}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setWeek(addDays(week, 7))}
        >
          {t('academyCoaching.slots.next')}
        </button>
      </div>
      {/* Free times change as people book: a week seen earlier is shown only once it is fetched again. */}
      {slots.isPending || !slots.isFetchedAfterMount ? (
        <LoadingScreen />
      ) : slots.isError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(slots.error, t)}
        </p>
      ) : (
        <>
          {slots.data.slots.length === 0 && (
            <p className="muted" data-testid="slots-empty">
              {slots.data.active ? t('academyCoaching.slots.emptyWeek') : t('academyCoaching.slots.inactive')}
            </p>
          )}
          <div className="slot-week" data-testid="slot-week">
            {days.map((day) => {
              const key = localDayKey(day);
              const starts = byDay.get(key) ?? [];
              const headingId = `slot-day-${coachId}-${key}`;
              return (
                <div key={key} className="slot-day" data-day={key}>
                  <DayHeading id={headingId} className="slot-day-heading">
                    {format.dayHeading(day)}
                  </DayHeading>
                  {starts.length === 0 ? (
                    <p className="slot-none">{t('academyCoaching.slots.none')}</p>
                  ) : (
                    <ul className="slot-list" aria-labelledby={headingId}>
                      {starts.map((start) => {
                        const iso = start.toISOString();
                        const isSelected =
                          selected !== undefined && new Date(selected).getTime() === start.getTime();
                        return (
                          <li key={iso}>
                            <button
                              type="button"
                              className={isSelected ? 'slot-button selected' : 'slot-button'}
                              aria-pressed={isSelected}
                              aria-label={format.span(start, new Date(start.getTime() + sessionMs))}
                              data-testid="slot"
                              data-starts-at={iso}
                              onClick={() => onPick(iso)}
                            >
                              {format.time(start)}
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}

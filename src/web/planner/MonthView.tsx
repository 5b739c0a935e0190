// The month: whole weeks of days, each with its posts in time order. A day takes a dropped post at the
// same time of day, and a click on its empty part starts a post on that day.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Day, dayOf } from './calendarDates.ts';
import type { PlannerEntry } from './plannedPosts.ts';
import type { PlannerFormat } from './plannerFormat.ts';

interface MonthViewProps {
  days: Day[];
  /** Any day of the month shown; days of the months around it are dimmed. */
  month: Day;
  entries: PlannerEntry[];
  format: PlannerFormat;
  today: Day;
  renderChip: (entry: PlannerEntry) => ReactNode;
  onDayClick: (day: Day) => void;
  onDayDrop: (day: Day) => void;
}

export function MonthView({
  days,
  month,
  entries,
  format,
  today,
  renderChip,
  onDayClick,
  onDayDrop,
}: MonthViewProps) {
  const { t } = useTranslation();
  const byDay = new Map<Day, PlannerEntry[]>();
  for (const entry of entries) {
    if (!entry.at) continue;
    const day = dayOf(new Date(entry.at), format.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  const monthPrefix = month.slice(0, 7);

  return (
    <div className="month-view" data-testid="month-view">
      <div className="month-grid month-weekdays" aria-hidden="true">
        {days.slice(0, 7).map((day) => (
          <div key={day} className="month-weekday">
            {format.weekday(day)}
          </div>
        ))}
      </div>
      <div className="month-grid">
        {days.map((day) => {
          const chips = byDay.get(day) ?? [];
          const outside = !day.startsWith(monthPrefix);
          const past = day < today;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: clicking empty space is a shortcut; the page's Create post button is the keyboard way.
            // biome-ignore lint/a11y/useKeyWithClickEvents: as above, the keyboard way is the Create post button.
            <div
              key={day}
              className={`month-day${outside ? ' is-outside' : ''}${past ? ' is-past' : ''}${day === today ? ' is-today' : ''}`}
              data-day={day}
              data-testid="month-day"
              onClick={(event) => {
                if (!past && (event.target as HTMLElement).closest('button') === null) onDayClick(day);
              }}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
              }}
              onDrop={(event) => {
                event.preventDefault();
                onDayDrop(day);
              }}
            >
              <h3 className="month-day-number">
                <span aria-hidden="true">{format.dayNumber(day)}</span>
                <span className="visually-hidden">
                  {chips.length > 0
                    ? t('planner.month.dayHeading', {
                        day: format.dayLong(day),
                        count: chips.length,
                        n: format.number(chips.length),
                      })
                    : format.dayLong(day)}
                </span>
              </h3>
              <div className="month-day-chips">{chips.map((entry) => renderChip(entry))}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

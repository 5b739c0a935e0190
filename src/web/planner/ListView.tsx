// The agenda: the range's posts day by day, only the days that have any.
import type { ReactNode } from 'react';
import { type Day, dayOf } from './calendarDates.ts';
import type { PlannerEntry } from './plannedPosts.ts';
import type { PlannerFormat } from './plannerFormat.ts';

interface ListViewProps {
  days: Day[];
  entries: PlannerEntry[];
  format: PlannerFormat;
  today: Day;
  renderChip: (entry: PlannerEntry) => ReactNode;
}

export function ListView({ days, entries, format, today, renderChip }: ListViewProps) {
  const byDay = new Map<Day, PlannerEntry[]>();
  for (const entry of entries) {
    if (!entry.at) continue;
    const day = dayOf(new Date(entry.at), format.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  const shown = days.filter((day) => byDay.has(day));

  return (
    <div className="list-view" data-testid="list-view">
      {shown.map((day) => (
        <section key={day} className="list-day" aria-labelledby={`list-day-${day}`}>
          <h3 id={`list-day-${day}`} className={day === today ? 'is-today' : undefined}>
            {format.dayLong(day)}
          </h3>
          <ul className="list-entries">
            {(byDay.get(day) ?? []).map((entry) => (
              <li key={entry.target.id}>{renderChip(entry)}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

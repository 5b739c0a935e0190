// The week: one column per day, one row per hour, each post in the hour it is due. A slot takes a
// dropped post at the quarter hour pointed at, and a click on its empty part starts a post there.
import { type DragEvent, type MouseEvent, type ReactNode, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type Day, dayOf, quarterAt, wallClockOf } from './calendarDates.ts';
import type { PlannerEntry } from './plannedPosts.ts';
import type { PlannerFormat } from './plannerFormat.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const DEFAULT_FIRST_HOUR = 8;

interface WeekViewProps {
  days: Day[];
  entries: PlannerEntry[];
  format: PlannerFormat;
  today: Day;
  now: number;
  /** The calendar scrolls to the first post once the range's posts are in. */
  ready: boolean;
  headingId: string;
  renderChip: (entry: PlannerEntry) => ReactNode;
  onSlotClick: (day: Day, hour: number, quarter: number) => void;
  onSlotDrop: (day: Day, hour: number, quarter: number) => void;
  slotStart: (day: Day, hour: number) => number;
}

function pointedQuarter(event: DragEvent<HTMLElement> | MouseEvent<HTMLElement>): number {
  const box = event.currentTarget.getBoundingClientRect();
  return quarterAt(event.clientY - box.top, box.height);
}

export function WeekView({
  days,
  entries,
  format,
  today,
  now,
  ready,
  headingId,
  renderChip,
  onSlotClick,
  onSlotDrop,
  slotStart,
}: WeekViewProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const hourLabels = useRef<(HTMLDivElement | null)[]>([]);
  const scrolledFor = useRef<string | null>(null);

  const bySlot = new Map<string, PlannerEntry[]>();
  let firstHour = 24;
  for (const entry of entries) {
    if (!entry.at) continue;
    const at = new Date(entry.at);
    const day = dayOf(at, format.timeZone);
    const { hour } = wallClockOf(at, format.timeZone);
    const key = `${day}|${hour}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), entry]);
    if (days.includes(day)) firstHour = Math.min(firstHour, hour);
  }
  const nowHour = days.includes(today)
    ? wallClockOf(new Date(now), format.timeZone).hour
    : DEFAULT_FIRST_HOUR;
  const scrollHour = Math.max(0, Math.min(firstHour, nowHour, DEFAULT_FIRST_HOUR + 1) - 1);
  const rangeKey = days[0] ?? '';

  useLayoutEffect(() => {
    if (!ready || scrolledFor.current === rangeKey) return;
    const label = hourLabels.current[scrollHour];
    if (!scroller.current || !label) return;
    scrolledFor.current = rangeKey;
    scroller.current.scrollTop = label.offsetTop - (header.current?.offsetHeight ?? 0);
  }, [ready, rangeKey, scrollHour]);

  return (
    <section
      className="week-scroller"
      ref={scroller}
      // The scrolling area takes focus so the hours can be scrolled with the keyboard.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      aria-labelledby={headingId}
      data-testid="week-view"
    >
      <div className="week-grid week-header" ref={header} aria-hidden="true">
        <div className="week-corner" />
        {days.map((day) => (
          <div key={day} className={`week-day-head${day === today ? ' is-today' : ''}`}>
            <span className="week-day-name">{format.weekday(day)}</span>
            <span className="week-day-number">{format.dayNumber(day)}</span>
          </div>
        ))}
      </div>
      <div className="week-grid week-body">
        {HOURS.map((hour) => (
          <div
            key={hour}
            className="week-hour"
            style={{ gridColumn: 1, gridRow: hour + 1 }}
            ref={(element) => {
              hourLabels.current[hour] = element;
            }}
            aria-hidden="true"
          >
            {format.hour(hour)}
          </div>
        ))}
        {days.map((day, column) => (
          <WeekDay
            key={day}
            day={day}
            column={column}
            format={format}
            now={now}
            bySlot={bySlot}
            heading={t('planner.week.dayHeading', { day: format.dayLong(day) })}
            renderChip={renderChip}
            onSlotClick={onSlotClick}
            onSlotDrop={onSlotDrop}
            slotStart={slotStart}
          />
        ))}
      </div>
    </section>
  );
}

function WeekDay({
  day,
  column,
  now,
  bySlot,
  heading,
  renderChip,
  onSlotClick,
  onSlotDrop,
  slotStart,
}: {
  day: Day;
  column: number;
  format: PlannerFormat;
  now: number;
  bySlot: Map<string, PlannerEntry[]>;
  heading: string;
  renderChip: (entry: PlannerEntry) => ReactNode;
  onSlotClick: WeekViewProps['onSlotClick'];
  onSlotDrop: WeekViewProps['onSlotDrop'];
  slotStart: WeekViewProps['slotStart'];
}) {
  return (
    <>
      {/* Screen readers move through the week day by day; the visible day names are in the header. */}
      <h3 className="visually-hidden" style={{ gridColumn: column + 2, gridRow: 1 }}>
        {heading}
      </h3>
      {HOURS.map((hour) => {
        const past = slotStart(day, hour) + 3_600_000 <= now;
        const chips = bySlot.get(`${day}|${hour}`) ?? [];
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: clicking empty space is a shortcut; the page's Create post button is the keyboard way.
          // biome-ignore lint/a11y/useKeyWithClickEvents: as above, the keyboard way is the Create post button.
          <div
            key={hour}
            className={`week-slot${past ? ' is-past' : ''}`}
            style={{ gridColumn: column + 2, gridRow: hour + 1 }}
            data-day={day}
            data-hour={hour}
            data-testid="week-slot"
            onClick={(event) => {
              if (event.target === event.currentTarget && !past)
                onSlotClick(day, hour, pointedQuarter(event));
            }}
            onDragOver={(event) => {
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
            }}
            onDrop={(event) => {
              event.preventDefault();
              onSlotDrop(day, hour, pointedQuarter(event));
            }}
          >
            {chips.map((entry) => renderChip(entry))}
          </div>
        );
      })}
    </>
  );
}

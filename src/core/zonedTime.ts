// Wall-clock time in a named time zone, turned into an instant and back, with the platform's Intl data.

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall time at an instant in the zone, with its weekday (Sunday 0). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime & { weekday: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function offsetMs(instant: number, timeZone: string): number {
  const w = wallTimeAt(new Date(instant), timeZone);
  const seconds = new Date(instant).getUTCSeconds();
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, seconds) - (instant - (instant % 1000));
}

/**
 * The instant a wall time names in the zone. A time skipped by a daylight-saving jump lands just
 * after the jump; a time that happens twice gives the earlier one.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The zone's offsets a day either side cover both readings of a time a clock change repeats or skips.
  const candidates = [asUtc - 86_400_000, asUtc, asUtc + 86_400_000].map(
    (probe) => asUtc - offsetMs(probe, timeZone),
  );
  const names = (instant: number) => {
    const w = wallTimeAt(new Date(instant), timeZone);
    return w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
  };
  const exact = candidates.filter(names);
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

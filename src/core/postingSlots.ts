// The queue: each account has weekly posting slots in its own time zone, and a queued post takes the
// first slot after now that no other post of the account holds.
import { instantOf, wallTimeAt } from './zonedTime.ts';

export interface PostingSlot {
  /** 0 is Sunday. */
  day: number;
  /** HH:MM, 24-hour. */
  time: string;
}

export const SLOT_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** How far ahead the queue looks for a free slot. */
const HORIZON_DAYS = 7 * 26;

/** Slot instants after `after`, earliest first, for up to HORIZON_DAYS days. */
export function* slotInstants(slots: PostingSlot[], timeZone: string, after: Date): Generator<Date> {
  if (slots.length === 0) return;
  const times = [...new Set(slots.map((s) => `${s.day} ${s.time}`))]
    .map((key) => key.split(' '))
    .map(([day, time]) => ({ day: Number(day), time: time! }))
    .sort((a, b) => a.time.localeCompare(b.time));
  const start = wallTimeAt(after, timeZone);
  for (let offset = 0; offset < HORIZON_DAYS; offset += 1) {
    // Noon of the day avoids daylight-saving edges when stepping by days.
    const noon = new Date(Date.UTC(start.year, start.month - 1, start.day + offset, 12));
    const weekday = noon.getUTCDay();
    for (const slot of times) {
      if (slot.day !== weekday) continue;
      const [hour, minute] = slot.time.split(':').map(Number);
      const instant = instantOf(
        {
          year: noon.getUTCFullYear(),
          month: noon.getUTCMonth() + 1,
          day: noon.getUTCDate(),
          hour: hour!,
          minute: minute!,
        },
        timeZone,
      );
      if (instant > after) yield instant;
    }
  }
}

/** The first slot after `after` not in `taken` (instants compared to the minute). */
export function nextFreeSlot(
  slots: PostingSlot[],
  timeZone: string,
  after: Date,
  taken: Iterable<Date>,
): Date | undefined {
  const minute = (d: Date) => Math.floor(d.getTime() / 60_000);
  const busy = new Set([...taken].map(minute));
  for (const instant of slotInstants(slots, timeZone, after)) {
    if (!busy.has(minute(instant))) return instant;
  }
  return undefined;
}

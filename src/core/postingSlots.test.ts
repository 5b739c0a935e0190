import { describe, expect, it } from 'vitest';
import { nextFreeSlot, slotInstants } from './postingSlots.ts';
import { instantOf, wallTimeAt } from './zonedTime.ts';

describe('zoned time', () => {
  it('turns a Dhaka wall time into the instant six hours earlier in UTC', () => {
    expect(
      instantOf({ year: 2026, month: 11, day: 27, hour: 9, minute: 30 }, 'Asia/Dhaka').toISOString(),
    ).toBe('2026-11-27T03:30:00.000Z');
  });

  it('follows daylight saving in New York, and lands after a skipped hour', () => {
    expect(
      instantOf({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'America/New_York').toISOString(),
    ).toBe('2026-07-01T13:00:00.000Z');
    expect(
      instantOf({ year: 2026, month: 1, day: 1, hour: 9, minute: 0 }, 'America/New_York').toISOString(),
    ).toBe('2026-01-01T14:00:00.000Z');
    // 2026-03-08 02:30 does not exist in New York.
    const skipped = instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(wallTimeAt(skipped, 'America/New_York').hour).toBe(3);
  });

  it('gives the earlier of the two instants a clock change repeats', () => {
    // 2026-10-25 01:30 happens in London first in summer time (00:30Z), then in winter time (01:30Z).
    expect(
      instantOf({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London').toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('posting slots', () => {
  const slots = [
    { day: 1, time: '09:00' },
    { day: 3, time: '17:30' },
  ];

  it('lists the slots after a moment in the account time zone, in order', () => {
    // Thursday 2026-11-26 10:00 in Dhaka.
    const after = new Date('2026-11-26T04:00:00Z');
    const instants = [...slotInstants(slots, 'Asia/Dhaka', after)].slice(0, 3).map((d) => d.toISOString());
    expect(instants).toEqual([
      '2026-11-30T03:00:00.000Z', // Monday 09:00
      '2026-12-02T11:30:00.000Z', // Wednesday 17:30
      '2026-12-07T03:00:00.000Z',
    ]);
  });

  it('skips a slot another post holds and a slot already past', () => {
    const after = new Date('2026-11-30T03:00:00Z'); // exactly Monday 09:00: that slot is not after it
    const next = nextFreeSlot(slots, 'Asia/Dhaka', after, [new Date('2026-12-02T11:30:00Z')]);
    expect(next?.toISOString()).toBe('2026-12-07T03:00:00.000Z');
  });

  it('has nothing to offer an account without slots', () => {
    expect(nextFreeSlot([], 'UTC', new Date(), [])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { wallTimeAt } from '../../core/zonedTime.ts';
import {
  addDays,
  addMonths,
  dayOf,
  firstDayOfWeek,
  instantAt,
  isDay,
  monthDays,
  monthDropInstant,
  monthGridDays,
  quarterAt,
  rangeOf,
  shiftAnchor,
  startOfWeek,
  visibleDays,
  weekDays,
  weekDropInstant,
} from './calendarDates.ts';

describe('days', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s plus %i day is %s', (day, count, expected) => {
    expect(addDays(day, count)).toBe(expected);
  });

  it.each([
    ['2026-03-15', true],
    ['2026-02-30', false],
    ['2026-3-5', false],
    ['', false],
  ])('isDay(%j) is %s', (value, expected) => {
    expect(isDay(value)).toBe(expected);
  });

  it('starts weeks on the day asked for', () => {
    // Wednesday 25 March 2026.
    expect(startOfWeek('2026-03-25', 1)).toBe('2026-03-23');
    expect(startOfWeek('2026-03-25', 0)).toBe('2026-03-22');
    expect(startOfWeek('2026-03-25', 6)).toBe('2026-03-21');
    expect(startOfWeek('2026-03-23', 1)).toBe('2026-03-23');
    expect(weekDays('2026-03-25', 1)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
  });

  it('covers a month with whole weeks in the grid and only its own days in the list', () => {
    // 1 March 2026 is a Sunday.
    const mondayGrid = monthGridDays('2026-03-17', 1);
    expect([mondayGrid[0], mondayGrid.at(-1), mondayGrid.length]).toEqual(['2026-02-23', '2026-04-05', 42]);
    const sundayGrid = monthGridDays('2026-03-17', 0);
    expect([sundayGrid[0], sundayGrid.at(-1), sundayGrid.length]).toEqual(['2026-03-01', '2026-04-04', 35]);
    expect(monthDays('2026-02-10')).toHaveLength(28);
    expect(visibleDays('list', '2026-03-17', 1)).toEqual(monthDays('2026-03-17'));
  });

  it('moves a week by seven days and a month to the first of the next one', () => {
    expect(shiftAnchor('week', '2026-03-25', 1)).toBe('2026-04-01');
    expect(shiftAnchor('week', '2026-03-25', -1)).toBe('2026-03-18');
    expect(shiftAnchor('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(shiftAnchor('list', '2026-01-15', -1)).toBe('2025-12-01');
    expect(addMonths('2026-12-05', 1)).toBe('2027-01-01');
  });
});

describe('time zones', () => {
  it('bounds a week by local midnights, 167 hours long when the clocks go forward', () => {
    const { from, to } = rangeOf(weekDays('2026-03-25', 1), 'Europe/London');
    expect(from.toISOString()).toBe('2026-03-23T00:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(167);
  });

  it('bounds a week 169 hours long when the clocks go back', () => {
    const { from, to } = rangeOf(weekDays('2026-11-04', 0), 'America/New_York');
    expect(from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-08T05:00:00.000Z');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(169);
  });

  it('bounds a Dhaka week at 18:00 UTC, Dhaka being six hours ahead all year', () => {
    const { from, to } = rangeOf(weekDays('2026-06-10', 0), 'Asia/Dhaka');
    expect(from.toISOString()).toBe('2026-06-06T18:00:00.000Z');
    expect(to.toISOString()).toBe('2026-06-13T18:00:00.000Z');
  });

  it('puts an instant on the day it falls on where the person is', () => {
    const instant = new Date('2026-03-01T19:00:00Z');
    expect(dayOf(instant, 'Asia/Dhaka')).toBe('2026-03-02');
    expect(dayOf(instant, 'America/New_York')).toBe('2026-03-01');
  });
});

describe('dropping a post', () => {
  it.each([
    [0, 48, 0],
    [11.9, 48, 0],
    [12, 48, 1],
    [30, 48, 2],
    [47.9, 48, 3],
    [60, 48, 3],
    [-4, 48, 0],
    [10, 0, 0],
  ])('%d px into a %d px slot is quarter %d', (offset, height, quarter) => {
    expect(quarterAt(offset, height)).toBe(quarter);
  });

  it('snaps a week drop to the quarter hour of the slot, in the person’s zone', () => {
    expect(weekDropInstant('2026-06-10', 14, 2, 'Asia/Dhaka').toISOString()).toBe('2026-06-10T08:30:00.000Z');
    expect(weekDropInstant('2026-06-10', 0, 0, 'Europe/London').toISOString()).toBe(
      '2026-06-09T23:00:00.000Z',
    );
  });

  it('lands a drop on an hour the clocks skip just after the jump', () => {
    // 01:15 does not happen in London on 29 March 2026; 02:15 summer time does.
    expect(weekDropInstant('2026-03-29', 1, 1, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:15:00.000Z',
    );
  });

  it('lands a drop on an hour that happens twice on one of the two', () => {
    const instant = instantAt('2026-10-25', 1, 30, 'Europe/London');
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(instant.toISOString());
    expect(wallTimeAt(instant, 'Europe/London')).toMatchObject({ day: 25, hour: 1, minute: 30 });
  });

  it('keeps the time of day when a post moves to another day in the month, across a clock change', () => {
    // 09:30 in London on Friday 27 March (winter time) is 09:30 on Monday 30 March (summer time).
    const moved = monthDropInstant('2026-03-30', new Date('2026-03-27T09:30:00Z'), 'Europe/London');
    expect(moved.toISOString()).toBe('2026-03-30T08:30:00.000Z');
  });

  it('gives a post without a time the fallback hour of the day it is dropped on', () => {
    expect(monthDropInstant('2026-06-10', null, 'Asia/Dhaka').toISOString()).toBe('2026-06-10T03:00:00.000Z');
  });
});

describe('first day of the week', () => {
  it('follows the locale where the platform knows it', () => {
    expect(firstDayOfWeek('en-GB')).toBe(1);
    expect(firstDayOfWeek('bn-BD')).toBe(0);
    expect(firstDayOfWeek('ar-EG')).toBe(6);
  });

  it('falls back to Monday for a tag it cannot read', () => {
    expect(firstDayOfWeek('not a locale!')).toBe(1);
  });
});

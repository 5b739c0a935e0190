// Date and time inputs read in the person's own zone (here Asia/Dhaka, UTC+6), and times said back to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatPostTime,
  inputsFromInstant,
  instantFromInputs,
  suggestedScheduleTime,
} from './composerTime.ts';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  // Node reads TZ again whenever it is set, so the browser's zone can be played here.
  process.env.TZ = 'Asia/Dhaka';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('instantFromInputs and inputsFromInstant', () => {
  it.each([
    ['2026-11-27', '09:30', '2026-11-27T03:30:00.000Z'],
    ['2026-01-01', '00:15', '2025-12-31T18:15:00.000Z'],
    ['2026-02-31', '09:30', undefined],
    ['', '09:30', undefined],
    ['2026-11-27', '', undefined],
  ])('%s %s → %s', (date, time, iso) => {
    expect(instantFromInputs({ date, time })?.toISOString()).toBe(iso);
  });

  it('shows an instant in the local zone', () => {
    expect(inputsFromInstant(new Date('2026-11-27T03:30:00.000Z'))).toEqual({
      date: '2026-11-27',
      time: '09:30',
    });
  });
});

describe('suggestedScheduleTime', () => {
  it.each([
    ['2026-11-27T04:10:00.000Z', '2026-11-27T05:00:00.000Z'],
    ['2026-11-27T04:30:00.000Z', '2026-11-27T05:00:00.000Z'],
    ['2026-11-27T04:31:00.000Z', '2026-11-27T06:00:00.000Z'],
  ])('%s → %s', (now, suggested) => {
    expect(suggestedScheduleTime(new Date(now)).toISOString()).toBe(suggested);
  });
});

describe('formatPostTime', () => {
  const now = new Date('2026-06-01T00:00:00.000Z');
  it.each([
    ['en', '2026-11-27T03:30:00.000Z', 'Fri 27 Nov, 09:30'],
    ['bn', '2026-11-27T03:30:00.000Z', 'শুক্র ২৭ নভে, ০৯:৩০'],
    ['en', '2027-01-04T12:05:00.000Z', 'Mon, 4 Jan 2027, 18:05'],
  ] as const)('%s %s → %s', (locale, iso, text) => {
    expect(formatPostTime(locale, iso, now)).toBe(text);
  });
});

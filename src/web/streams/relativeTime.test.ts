import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime.ts';

const now = Date.parse('2026-03-15T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const MINUTE = 60_000;

describe('relative time of a stream item', () => {
  it.each([
    ['just now', ago(10_000), 'now'],
    ['a clock slightly ahead', new Date(now + 5_000).toISOString(), 'now'],
    ['minutes', ago(5 * MINUTE), '5 min ago'],
    ['hours', ago(3 * 60 * MINUTE), '3 hr ago'],
    ['a day', ago(24 * 60 * MINUTE), 'yesterday'],
    ['days', ago(4 * 24 * 60 * MINUTE), '4 days ago'],
  ])('reads %s in English', (_case, iso, expected) => {
    expect(relativeTime('en', iso, now)).toBe(expected);
  });

  it('writes Bengali words with Bengali digits', () => {
    expect(relativeTime('bn', ago(5 * MINUTE), now)).toBe('৫ মিনিট আগে');
    expect(relativeTime('bn', ago(10_000), now)).toBe('এখন');
  });

  it('shows the date of an item older than a week, with the year only when it differs', () => {
    expect(relativeTime('en', '2026-02-01T12:00:00Z', now)).toBe('1 Feb');
    expect(relativeTime('en', '2025-12-24T12:00:00Z', now)).toBe('24 Dec 2025');
    expect(relativeTime('bn', '2026-02-01T12:00:00Z', now)).toMatch(/^১ /);
  });

  it('answers nothing for a time it cannot read', () => {
    expect(relativeTime('en', 'not a date', now)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { type Bucket, fillBuckets, rangeWindow, sparklinePath } from './timeRange.ts';

const zero = { total: 0, positive: 0, negative: 0, neutral: 0 };

describe('rangeWindow', () => {
  const now = new Date(2025, 10, 26, 14, 37, 12);

  it('asks for 24 hourly buckets ending now', () => {
    const window = rangeWindow('24h', now);
    expect(window.interval).toBe('hour');
    expect(window.to).toBe(now);
    expect(window.from).toEqual(new Date(2025, 10, 25, 15, 0, 0));
    expect(fillBuckets([], window)).toHaveLength(24);
  });

  it('asks for a week of hours and a month of days', () => {
    expect(fillBuckets([], rangeWindow('7d', now))).toHaveLength(7 * 24);
    const month = rangeWindow('30d', now);
    expect(month.interval).toBe('day');
    expect(month.from).toEqual(new Date(2025, 9, 28, 0, 0, 0));
    expect(fillBuckets([], month)).toHaveLength(30);
  });
});

describe('fillBuckets', () => {
  it('keeps the server’s buckets and fills the others with zeros', () => {
    const window = {
      from: new Date(2025, 0, 1, 10),
      to: new Date(2025, 0, 1, 13, 20),
      interval: 'hour' as const,
    };
    const eleven: Bucket = {
      at: new Date(2025, 0, 1, 11).toISOString(),
      total: 3,
      positive: 1,
      negative: 2,
      neutral: 0,
    };
    expect(fillBuckets([eleven], window)).toEqual([
      { at: new Date(2025, 0, 1, 10).toISOString(), ...zero },
      eleven,
      { at: new Date(2025, 0, 1, 12).toISOString(), ...zero },
      { at: new Date(2025, 0, 1, 13).toISOString(), ...zero },
    ]);
  });

  it('keeps a bucket outside the expected ones, in time order', () => {
    const window = {
      from: new Date(2025, 0, 1, 10),
      to: new Date(2025, 0, 1, 11),
      interval: 'hour' as const,
    };
    const odd: Bucket = {
      at: new Date(2025, 0, 1, 9, 30).toISOString(),
      total: 1,
      positive: 0,
      negative: 0,
      neutral: 1,
    };
    expect(fillBuckets([odd], window).map((b) => b.total)).toEqual([1, 0]);
  });
});

describe('sparklinePath', () => {
  it.each([
    [[], ''],
    [[5], 'M0 0'],
    [[0, 2, 4], 'M0 20 L50 10 L100 0'],
    [[0, 0], 'M0 20 L100 20'],
  ])('draws %j', (values, path) => {
    expect(sparklinePath(values, 100, 20)).toBe(path);
  });
});

// The spike statistics, table-driven: the hour-of-week baseline and its fallback, volume spikes with
// sigma and the minimum count, jumps of the negative share, and the cooldown.
import { describe, expect, it } from 'vitest';
import {
  baselineNegativeShare,
  evaluateSpikes,
  HOUR_MS,
  type HourCount,
  hourlyBaseline,
  meanAndStdDev,
  type SpikeInput,
  WEEK_MS,
} from './spikeAlerts.ts';

const NOW = new Date('2025-03-31T10:30:00Z'); // a Monday; the window starts 09:30, in the 09:00 hour
const TARGET = Date.parse('2025-03-31T09:00:00Z');
const settings = { spikeSigma: 3, spikeMinCount: 10, negativeJumpPoints: 20, alertCooldownMinutes: 60 };

/** Hours at the same hour of the week, `weeksAgo` back, with these totals (negative: a share of them). */
const sameHour = (totals: number[], negativeShare = 0): HourCount[] =>
  totals.map((total, i) => ({
    hourStart: TARGET - (i + 1) * WEEK_MS,
    total,
    negative: Math.round(total * negativeShare),
  }));

/** Every hour of the last `hours` hours before the window's hour, each with `total`. */
const everyHour = (hours: number, total: number, negativeShare = 0): HourCount[] =>
  Array.from({ length: hours }, (_, i) => ({
    hourStart: TARGET - (i + 1) * HOUR_MS,
    total,
    negative: Math.round(total * negativeShare),
  }));

const input = (over: Partial<SpikeInput>): SpikeInput => ({
  now: NOW,
  window: { total: 0, negative: 0 },
  hourly: [],
  historyStart: new Date(TARGET - 10 * WEEK_MS),
  settings,
  ...over,
});

describe('meanAndStdDev', () => {
  it.each([
    { values: [], mean: 0, stdDev: 0 },
    { values: [5], mean: 5, stdDev: 0 },
    { values: [2, 4, 4, 4, 5, 5, 7, 9], mean: 5, stdDev: 2 },
    { values: [0, 0, 10, 10], mean: 5, stdDev: 5 },
  ])('$values → mean $mean, sd $stdDev', ({ values, mean, stdDev }) => {
    expect(meanAndStdDev(values)).toEqual({ mean, stdDev });
  });
});

describe('hourlyBaseline', () => {
  it.each([
    {
      name: 'same hour of the week over eight weeks, other hours ignored',
      hourly: [...sameHour([10, 12, 8, 10, 12, 8, 10, 10]), ...everyHour(5, 500)],
      historyStart: new Date(TARGET - 10 * WEEK_MS),
      expected: { mean: 10, samples: 8, sameHourOfWeek: true },
    },
    {
      name: 'weeks without mentions count as zero',
      hourly: sameHour([12, 0, 12]),
      historyStart: new Date(TARGET - 4 * WEEK_MS),
      expected: { mean: 6, samples: 4, sameHourOfWeek: true },
    },
    {
      name: 'hours before the history started are not samples',
      hourly: sameHour([9, 9, 9, 90]),
      historyStart: new Date(TARGET - 3 * WEEK_MS),
      expected: { mean: 9, samples: 3, sameHourOfWeek: true },
    },
    {
      name: 'fewer than 3 same-hour samples: every hour of the history',
      hourly: everyHour(24 * 10, 2),
      historyStart: new Date(TARGET - 10 * 24 * HOUR_MS),
      expected: { mean: 2, samples: 240, sameHourOfWeek: false },
    },
    {
      name: 'a history that began mid-hour starts at the next full hour',
      hourly: everyHour(4, 6),
      historyStart: new Date(TARGET - 4 * HOUR_MS + 60_000),
      expected: { mean: 6, samples: 3, sameHourOfWeek: false },
    },
  ])('$name', ({ hourly, historyStart, expected }) => {
    expect(hourlyBaseline(input({ hourly, historyStart }))).toMatchObject(expected);
  });

  it('is undefined with fewer than 3 hours of history', () => {
    expect(
      hourlyBaseline(input({ hourly: everyHour(2, 5), historyStart: new Date(TARGET - 2 * HOUR_MS) })),
    ).toBe(undefined);
  });

  it('takes the negative share over the whole history', () => {
    const hourly = [...everyHour(10, 10, 0.1), ...everyHour(0, 0)];
    expect(
      baselineNegativeShare(input({ hourly, historyStart: new Date(TARGET - 10 * HOUR_MS) })),
    ).toBeCloseTo(0.1);
    expect(baselineNegativeShare(input({ hourly: [], historyStart: new Date(TARGET - 10 * HOUR_MS) }))).toBe(
      undefined,
    );
  });
});

describe('evaluateSpikes', () => {
  // Baseline at this hour: mean 10, sd 2 (values 8 and 12 alternating); threshold at sigma 3 is 16.
  const steady = sameHour([8, 12, 8, 12, 8, 12, 8, 12], 0.1);
  const recently = new Date(NOW.getTime() - 30 * 60_000);
  const longAgo = new Date(NOW.getTime() - 2 * HOUR_MS);

  it.each([
    { name: 'within the usual range', window: { total: 15, negative: 1 }, kinds: [] },
    { name: 'exactly at the threshold is not above it', window: { total: 16, negative: 1 }, kinds: [] },
    { name: 'above mean + 3 sd', window: { total: 17, negative: 1 }, kinds: ['volume'] },
    {
      name: 'a spike below the minimum count',
      window: { total: 17, negative: 1 },
      over: { settings: { ...settings, spikeMinCount: 20 } },
      kinds: [],
    },
    {
      name: 'a lower sigma alerts sooner',
      window: { total: 13, negative: 1 },
      over: { settings: { ...settings, spikeSigma: 1 } },
      kinds: ['volume'],
    },
    {
      name: 'negative share up 20 points (10% → 30%)',
      window: { total: 10, negative: 3 },
      kinds: ['negative'],
    },
    { name: 'negative share up 10 points only', window: { total: 10, negative: 2 }, kinds: [] },
    {
      name: 'negative jump below the minimum count',
      window: { total: 9, negative: 9 },
      kinds: [],
    },
    { name: 'both at once', window: { total: 40, negative: 20 }, kinds: ['volume', 'negative'] },
    {
      name: 'a volume alert 30 minutes ago holds back another',
      window: { total: 40, negative: 4 },
      over: { lastAlertAt: { volume: recently } },
      kinds: [],
    },
    {
      name: 'the cooldown of one kind does not hold back the other',
      window: { total: 40, negative: 20 },
      over: { lastAlertAt: { volume: recently } },
      kinds: ['negative'],
    },
    {
      name: 'after the cooldown it alerts again',
      window: { total: 40, negative: 4 },
      over: { lastAlertAt: { volume: longAgo } },
      kinds: ['volume'],
    },
    {
      name: 'no history yet: nothing to compare with',
      window: { total: 500, negative: 500 },
      over: { hourly: [], historyStart: new Date(NOW.getTime() - 90 * 60_000) },
      kinds: [],
    },
  ] as { name: string; window: SpikeInput['window']; over?: Partial<SpikeInput>; kinds: string[] }[])(
    '$name',
    ({ window, over, kinds }) => {
      const findings = evaluateSpikes(input({ hourly: steady, window, ...over }));
      expect(findings.map((f) => f.kind)).toEqual(kinds);
    },
  );

  it('reports what was seen and expected', () => {
    const [volume, negative] = evaluateSpikes(input({ hourly: steady, window: { total: 40, negative: 20 } }));
    expect(volume).toMatchObject({ kind: 'volume', count: 40, mean: 10, stdDev: 2 });
    expect(volume!.windowEnd).toEqual(NOW);
    expect(volume!.windowStart).toEqual(new Date(NOW.getTime() - HOUR_MS));
    expect(negative).toMatchObject({ kind: 'negative', negativeShare: 0.5 });
    expect(negative!.baselineShare).toBeCloseTo(0.1, 1);
  });
});

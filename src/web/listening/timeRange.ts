// The time ranges the Listening pages offer (the last 24 hours, 7 days, 30 days), the window and bucket
// size each asks the server for, and the series drawn from the server's buckets: the server leaves out
// buckets without mentions, a chart needs them as zeros.

export const RANGES = ['24h', '7d', '30d'] as const;
export type RangeName = (typeof RANGES)[number];
export type Interval = 'minute' | 'hour' | 'day';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN: Record<RangeName, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
const INTERVAL: Record<RangeName, Interval> = { '24h': 'hour', '7d': 'hour', '30d': 'day' };

export function isRangeName(value: unknown): value is RangeName {
  return RANGES.includes(value as RangeName);
}

export interface RangeWindow {
  from: Date;
  to: Date;
  interval: Interval;
}

/**
 * The window ending now. It starts at the beginning of a bucket (in the browser's time zone, which the
 * page also sends the server), so the first bucket holds a whole hour or day like the others.
 */
export function rangeWindow(range: RangeName, now: Date): RangeWindow {
  const interval = INTERVAL[range];
  const from = bucketStart(new Date(now.getTime() - SPAN[range]), interval);
  if (interval === 'hour') from.setTime(from.getTime() + HOUR);
  else from.setDate(from.getDate() + 1);
  return { from, to: now, interval };
}

/** The start of the bucket holding `at`, in the browser's time zone. */
export function bucketStart(at: Date, interval: Interval): Date {
  const start = new Date(at.getTime());
  if (interval === 'minute') start.setSeconds(0, 0);
  else if (interval === 'hour') start.setMinutes(0, 0, 0);
  else start.setHours(0, 0, 0, 0);
  return start;
}

function nextBucket(at: Date, interval: Interval): Date {
  const next = new Date(at.getTime());
  if (interval === 'minute') next.setTime(next.getTime() + 60_000);
  else if (interval === 'hour') next.setTime(next.getTime() + HOUR);
  else next.setDate(next.getDate() + 1);
  return next;
}

export interface Bucket {
  at: string;
  total: number;
  positive: number;
  negative: number;
  neutral: number;
}

/** One bucket for every interval from `from` up to `to`, zeros where the server sent none. */
export function fillBuckets(buckets: Bucket[], window: RangeWindow): Bucket[] {
  const byTime = new Map(buckets.map((bucket) => [new Date(bucket.at).getTime(), bucket]));
  const filled: Bucket[] = [];
  for (
    let at = bucketStart(window.from, window.interval);
    at.getTime() < window.to.getTime() && filled.length < 5000;
    at = nextBucket(at, window.interval)
  ) {
    const found = byTime.get(at.getTime());
    filled.push(found ?? { at: at.toISOString(), total: 0, positive: 0, negative: 0, neutral: 0 });
    byTime.delete(at.getTime());
  }
  // A bucket the page did not expect (a time-zone change meanwhile) is still counted, in its place.
  return [...filled, ...byTime.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** An SVG path through `values`, scaled to a box of `width` × `height` (zero at the bottom). */
export function sparklinePath(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return values
    .map((value, i) => `${i === 0 ? 'M' : 'L'}${round(i * step)} ${round(height - (value / max) * height)}`)
    .join(' ');
}

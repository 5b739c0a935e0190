// When a query's mentions spike: the statistics behind listening alerts, with no I/O. The baseline of
// a query is its own history: the hourly counts at the same hour of the week over the past weeks (so a
// Monday-morning rush is not a spike every Monday), or every hour of its history when it has fewer than
// three such hours yet. The last 60 minutes alert when they exceed mean + sigma · standard deviation
// and hold at least the minimum count. A second kind watches the share of negative mentions: it
// alerts when the share rose by at least the set percentage points over the history's share. Each kind
// waits out its cooldown after an alert.

export const WINDOW_MS = 60 * 60_000;
export const HOUR_MS = 60 * 60_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;
/** Weeks of history the baseline reads. */
export const BASELINE_WEEKS = 8;
/** Fewest hours a baseline needs; with fewer, nothing alerts yet. */
export const MIN_SAMPLES = 3;

export type AlertKind = 'volume' | 'negative';

export interface HourCount {
  /** Start of the clock hour (UTC), in milliseconds. */
  hourStart: number;
  total: number;
  negative: number;
}

export interface SpikeSettings {
  spikeSigma: number;
  spikeMinCount: number;
  negativeJumpPoints: number;
  alertCooldownMinutes: number;
}

export interface Baseline {
  mean: number;
  stdDev: number;
  /** Hours the mean is taken over. */
  samples: number;
  /** True when the hours are the same hour of the week; false for the fallback to every hour. */
  sameHourOfWeek: boolean;
}

export interface SpikeInput {
  now: Date;
  /** Mentions in the last 60 minutes, and how many of them were negative. */
  window: { total: number; negative: number };
  /** Hourly counts before the window; hours missing here had no mentions. */
  hourly: HourCount[];
  /** Since when the query has been counting (hours before hold no information, not zero). */
  historyStart: Date;
  settings: SpikeSettings;
  /** When each kind last alerted for this query. */
  lastAlertAt?: Partial<Record<AlertKind, Date>>;
  weeks?: number;
}

export interface SpikeFinding {
  kind: AlertKind;
  windowStart: Date;
  windowEnd: Date;
  count: number;
  mean: number;
  stdDev: number;
  negativeShare?: number;
  baselineShare?: number;
}

export function meanAndStdDev(values: number[]): { mean: number; stdDev: number } {
  if (values.length === 0) return { mean: 0, stdDev: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean, stdDev: Math.sqrt(variance) };
}

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/** The complete clock hours of history before the window, from the oldest the baseline may use. */
function historyHours(input: SpikeInput): { first: number; end: number } {
  const windowStart = input.now.getTime() - WINDOW_MS;
  const weeks = input.weeks ?? BASELINE_WEEKS;
  const end = floorHour(windowStart);
  const first = Math.max(ceilHour(input.historyStart.getTime()), end - weeks * WEEK_MS);
  return { first, end };
}

/** The baseline for the hour the window starts in, or undefined with too little history. */
export function hourlyBaseline(input: SpikeInput): Baseline | undefined {
  const { first, end } = historyHours(input);
  const totals = new Map(input.hourly.map((h) => [h.hourStart, h.total]));
  const weeks = input.weeks ?? BASELINE_WEEKS;
  const target = floorHour(input.now.getTime() - WINDOW_MS);
  const sameHour: number[] = [];
  for (let k = 1; k <= weeks; k++) {
    const hour = target - k * WEEK_MS;
    if (hour >= first) sameHour.push(totals.get(hour) ?? 0);
  }
  if (sameHour.length >= MIN_SAMPLES)
    return { ...meanAndStdDev(sameHour), samples: sameHour.length, sameHourOfWeek: true };
  const every: number[] = [];
  for (let hour = first; hour < end; hour += HOUR_MS) every.push(totals.get(hour) ?? 0);
  if (every.length < MIN_SAMPLES) return undefined;
  return { ...meanAndStdDev(every), samples: every.length, sameHourOfWeek: false };
}

/** The share of negative mentions over the whole usable history, or undefined when it holds none. */
export function baselineNegativeShare(input: SpikeInput): number | undefined {
  const { first, end } = historyHours(input);
  let total = 0;
  let negative = 0;
  for (const h of input.hourly) {
    if (h.hourStart < first || h.hourStart >= end) continue;
    total += h.total;
    negative += h.negative;
  }
  return total === 0 ? undefined : negative / total;
}

const coolingDown = (input: SpikeInput, kind: AlertKind) => {
  const last = input.lastAlertAt?.[kind];
  return (
    last !== undefined && input.now.getTime() - last.getTime() < input.settings.alertCooldownMinutes * 60_000
  );
};

/** The alerts the last 60 minutes call for. */
export function evaluateSpikes(input: SpikeInput): SpikeFinding[] {
  const { window, settings } = input;
  if (window.total < settings.spikeMinCount) return [];
  const baseline = hourlyBaseline(input);
  if (!baseline) return [];
  const windowEnd = input.now;
  const windowStart = new Date(input.now.getTime() - WINDOW_MS);
  const base = { windowStart, windowEnd, count: window.total, mean: baseline.mean, stdDev: baseline.stdDev };
  const findings: SpikeFinding[] = [];
  if (window.total > baseline.mean + settings.spikeSigma * baseline.stdDev && !coolingDown(input, 'volume')) {
    findings.push({ kind: 'volume', ...base });
  }
  const baselineShare = baselineNegativeShare(input);
  const negativeShare = window.negative / window.total;
  if (
    baselineShare !== undefined &&
    // A hair of tolerance: 0.5 − 0.3 is 0.19999… in floating point.
    (negativeShare - baselineShare) * 100 >= settings.negativeJumpPoints - 1e-9 &&
    !coolingDown(input, 'negative')
  ) {
    findings.push({ kind: 'negative', ...base, negativeShare, baselineShare });
  }
  return findings;
}

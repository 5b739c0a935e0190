// One line of benchmark output: a measured value, the baseline measured in the same run, and the target.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The same measurement on a baseline in the same run; the report prints value / baseline. */
  baseline?: number;
  /** The value the project promises not to exceed. */
  target?: number;
  /** The value the project promises to reach at least (for rates and ratios). */
  atLeast?: number;
}

/** What a suite reports: its rows, and sentences saying what was measured and how. */
export interface BenchReport {
  rows: BenchRow[];
  notes?: string[];
}

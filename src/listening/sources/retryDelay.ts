// How long a listening source waits before trying again (a reconnect, a poll after a failure, a batch
// the sink refused): doubling from a first delay up to a ceiling, with some jitter so many sources
// that failed together do not all come back in the same instant. The wait ends early when the source
// is stopped, and leaves no timer behind.

export interface RetryDelayOptions {
  /** The first wait (default 1 s). */
  initialMs?: number;
  /** The longest wait (default 60 s). */
  maxMs?: number;
  /** Each wait is this much shorter or longer at random, as a fraction (default 0.2). */
  jitter?: number;
}

export interface RetryDelay {
  /** The next wait, longer than the last one until the ceiling. */
  next(): number;
  /** Back to the first wait, after something worked. */
  reset(): void;
}

export function retryDelay(options: RetryDelayOptions = {}): RetryDelay {
  const initialMs = options.initialMs ?? 1_000;
  const maxMs = options.maxMs ?? 60_000;
  const jitter = options.jitter ?? 0.2;
  let failures = 0;
  return {
    next() {
      const base = Math.min(maxMs, initialMs * 2 ** failures);
      failures = Math.min(failures + 1, 30);
      return Math.round(base * (1 - jitter + Math.random() * 2 * jitter));
    },
    reset() {
      failures = 0;
    },
  };
}

/** Waits `ms`; answers false at once when `signal` aborts (before or during the wait). */
export function waitUnlessStopped(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

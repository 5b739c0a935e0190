// When to try a failed publish again: exponential backoff with full jitter (so many targets failing
// together do not retry together), never sooner than the network's own Retry-After, and a limit on
// attempts after which the target fails for good.
export interface BackoffPolicy {
  /** Delay before the second attempt, before jitter. */
  baseMs: number;
  /** No single wait is longer than this (except when the network asks for longer). */
  maxMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 6 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * After attempt number `attempts` (1 for the first) failed: whether to try again and after how long.
 * `random` returns [0, 1); the delay is drawn from the upper half of the exponential step, so it
 * still grows with each attempt.
 */
export function nextRetry(
  attempts: number,
  options: { retryAfterMs?: number; policy?: BackoffPolicy; random?: () => number } = {},
): RetryDecision {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  if (attempts >= policy.maxAttempts) return { retry: false };
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = step / 2 + (options.random ?? Math.random)() * (step / 2);
  const delayMs = Math.max(Math.round(jittered), options.retryAfterMs ?? 0);
  return { retry: true, delayMs };
}

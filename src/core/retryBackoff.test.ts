import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, nextRetry } from './retryBackoff.ts';

const policy: BackoffPolicy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 5 };

describe('nextRetry', () => {
  it.each([
    // attempts, random, retryAfterMs, expected delay
    [1, 0, undefined, 500],
    [1, 0.999_999, undefined, 1000],
    [2, 0, undefined, 1000],
    [3, 0.5, undefined, 3000],
    [4, 1 - 1e-9, undefined, 8000],
    // The step stops growing at maxMs.
    [4, 0, undefined, 4000],
    // The network's Retry-After wins when it is longer than our own wait...
    [1, 0, 30_000, 30_000],
    // ...and does not shorten it.
    [3, 0, 100, 2000],
  ] as const)(
    'after attempt %i with random %d and Retry-After %s waits %i ms',
    (attempts, r, retryAfterMs, delay) => {
      expect(nextRetry(attempts, { policy, random: () => r, retryAfterMs })).toEqual({
        retry: true,
        delayMs: delay,
      });
    },
  );

  it('caps the exponential step at maxMs', () => {
    const big = { ...policy, maxAttempts: 50 };
    expect(nextRetry(20, { policy: big, random: () => 0 })).toEqual({ retry: true, delayMs: 5000 });
  });

  it.each([5, 6, 100])('gives up after attempt %i of 5', (attempts) => {
    expect(nextRetry(attempts, { policy, retryAfterMs: 1000 })).toEqual({ retry: false });
  });

  it('spreads retries of targets that failed together', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => (nextRetry(3, { policy }) as { delayMs: number }).delayMs),
    );
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(2000);
  });
});

// The rules of a certification exam, without the database: which questions an attempt draws, when it
// must be handed in, how many attempts are left and how long someone waits after failing.
import { randomInt } from 'node:crypto';

/** Answers that reach the server this long after the deadline still count (slow networks, clock drift). */
export const SUBMIT_GRACE_MS = 30_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * `count` distinct ids from the pool in random order (a partial Fisher–Yates shuffle over a copy),
 * drawn with the operating system's random source unless another is given.
 */
export function drawQuestionIds(
  poolIds: readonly string[],
  count: number,
  random: (max: number) => number = randomInt,
): string[] {
  if (!Number.isInteger(count) || count < 1 || count > poolIds.length) {
    throw new RangeError(`Cannot draw ${count} questions from a pool of ${poolIds.length}.`);
  }
  const ids = [...poolIds];
  for (let i = 0; i < count; i += 1) {
    const j = i + random(ids.length - i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, count);
}

export function deadlineFor(startedAt: Date, timeLimitMinutes: number): Date {
  return new Date(startedAt.getTime() + timeLimitMinutes * MINUTE_MS);
}

export interface ExamRules {
  maxAttempts: number;
  cooldownHours: number;
}

/** What the rules need to know of one attempt. */
export interface AttemptFacts {
  startedAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
  passed: boolean | null;
}

export type AttemptPhase = 'running' | 'finished' | 'expired';

/** Whether answers handed in at `at` arrive in time. */
export function inTime(attempt: Pick<AttemptFacts, 'deadlineAt'>, at: Date): boolean {
  return at.getTime() <= attempt.deadlineAt.getTime() + SUBMIT_GRACE_MS;
}

/** Running until the deadline (and its grace) passes; expired when nobody handed it in by then. */
export function attemptPhase(attempt: AttemptFacts, now: Date): AttemptPhase {
  if (attempt.submittedAt !== null || attempt.passed !== null) return 'finished';
  return inTime(attempt, now) ? 'running' : 'expired';
}

/** When an attempt that is over ended: when it was handed in, or its deadline when time ran out. */
export function attemptEnd(attempt: AttemptFacts): Date {
  return attempt.submittedAt && inTime(attempt, attempt.submittedAt)
    ? attempt.submittedAt
    : attempt.deadlineAt;
}

export interface ExamStanding<A extends AttemptFacts> {
  attemptsUsed: number;
  attemptsLeft: number;
  /** The attempt still open, if any. */
  running: A | undefined;
  passed: boolean;
  /** Until when a new attempt must wait after a failed one; null when it need not wait. */
  cooldownUntil: Date | null;
}

export function examStanding<A extends AttemptFacts>(
  rules: ExamRules,
  attempts: readonly A[],
  now: Date,
): ExamStanding<A> {
  const running = attempts.find((attempt) => attemptPhase(attempt, now) === 'running');
  const passed = attempts.some((attempt) => attempt.passed === true);
  const attemptsUsed = attempts.length;
  const attemptsLeft = Math.max(0, rules.maxAttempts - attemptsUsed);
  let cooldownUntil: Date | null = null;
  if (!running && rules.cooldownHours > 0) {
    const failedEnds = attempts
      .filter((attempt) => attempt.passed !== true && attemptPhase(attempt, now) !== 'running')
      .map((attempt) => attemptEnd(attempt).getTime());
    if (failedEnds.length > 0) {
      const until = Math.max(...failedEnds) + rules.cooldownHours * HOUR_MS;
      if (until > now.getTime()) cooldownUntil = new Date(until);
    }
  }
  return { attemptsUsed, attemptsLeft, running, passed, cooldownUntil };
}

export type StartDecision<A extends AttemptFacts> =
  | { kind: 'resume'; attempt: A }
  | { kind: 'start' }
  | { kind: 'refuse'; reason: 'alreadyCertified' }
  | { kind: 'refuse'; reason: 'noAttemptsLeft' }
  | { kind: 'refuse'; reason: 'coolingDown'; until: Date };

/**
 * Whether someone may start an attempt now. An open attempt is handed back rather than a second one
 * started; a person holding a valid certificate for it has nothing left to take.
 */
export function decideStart<A extends AttemptFacts>(
  rules: ExamRules,
  attempts: readonly A[],
  now: Date,
  holdsValidCertificate: boolean,
): StartDecision<A> {
  const standing = examStanding(rules, attempts, now);
  if (standing.running) return { kind: 'resume', attempt: standing.running };
  if (holdsValidCertificate) return { kind: 'refuse', reason: 'alreadyCertified' };
  if (standing.attemptsLeft === 0) return { kind: 'refuse', reason: 'noAttemptsLeft' };
  if (standing.cooldownUntil) return { kind: 'refuse', reason: 'coolingDown', until: standing.cooldownUntil };
  return { kind: 'start' };
}

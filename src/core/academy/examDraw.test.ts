import { describe, expect, it } from 'vitest';
import {
  type AttemptFacts,
  attemptEnd,
  attemptPhase,
  deadlineFor,
  decideStart,
  drawQuestionIds,
  examStanding,
  inTime,
  SUBMIT_GRACE_MS,
} from './examDraw.ts';

const POOL = Array.from({ length: 12 }, (_, i) => `q${i + 1}`);
const T0 = new Date('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** An attempt started `start` minutes after T0 with a 30-minute limit. */
function attempt(start: number, outcome: { submitted?: number; passed?: boolean } = {}): AttemptFacts {
  return {
    startedAt: at(start),
    deadlineAt: at(start + 30),
    submittedAt: outcome.submitted === undefined ? null : at(outcome.submitted),
    passed: outcome.passed ?? (outcome.submitted === undefined ? null : false),
  };
}

describe('drawQuestionIds', () => {
  it.each([1, 5, 12])('draws %i distinct ids from the pool', (count) => {
    const drawn = drawQuestionIds(POOL, count);
    expect(drawn).toHaveLength(count);
    expect(new Set(drawn).size).toBe(count);
    for (const id of drawn) expect(POOL).toContain(id);
  });

  it.each([0, 13, -1, 2.5, Number.NaN])('refuses to draw %s from a pool of 12', (count) => {
    expect(() => drawQuestionIds(POOL, count)).toThrow(RangeError);
  });

  it('leaves the pool as it was', () => {
    const pool = [...POOL];
    drawQuestionIds(pool, 6);
    expect(pool).toEqual(POOL);
  });

  it('follows the random source: always the first choice keeps the order, always the last swaps from the end', () => {
    expect(drawQuestionIds(POOL, 3, () => 0)).toEqual(['q1', 'q2', 'q3']);
    expect(drawQuestionIds(['a', 'b', 'c', 'd'], 2, (max) => max - 1)).toEqual(['d', 'a']);
  });

  it('gives every question a fair chance and varies the order', () => {
    const seen = new Map<string, number>();
    const firsts = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const drawn = drawQuestionIds(POOL, 4);
      firsts.add(drawn[0]!);
      for (const id of drawn) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    // Each id is expected 1000 times; a fair draw stays well within ±25 %.
    for (const id of POOL) expect(seen.get(id)).toBeGreaterThan(750);
    for (const id of POOL) expect(seen.get(id)).toBeLessThan(1250);
    expect(firsts.size).toBe(12);
  });
});

describe('deadlines', () => {
  it('puts the deadline the time limit after the start', () => {
    expect(deadlineFor(T0, 45).toISOString()).toBe('2026-03-01T10:45:00.000Z');
  });

  it.each([
    [29, true],
    [30, true],
    [30 + SUBMIT_GRACE_MS / 60_000, true],
    [30.51, false],
    [90, false],
  ])('an answer %s minutes after a 30-minute start is in time: %s', (minutes, expected) => {
    expect(inTime(attempt(0), at(minutes))).toBe(expected);
  });

  it.each([
    ['open before the deadline', attempt(0), at(10), 'running'],
    ['open within the grace', attempt(0), at(30.4), 'running'],
    ['open after the grace', attempt(0), at(31), 'expired'],
    ['handed in', attempt(0, { submitted: 12 }), at(13), 'finished'],
    ['handed in late', attempt(0, { submitted: 50 }), at(51), 'finished'],
  ] as const)('an attempt %s is %s', (_what, facts, now, phase) => {
    expect(attemptPhase(facts, now)).toBe(phase);
  });

  it('ends a late attempt at its deadline, an attempt in time when it was handed in', () => {
    expect(attemptEnd(attempt(0, { submitted: 12 }))).toEqual(at(12));
    expect(attemptEnd(attempt(0, { submitted: 50 }))).toEqual(at(30));
    expect(attemptEnd(attempt(0))).toEqual(at(30));
  });
});

describe('examStanding and decideStart', () => {
  const rules = { maxAttempts: 3, cooldownHours: 2 };
  const cases: {
    name: string;
    attempts: AttemptFacts[];
    now: number;
    certified?: boolean;
    standing: { attemptsUsed: number; attemptsLeft: number; passed: boolean; cooldownUntil: Date | null };
    decision: string;
  }[] = [
    {
      name: 'never tried',
      attempts: [],
      now: 0,
      standing: { attemptsUsed: 0, attemptsLeft: 3, passed: false, cooldownUntil: null },
      decision: 'start',
    },
    {
      name: 'one attempt running',
      attempts: [attempt(0)],
      now: 10,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: false, cooldownUntil: null },
      decision: 'resume',
    },
    {
      name: 'failed 1 hour ago',
      attempts: [attempt(0, { submitted: 20 })],
      now: 80,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: false, cooldownUntil: at(140) },
      decision: 'coolingDown',
    },
    {
      name: 'failed 2 hours ago exactly',
      attempts: [attempt(0, { submitted: 20 })],
      now: 140,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: false, cooldownUntil: null },
      decision: 'start',
    },
    {
      name: 'ran out of time, never handed in',
      attempts: [attempt(0)],
      now: 60,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: false, cooldownUntil: at(150) },
      decision: 'coolingDown',
    },
    {
      name: 'handed in late',
      attempts: [attempt(0, { submitted: 45 })],
      now: 60,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: false, cooldownUntil: at(150) },
      decision: 'coolingDown',
    },
    {
      name: 'cooldown counts from the latest failure',
      attempts: [attempt(0, { submitted: 10 }), attempt(200, { submitted: 210 })],
      now: 250,
      standing: { attemptsUsed: 2, attemptsLeft: 1, passed: false, cooldownUntil: at(330) },
      decision: 'coolingDown',
    },
    {
      name: 'all attempts used',
      attempts: [
        attempt(0, { submitted: 10 }),
        attempt(200, { submitted: 210 }),
        attempt(400, { submitted: 410 }),
      ],
      now: 1000,
      standing: { attemptsUsed: 3, attemptsLeft: 0, passed: false, cooldownUntil: null },
      decision: 'noAttemptsLeft',
    },
    {
      name: 'all attempts used, the last one still running',
      attempts: [attempt(0, { submitted: 10 }), attempt(200, { submitted: 210 }), attempt(400)],
      now: 410,
      standing: { attemptsUsed: 3, attemptsLeft: 0, passed: false, cooldownUntil: null },
      decision: 'resume',
    },
    {
      name: 'passed and holds the certificate',
      attempts: [attempt(0, { submitted: 10, passed: true })],
      now: 20,
      certified: true,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: true, cooldownUntil: null },
      decision: 'alreadyCertified',
    },
    {
      name: 'passed, but the certificate was revoked',
      attempts: [attempt(0, { submitted: 10, passed: true })],
      now: 20,
      certified: false,
      standing: { attemptsUsed: 1, attemptsLeft: 2, passed: true, cooldownUntil: null },
      decision: 'start',
    },
  ];

  it.each(cases)('$name', ({ attempts, now, certified, standing, decision }) => {
    const { running, ...rest } = examStanding(rules, attempts, at(now));
    expect(rest).toEqual(standing);
    expect(running).toBe(decision === 'resume' ? attempts[attempts.length - 1] : undefined);
    const decided = decideStart(rules, attempts, at(now), certified ?? false);
    expect(decided.kind === 'refuse' ? decided.reason : decided.kind).toBe(decision);
    if (decided.kind === 'refuse' && decided.reason === 'coolingDown') {
      expect(decided.until).toEqual(standing.cooldownUntil);
    }
  });

  it('has no cooldown when the exam sets none', () => {
    const standing = examStanding(
      { maxAttempts: 3, cooldownHours: 0 },
      [attempt(0, { submitted: 5 })],
      at(6),
    );
    expect(standing.cooldownUntil).toBeNull();
    expect(
      decideStart({ maxAttempts: 3, cooldownHours: 0 }, [attempt(0, { submitted: 5 })], at(6), false),
    ).toEqual({
      kind: 'start',
    });
  });

  it('has none left when an admin lowers the limit below what was used', () => {
    const attempts = [attempt(0, { submitted: 5 }), attempt(300, { submitted: 305 })];
    expect(examStanding({ maxAttempts: 1, cooldownHours: 0 }, attempts, at(400)).attemptsLeft).toBe(0);
  });
});

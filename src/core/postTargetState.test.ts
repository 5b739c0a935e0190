import { describe, expect, it } from 'vitest';
import { canTransition, isEditable, type TargetStatus, transitionRefusal } from './postTargetState.ts';

const ALL: TargetStatus[] = [
  'draft',
  'pending_approval',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'paused',
  'cancelled',
  'expired',
];

// Every allowed move; everything else is refused.
const ALLOWED: [TargetStatus, TargetStatus][] = [
  ['draft', 'pending_approval'],
  ['draft', 'scheduled'],
  ['draft', 'cancelled'],
  ['pending_approval', 'draft'],
  ['pending_approval', 'scheduled'],
  ['pending_approval', 'cancelled'],
  ['pending_approval', 'expired'],
  ['pending_approval', 'pending_approval'],
  ['scheduled', 'scheduled'],
  ['scheduled', 'publishing'],
  ['scheduled', 'paused'],
  ['scheduled', 'cancelled'],
  ['scheduled', 'draft'],
  ['publishing', 'published'],
  ['publishing', 'scheduled'],
  ['publishing', 'failed'],
  ['failed', 'scheduled'],
  ['failed', 'cancelled'],
  ['paused', 'scheduled'],
  ['paused', 'cancelled'],
  ['paused', 'pending_approval'],
  ['paused', 'draft'],
  ['expired', 'pending_approval'],
  ['expired', 'scheduled'],
  ['expired', 'draft'],
  ['expired', 'cancelled'],
];

describe('post target transitions', () => {
  const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
  const cases = ALL.flatMap((from) => ALL.map((to) => [from, to, allowed.has(`${from}>${to}`)] as const));

  it.each(cases)('%s → %s allowed: %s', (from, to, expected) => {
    expect(canTransition(from, to)).toBe(expected);
    expect(transitionRefusal(from, to) === undefined).toBe(expected);
  });

  it.each([
    ['published', 'cancelled', 'This post is already published and cannot be deleted.'],
    ['publishing', 'cancelled', 'This post is being published right now and cannot be deleted.'],
    ['cancelled', 'scheduled', 'This post is deleted and cannot be scheduled.'],
  ] as const)('explains why %s → %s is refused', (from, to, sentence) => {
    expect(transitionRefusal(from, to)).toBe(sentence);
  });

  it.each([
    ['draft', true],
    ['pending_approval', true],
    ['scheduled', true],
    ['paused', true],
    ['publishing', false],
    ['published', false],
    ['failed', false],
    ['cancelled', false],
    ['expired', true],
  ] as const)('%s editable: %s', (status, expected) => {
    expect(isEditable(status)).toBe(expected);
  });
});

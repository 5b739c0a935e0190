// The chain rules on their own: which step is open, and who may decide it.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/roles.ts';
import {
  type ChainStep,
  chainProgress,
  type Decision,
  decidersOf,
  decisionRefusal,
  effectiveChain,
} from './approvalRules.ts';

const step = (position: number, who: { user?: string; role?: Role }): ChainStep => ({
  position,
  approverUserId: who.user ?? null,
  approverRole: who.role ?? null,
});
const decision = (position: number, d: Decision['decision'] = 'approved'): Decision => ({
  position,
  decision: d,
  decidedBy: 'x',
  comment: '',
  decidedAt: new Date(0),
});

describe('chain progress', () => {
  const chain = [step(1, { user: 'esha' }), step(2, { role: 'admin' }), step(3, { user: 'nadia' })];
  it.each([
    [[], { state: 'pending', index: 0 }],
    [[decision(1)], { state: 'pending', index: 1 }],
    [[decision(1), decision(2)], { state: 'pending', index: 2 }],
    [[decision(1), decision(2), decision(3)], { state: 'approved' }],
    [[decision(1), decision(2, 'rejected')], { state: 'rejected' }],
  ])('with decisions %j is %j', (decisions, expected) => {
    expect(chainProgress(chain, decisions)).toMatchObject({ ...expected, of: 3 });
  });

  it('has one implicit step for any editor or higher when the account has none', () => {
    expect(effectiveChain([])).toEqual([step(1, { role: 'editor' })]);
  });
});

describe('who may decide', () => {
  const author = 'rina';
  it.each([
    [step(1, { role: 'editor' }), { userId: 'esha', role: 'editor' }, undefined],
    [step(1, { role: 'editor' }), { userId: 'arif', role: 'admin' }, undefined],
    [step(1, { role: 'admin' }), { userId: 'esha', role: 'editor' }, /admin role or higher/],
    [step(1, { role: 'editor' }), { userId: 'rina', role: 'owner' }, /their own post/],
    [step(1, { role: 'contributor' }), { userId: 'vera', role: 'viewer' }, /Viewers/],
    [step(1, { user: 'esha' }), { userId: 'esha', role: 'contributor' }, undefined],
    [step(1, { user: 'esha' }), { userId: 'nadia', role: 'owner' }, /named teammate/],
    // A step naming the author falls to the owners and admins.
    [step(1, { user: 'rina' }), { userId: 'arif', role: 'admin' }, undefined],
    [step(1, { user: 'rina' }), { userId: 'esha', role: 'editor' }, /named teammate/],
  ] as const)('%j decided by %j: %s', (s, person, refusal) => {
    const answer = decisionRefusal(s, person, author);
    if (refusal) expect(answer).toMatch(refusal);
    else expect(answer).toBeUndefined();
  });

  it('lists the deciders of a step, leaving out the author', () => {
    const members = [
      { userId: 'rina', role: 'editor' as const },
      { userId: 'esha', role: 'editor' as const },
      { userId: 'cora', role: 'contributor' as const },
    ];
    expect(decidersOf(step(1, { role: 'editor' }), members, 'rina')).toEqual(['esha']);
  });
});

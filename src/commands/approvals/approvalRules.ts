// The rules of an approval chain, without I/O: which step of an account's chain is open in the current
// round, and who may decide it. The commands load rows and ask here, so the rules live in one place.
import { outranksOrEquals, type Role } from '../../core/roles.ts';

export const MAX_STEPS = 3;

/** A step names a person, or a role meaning "that role or a higher one". */
export interface ChainStep {
  position: number;
  approverUserId: string | null;
  approverRole: Role | null;
}

export interface Decision {
  position: number;
  decision: 'approved' | 'rejected';
  decidedBy: string | null;
  comment: string;
  decidedAt: Date;
}

/** An account without steps is approved in one step by any editor or higher. */
export const IMPLICIT_STEP: ChainStep = { position: 1, approverUserId: null, approverRole: 'editor' };

/** The account's steps in order, or the implicit one. */
export function effectiveChain(steps: readonly ChainStep[]): ChainStep[] {
  if (steps.length === 0) return [IMPLICIT_STEP];
  return [...steps].sort((a, b) => a.position - b.position);
}

export type ChainProgress =
  | { state: 'pending'; step: ChainStep; index: number; of: number }
  | { state: 'approved'; of: number }
  | { state: 'rejected'; decision: Decision; of: number };

/**
 * Where the chain stands given the current round's decisions: the first step without an approval is
 * open, unless a rejection ended the round. Steps are counted by their place in the chain.
 */
export function chainProgress(chain: readonly ChainStep[], decisions: readonly Decision[]): ChainProgress {
  const of = chain.length;
  const rejected = decisions.find((d) => d.decision === 'rejected');
  if (rejected) return { state: 'rejected', decision: rejected, of };
  const approved = new Set(decisions.filter((d) => d.decision === 'approved').map((d) => d.position));
  const index = chain.findIndex((step) => !approved.has(step.position));
  if (index < 0) return { state: 'approved', of };
  return { state: 'pending', step: chain[index]!, index, of };
}

export interface Person {
  userId: string;
  role: Role;
}

/**
 * Why this person may not decide the step, or undefined when they may. Nobody decides on their own
 * post; viewers decide nothing. A step that names the author falls to the owners and admins, so a
 * post is never left with nobody who may decide it.
 */
export function decisionRefusal(
  step: ChainStep,
  person: Person,
  authorId: string | null,
): string | undefined {
  if (person.userId === authorId) return 'Nobody can approve or reject their own post.';
  if (person.role === 'viewer') return 'Viewers cannot approve or reject posts.';
  if (step.approverUserId) {
    if (step.approverUserId === person.userId) return undefined;
    if (step.approverUserId === authorId && outranksOrEquals(person.role, 'admin')) return undefined;
    return 'This step of the approval chain is for a named teammate.';
  }
  const role = step.approverRole ?? 'editor';
  if (outranksOrEquals(person.role, role)) return undefined;
  return `This step of the approval chain needs someone with the ${role} role or higher.`;
}

/** Of the members, who may decide the step (for notifying them and for showing who is waited on). */
export function decidersOf(step: ChainStep, members: readonly Person[], authorId: string | null): string[] {
  return members.filter((m) => decisionRefusal(step, m, authorId) === undefined).map((m) => m.userId);
}

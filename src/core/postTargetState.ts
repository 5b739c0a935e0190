// Which status a post target may move to from which, and why a move is refused. The commands and the
// publish worker ask here before they write, so the rules live in one table.
export type TargetStatus =
  | 'draft'
  | 'pending_approval'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'paused'
  | 'cancelled'
  | 'expired';

const TRANSITIONS: Record<TargetStatus, readonly TargetStatus[]> = {
  draft: ['pending_approval', 'scheduled', 'cancelled'],
  // Expired: its time came before its approval chain was complete.
  pending_approval: ['draft', 'scheduled', 'cancelled', 'expired', 'pending_approval'],
  // Back to scheduled is a reschedule (a new version of the same state).
  scheduled: ['scheduled', 'publishing', 'paused', 'cancelled', 'draft'],
  // Only the worker and the reconciler move a target out of publishing: the network call may be under way.
  publishing: ['published', 'scheduled', 'failed'],
  published: [],
  failed: ['scheduled', 'cancelled'],
  // Back for approval when a contributor edits it; back to its author when it is rejected.
  paused: ['scheduled', 'cancelled', 'pending_approval', 'draft'],
  cancelled: [],
  // A new time sends it for approval again (or schedules it, for those who need no approval).
  expired: ['pending_approval', 'scheduled', 'draft', 'cancelled'],
};

export function canTransition(from: TargetStatus, to: TargetStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

const STATUS_WORDS: Record<TargetStatus, string> = {
  draft: 'a draft',
  pending_approval: 'waiting for approval',
  scheduled: 'scheduled',
  publishing: 'being published right now',
  published: 'already published',
  failed: 'failed',
  paused: 'paused',
  cancelled: 'deleted',
  expired: 'expired before it was approved',
};

/** A sentence saying why the move is refused, or undefined when it is allowed. */
export function transitionRefusal(from: TargetStatus, to: TargetStatus): string | undefined {
  if (canTransition(from, to)) return undefined;
  const goal: Record<TargetStatus, string> = {
    draft: 'turned back into a draft',
    pending_approval: 'sent for approval',
    scheduled: 'scheduled',
    publishing: 'published',
    published: 'marked published',
    failed: 'marked failed',
    paused: 'paused',
    cancelled: 'deleted',
    expired: 'marked expired',
  };
  return `This post is ${STATUS_WORDS[from]} and cannot be ${goal[to]}.`;
}

/** Statuses a person may still change the time or text of. */
export function isEditable(status: TargetStatus): boolean {
  return (
    status === 'draft' ||
    status === 'pending_approval' ||
    status === 'scheduled' ||
    status === 'paused' ||
    status === 'expired'
  );
}

// Every minute: posts still waiting for approval when their time came expire (status 'expired', an audit
// event, and a notification to the author), so nothing goes out late or unapproved.

import { expireOverdueApprovals } from '../commands/approvals/expireApprovals.ts';
import type { CommandContext } from '../commands/context.ts';
import type { JobQueue } from './jobQueue.ts';

export const APPROVAL_EXPIRY = 'approval-expiry';

/** Runs the expiry when its job comes due. */
export async function workApprovalExpiry(ctx: CommandContext): Promise<void> {
  await ctx.jobs.work(APPROVAL_EXPIRY, async () => {
    await expireOverdueApprovals(ctx);
  });
}

/** Puts the expiry on the queue's clock, once a minute. */
export async function scheduleApprovalExpiry(jobs: JobQueue): Promise<void> {
  await jobs.schedule(APPROVAL_EXPIRY, '* * * * *');
}

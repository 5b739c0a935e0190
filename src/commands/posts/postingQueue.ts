// The queue's next free slot for an account: its weekly slots after now, skipping the ones another
// post of the account already holds. The caller holds the account row locked, so two posts queued at
// the same moment take different slots.
import { and, eq, gt, inArray } from 'drizzle-orm';
import { badRequest } from '../../core/appError.ts';
import { nextFreeSlot, type PostingSlot } from '../../core/postingSlots.ts';
import type { Tx } from '../../db/database.ts';
import { postTargets } from '../../db/schema.ts';

export async function nextQueueSlot(
  tx: Tx,
  account: { id: string; handle: string; postingSlots: PostingSlot[]; timeZone: string },
  now: Date,
): Promise<Date> {
  const taken = await tx
    .select({ at: postTargets.scheduledAt })
    .from(postTargets)
    .where(
      and(
        eq(postTargets.accountId, account.id),
        eq(postTargets.threadPosition, 0),
        gt(postTargets.scheduledAt, now),
        inArray(postTargets.status, ['pending_approval', 'scheduled', 'publishing', 'published', 'paused']),
      ),
    );
  const slot = nextFreeSlot(
    account.postingSlots,
    account.timeZone,
    now,
    taken.flatMap((t) => (t.at ? [t.at] : [])),
  );
  if (!slot) {
    throw badRequest(
      `@${account.handle} has no free posting slot. Add posting slots to the account in Settings → Accounts, or choose a time.`,
    );
  }
  return slot;
}

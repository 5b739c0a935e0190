// An account's posting slots for the queue and the time zone they are read in.
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/appError.ts';
import type { PostingSlot } from '../../core/postingSlots.ts';
import { socialAccounts } from '../../db/schema.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { accountSummary } from './listAccounts.ts';

export async function setAccountSchedule(
  ctx: ActorContext,
  workspaceId: string,
  accountId: string,
  input: { timeZone?: string; postingSlots?: PostingSlot[] },
) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'accounts.manage');
    const [before] = await tx
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.id, accountId)))
      .for('update');
    if (!before) throw notFound('The account');
    const slots = input.postingSlots
      ? [...new Map(input.postingSlots.map((s) => [`${s.day} ${s.time}`, s])).values()].sort(
          (a, b) => a.day - b.day || a.time.localeCompare(b.time),
        )
      : before.postingSlots;
    const timeZone = input.timeZone ?? before.timeZone;
    await tx
      .update(socialAccounts)
      .set({ postingSlots: slots, timeZone })
      .where(eq(socialAccounts.id, accountId));
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'account.schedule_changed',
      targetType: 'social_account',
      targetId: accountId,
      before: { timeZone: before.timeZone, postingSlots: before.postingSlots },
      after: { timeZone, postingSlots: slots },
    });
    return accountSummary(tx, workspaceId, accountId);
  });
}

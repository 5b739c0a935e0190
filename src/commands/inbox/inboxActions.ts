// Working the inbox: assigning an item to a member (who is told in the app and by email), tagging,
// resolving and reopening, and replying in place. A reply is a post published now on the item's
// account through createPost's insertPost, so it is audited, published once by the worker, and waits
// for approval when its author's posts need it. Each action writes its change and audit event in one
// transaction; doing what is already done changes nothing and records nothing.
import { and, eq } from 'drizzle-orm';
import { AppError, badRequest, notFound } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { can } from '../../core/roles.ts';
import type { Tx } from '../../db/database.ts';
import { inboxItems, memberships, socialAccounts, users } from '../../db/schema.ts';
import { preparePublishQueue } from '../../jobs/publishQueue.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import { notifyApprovers } from '../approvals/requestApproval.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { notify, prepareNotify } from '../notifications/notify.ts';
import { insertPost } from '../posts/createPost.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { type InboxItemView, inboxItemOrNotFound, replyRefusalOf } from './inboxItems.ts';

export const MAX_TAGS_PER_ITEM = 20;
export const MAX_TAG_LENGTH = 40;

/** The item's row, locked for the rest of the transaction. */
async function lockedItem(tx: Tx, workspaceId: string, itemId: string) {
  const [item] = await tx
    .select()
    .from(inboxItems)
    .where(and(eq(inboxItems.id, itemId), eq(inboxItems.workspaceId, workspaceId)))
    .for('update');
  if (!item) throw notFound('That inbox item');
  return item;
}

const audited = (item: typeof inboxItems.$inferSelect) => ({
  state: item.state,
  assigneeId: item.assigneeId,
  tags: item.tags,
});

/** The inbox link a notification opens. */
export const inboxItemLink = (workspaceId: string, itemId: string) =>
  `/w/${workspaceId}/inbox?item=${itemId}`;

export async function assignInboxItem(
  ctx: ActorContext,
  workspaceId: string,
  itemId: string,
  input: { userId: string | null },
): Promise<InboxItemView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'inbox.work');
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'inbox.work');
    const item = await lockedItem(tx, workspaceId, itemId);
    if (input.userId) {
      const [member] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
      if (!member) {
        throw badRequest('Choose a member of this workspace.', { userId: 'Not a member of this workspace.' });
      }
      if (!can(member.role, 'inbox.work')) {
        throw badRequest('Viewers cannot work on inbox items; choose a contributor or someone above.', {
          userId: 'A viewer cannot be assigned.',
        });
      }
    }
    if (item.assigneeId === input.userId) return inboxItemOrNotFound(tx, workspaceId, itemId);
    await tx
      .update(inboxItems)
      .set({ assigneeId: input.userId, updatedAt: new Date() })
      .where(eq(inboxItems.id, itemId));
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'inbox.assigned',
      targetType: 'inbox_item',
      targetId: itemId,
      before: { assigneeId: item.assigneeId },
      after: { assigneeId: input.userId },
    });
    if (input.userId) {
      const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actorId));
      await notify(ctx, tx, sql, {
        workspaceId,
        userIds: [input.userId],
        kind: 'inbox_assigned',
        data: {
          assignerName: actor?.name ?? '',
          authorHandle: item.authorHandle,
          text: excerpt(item.text),
        },
        link: inboxItemLink(workspaceId, itemId),
        actorId: ctx.actorId,
      });
    }
    return inboxItemOrNotFound(tx, workspaceId, itemId);
  });
}

/** A tag as stored: trimmed, inner spaces collapsed, lower case so "Urgent" and "urgent" are one. */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export async function tagInboxItem(
  ctx: ActorContext,
  workspaceId: string,
  itemId: string,
  input: { add?: string[]; remove?: string[] },
): Promise<InboxItemView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'inbox.work');
  const add = (input.add ?? []).map(normaliseTag).filter(Boolean);
  const remove = new Set((input.remove ?? []).map(normaliseTag));
  for (const tag of add) {
    if (tag.length > MAX_TAG_LENGTH) {
      throw badRequest(`A tag can be at most ${MAX_TAG_LENGTH} characters.`, { add: tag });
    }
  }
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'inbox.work');
    const item = await lockedItem(tx, workspaceId, itemId);
    const tags = [...new Set([...item.tags.filter((t) => !remove.has(t)), ...add])];
    if (tags.length > MAX_TAGS_PER_ITEM) {
      throw badRequest(`An item can have at most ${MAX_TAGS_PER_ITEM} tags.`);
    }
    const same = tags.length === item.tags.length && tags.every((t, i) => t === item.tags[i]);
    if (!same) {
      await tx.update(inboxItems).set({ tags, updatedAt: new Date() }).where(eq(inboxItems.id, itemId));
      await recordAudit(tx, {
        workspaceId,
        actorId: ctx.actorId,
        action: 'inbox.tagged',
        targetType: 'inbox_item',
        targetId: itemId,
        before: { tags: item.tags },
        after: { tags },
      });
    }
    return inboxItemOrNotFound(tx, workspaceId, itemId);
  });
}

/** Marks the locked item resolved or open again, with its audit event; nothing when it already is. */
async function setState(
  ctx: ActorContext,
  tx: Tx,
  item: typeof inboxItems.$inferSelect,
  state: 'open' | 'resolved',
): Promise<void> {
  if (item.state === state) return;
  const resolved = state === 'resolved';
  await tx
    .update(inboxItems)
    .set({
      state,
      resolvedBy: resolved ? ctx.actorId : null,
      resolvedAt: resolved ? new Date() : null,
      updatedAt: new Date(),
    })
    .where(eq(inboxItems.id, item.id));
  await recordAudit(tx, {
    workspaceId: item.workspaceId,
    actorId: ctx.actorId,
    action: resolved ? 'inbox.resolved' : 'inbox.reopened',
    targetType: 'inbox_item',
    targetId: item.id,
    before: audited(item),
    after: { ...audited(item), state },
  });
}

export async function setInboxItemState(
  ctx: ActorContext,
  workspaceId: string,
  itemId: string,
  state: 'open' | 'resolved',
): Promise<InboxItemView> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'inbox.work');
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'inbox.work');
    const item = await lockedItem(tx, workspaceId, itemId);
    await setState(ctx, tx, item, state);
    return inboxItemOrNotFound(tx, workspaceId, itemId);
  });
}

export interface InboxReplyResult {
  postId: string;
  /** `scheduled` (being published now) or `pending_approval`; `paused` during crisis mode. */
  status: TargetStatus;
  item: InboxItemView;
}

/** Answers the item on its network from its own account; with `resolve`, resolves it in the same step. */
export async function replyToInboxItem(
  ctx: ActorContext,
  workspaceId: string,
  itemId: string,
  input: { text: string; resolve?: boolean },
): Promise<InboxReplyResult> {
  // Permission first: an outsider learns nothing about which items exist.
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'posts.write');
  if (input.resolve) await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'inbox.work');
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const item = await lockedItem(tx, workspaceId, itemId);
    const [account] = await tx
      .select({ network: socialAccounts.network })
      .from(socialAccounts)
      .where(eq(socialAccounts.id, item.accountId));
    const refusal = replyRefusalOf(item, account?.network ?? '');
    if (refusal) throw new AppError(422, 'reply_not_possible', refusal);
    if (!item.replyRef) {
      throw new AppError(
        422,
        'reply_not_possible',
        'This item has nothing a reply could answer on the network.',
      );
    }
    const created = await insertPost(ctx, tx, sql, workspaceId, {
      text: input.text,
      targets: [{ accountId: item.accountId }],
      mode: 'now',
      replyTo: item.replyRef,
    });
    if (created.targets.some((t) => t.status === 'pending_approval')) {
      await notifyApprovers(ctx, tx, sql, workspaceId, created.id, { actorId: ctx.actorId });
    }
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'inbox.replied',
      targetType: 'inbox_item',
      targetId: item.id,
      after: { postId: created.id },
    });
    if (input.resolve) await setState(ctx, tx, item, 'resolved');
    return {
      postId: created.id,
      status: created.targets[0]?.status ?? 'scheduled',
      item: await inboxItemOrNotFound(tx, workspaceId, itemId),
    };
  });
}

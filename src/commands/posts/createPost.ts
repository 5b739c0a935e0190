// Creates a post and its targets (one per account, and one per part of a thread on each account),
// checks each text against its network's rule, and enqueues each due target's publish job in the same
// transaction as the rows. `insertPost` does the work inside a caller's transaction, so a bulk import
// can create many posts all-or-nothing.
import { and, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { can } from '../../core/roles.ts';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import {
  posts,
  postTargets,
  type RemoteRef,
  socialAccounts,
  type TargetMedia,
  workspaces,
} from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { connectorOf, networkName } from '../../networks/networkConnectors.ts';
import { notifyApprovers } from '../approvals/requestApproval.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { prepareNotify } from '../notifications/notify.ts';
import { requirePermission } from '../workspaceAccess.ts';
import { checkImages, checkPart } from './postContent.ts';
import { nextQueueSlot } from './postingQueue.ts';
import { databaseNow, refusePastTime } from './postTime.ts';

export interface CreatePostInput {
  text: string;
  targets: { accountId: string; text?: string; media?: TargetMedia[] }[];
  /** Further posts of a thread, each replying to the one before it, on every target account. */
  thread?: { text: string; media?: TargetMedia[] }[];
  /** `queue`: each account's next free posting slot. */
  mode: 'draft' | 'now' | 'schedule' | 'queue';
  scheduledAt?: Date;
  tags?: string[];
  /** The first part answers this post on the network (a reply from Streams or the inbox). */
  replyTo?: { parent: RemoteRef; root: RemoteRef };
  /** The first part quotes this post on the network. */
  quote?: RemoteRef;
}

export interface CreatedPost {
  id: string;
  targets: {
    id: string;
    accountId: string;
    status: TargetStatus;
    threadPosition: number;
    version: number;
    scheduledAt: Date | null;
  }[];
}

export async function createPost(
  ctx: ActorContext,
  workspaceId: string,
  input: CreatePostInput,
): Promise<CreatedPost> {
  checkPostShape(input);
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const created = await insertPost(ctx, tx, sql, workspaceId, input);
    // Those who may decide the first step of each account's chain are asked, in the same transaction.
    if (created.targets.some((t) => t.status === 'pending_approval')) {
      await notifyApprovers(ctx, tx, sql, workspaceId, created.id, { actorId: ctx.actorId });
    }
    return created;
  });
}

/** The checks that need no database; `insertPost` makes them again. */
export function checkPostShape(input: CreatePostInput): void {
  if (input.targets.length === 0) throw badRequest('Choose at least one account to post to.');
  if (input.mode === 'schedule' && !input.scheduledAt) {
    throw badRequest('Choose when to publish the post.', { scheduledAt: 'Required when scheduling.' });
  }
  const accountIds = new Set(input.targets.map((t) => t.accountId));
  if (accountIds.size !== input.targets.length) throw badRequest('Each account can be chosen once.');
}

/**
 * Writes the post inside the caller's transaction. The publish queue must have been prepared
 * (`preparePublishQueue`) before the transaction began.
 */
export async function insertPost(
  ctx: ActorContext,
  tx: Tx,
  sql: SqlExecutor,
  workspaceId: string,
  input: CreatePostInput,
): Promise<CreatedPost> {
  checkPostShape(input);
  const accountIds = input.targets.map((t) => t.accountId);
  const role = await requirePermission(tx, workspaceId, ctx.actorId, 'posts.write');
  const [_workspace] = await tx
    .select({ requireAltText: workspaces.requireAltText })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const accounts = await tx
    .select({
      id: socialAccounts.id,
      network: socialAccounts.network,
      handle: socialAccounts.handle,
      postingSlots: socialAccounts.postingSlots,
      timeZone: socialAccounts.timeZone,
      textLimit: socialAccounts.textLimit,
    })
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), inArray(socialAccounts.id, accountIds)))
    // Queued posts take slots in turn: two at once must not take the same slot.
    .for(input.mode === 'queue' ? 'update' : 'share');
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const missing = accountIds.find((id) => !accountById.has(id));
  if (missing) throw badRequest('One of the chosen accounts is not connected to this workspace.');

  await checkImages(tx, workspaceId, [
    ...input.targets.flatMap((t) => t.media ?? []),
    ...(input.thread ?? []).flatMap((p) => p.media ?? []),
  ]);

  // Each part of each target, checked before anything is written.
  const plans = input.targets.map((target) => {
    const account = accountById.get(target.accountId)!;
    const connector = connectorOf(account.network);
    const parts = [
      { text: target.text ?? input.text, media: target.media ?? [] },
      ...(input.thread ?? []).map((p) => ({ text: p.text, media: p.media ?? [] })),
    ];
    if (parts.length > 1 && !connector.capabilities.threads) {
      throw badRequest(`${networkName(account.network)} does not take threads.`);
    }
    for (const [index, part] of parts.entries()) {
      checkPart(account, part, parts.length > 1 ? ` (part ${index + 1} of the thread)` : '');
    }
    return { account, connector, parts };
  });

  const status: TargetStatus =
    input.mode === 'draft'
      ? 'draft'
      : can(role, 'posts.publishWithoutApproval')
        ? 'scheduled'
        : 'pending_approval';
  const nowAt = await databaseNow(sql);
  if (input.mode === 'schedule') refusePastTime(input.scheduledAt!, nowAt);
  const timeFor = async (account: (typeof accounts)[number]): Promise<Date | null> => {
    // "Now" for a post that needs approval means as soon as it is approved: its time equals the row's
    // creation time, which the approval rules read as "no time to expire at".
    if (input.mode === 'now') return nowAt;
    if (input.mode !== 'queue') return input.scheduledAt ?? null;
    return nextQueueSlot(tx, account, nowAt);
  };

  const [post] = await tx
    .insert(posts)
    .values({ workspaceId, authorId: ctx.actorId, text: input.text, tags: input.tags ?? [] })
    .returning();
  const created: CreatedPost['targets'] = [];
  for (const plan of plans) {
    const scheduledAt = await timeFor(plan.account);
    let previousId: string | null = null;
    for (const [position, part] of plan.parts.entries()) {
      // The status written may differ from the one asked for: crisis mode pauses what would be scheduled.
      const [row]: { id: string; version: number; status: TargetStatus; scheduledAt: Date | null }[] =
        await tx
          .insert(postTargets)
          .values({
            postId: post!.id,
            workspaceId,
            accountId: plan.account.id,
            text: part.text,
            media: part.media,
            replyToTargetId: previousId,
            replyToRemote: position === 0 ? (input.replyTo ?? null) : null,
            quoteOf: position === 0 ? (input.quote ?? null) : null,
            threadPosition: position,
            status,
            // The statement's own now(), exactly the row's creation time (a value from here loses precision).
            scheduledAt: input.mode === 'now' ? dsql`now()` : scheduledAt,
            publishKey: plan.connector.newPublishKey(),
          })
          .returning({
            id: postTargets.id,
            version: postTargets.version,
            status: postTargets.status,
            scheduledAt: postTargets.scheduledAt,
          });
      previousId = row!.id;
      created.push({
        id: row!.id,
        accountId: plan.account.id,
        status: row!.status,
        threadPosition: position,
        version: row!.version,
        scheduledAt: row!.scheduledAt,
      });
      // A reply's job is enqueued too; it waits for its parent, whose publication enqueues it again.
      if (row!.status === 'scheduled' && row!.scheduledAt) {
        await enqueuePublish(ctx.jobs, sql, { targetId: row!.id, version: row!.version }, row!.scheduledAt);
      }
    }
  }
  await recordAudit(tx, {
    workspaceId,
    actorId: ctx.actorId,
    action: 'post.created',
    targetType: 'post',
    targetId: post!.id,
    after: {
      status,
      mode: input.mode,
      scheduledAt: [...new Set(created.map((t) => t.scheduledAt?.toISOString() ?? null))],
      accounts: accountIds,
      parts: 1 + (input.thread?.length ?? 0),
    },
  });
  return { id: post!.id, targets: created };
}

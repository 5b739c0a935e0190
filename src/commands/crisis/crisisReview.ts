// The posts crisis mode holds, and what an admin does with them: during a crisis, publish one anyway
// (after a second confirmation); afterwards, for each post whose time passed during the pause, give it
// a new time, publish it now, or discard it. Each decision is audited with the change.
import { and, asc, sql as dsql, eq, inArray } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../core/appError.ts';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import { posts, postTargets, socialAccounts, users, workspaces } from '../../db/schema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { databaseNow, refusePastTime } from '../posts/postTime.ts';
import { requirePermission } from '../workspaceAccess.ts';

export interface HeldTarget {
  id: string;
  accountId: string;
  network: string;
  handle: string;
  scheduledAt: string | null;
  threadPosition: number;
}

export interface HeldPost {
  postId: string;
  text: string;
  authorName: string | null;
  /** The earliest time among its held targets. */
  scheduledAt: string | null;
  /** Its time passed while publishing was paused. */
  overdue: boolean;
  targets: HeldTarget[];
}

export type ReviewDecision =
  | { action: 'reschedule'; scheduledAt: Date }
  | { action: 'publish_now' }
  | { action: 'discard' };

/**
 * The posts crisis mode holds, earliest first: during a crisis every paused one, afterwards those
 * whose time passed and wait for a decision.
 */
export async function listHeldPosts(ctx: ActorContext, workspaceId: string): Promise<HeldPost[]> {
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const now = await databaseNow(sql);
    const rows = await tx
      .select({
        id: postTargets.id,
        postId: postTargets.postId,
        accountId: postTargets.accountId,
        network: socialAccounts.network,
        handle: socialAccounts.handle,
        scheduledAt: postTargets.scheduledAt,
        threadPosition: postTargets.threadPosition,
        text: posts.text,
        authorName: users.name,
      })
      .from(postTargets)
      .innerJoin(posts, eq(posts.id, postTargets.postId))
      .innerJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
      .leftJoin(users, eq(users.id, posts.authorId))
      .where(
        and(
          eq(postTargets.workspaceId, workspaceId),
          eq(postTargets.status, 'paused'),
          eq(postTargets.pausedByCrisis, true),
        ),
      )
      .orderBy(asc(postTargets.scheduledAt), asc(postTargets.postId), asc(postTargets.threadPosition))
      .limit(2000);
    const byPost = new Map<string, HeldPost>();
    for (const row of rows) {
      let post = byPost.get(row.postId);
      if (!post) {
        post = {
          postId: row.postId,
          text: row.text,
          authorName: row.authorName,
          scheduledAt: row.scheduledAt?.toISOString() ?? null,
          overdue: false,
          targets: [],
        };
        byPost.set(row.postId, post);
      }
      if (row.scheduledAt && row.scheduledAt <= now) post.overdue = true;
      post.targets.push({
        id: row.id,
        accountId: row.accountId,
        network: row.network,
        handle: row.handle,
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
        threadPosition: row.threadPosition,
      });
    }
    return [...byPost.values()];
  });
}

/** The post (in this workspace) and its targets crisis mode holds, locked; 404 or 409 otherwise. */
async function lockHeldTargets(tx: Tx, workspaceId: string, postId: string) {
  const [post] = await tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)))
    .for('update');
  if (!post) throw notFound('The post');
  return tx
    .select()
    .from(postTargets)
    .where(
      and(
        eq(postTargets.postId, postId),
        eq(postTargets.status, 'paused'),
        eq(postTargets.pausedByCrisis, true),
      ),
    )
    .orderBy(asc(postTargets.threadPosition))
    .for('update');
}

async function scheduleTargets(
  ctx: ActorContext,
  tx: Tx,
  sql: SqlExecutor,
  ids: string[],
  scheduledAt: Date | 'keep_or_now',
  override: boolean,
) {
  const time =
    scheduledAt === 'keep_or_now'
      ? dsql`greatest(${postTargets.scheduledAt}, now())`
      : dsql`${scheduledAt.toISOString()}::timestamptz`;
  const rows = await tx
    .update(postTargets)
    .set({
      status: 'scheduled',
      scheduledAt: time,
      pausedByCrisis: false,
      crisisOverride: override,
      version: dsql`${postTargets.version} + 1`,
      updatedAt: dsql`now()`,
    })
    .where(inArray(postTargets.id, ids))
    .returning({
      id: postTargets.id,
      version: postTargets.version,
      status: postTargets.status,
      scheduledAt: postTargets.scheduledAt,
    });
  for (const row of rows) {
    if (row.status === 'scheduled') {
      await enqueuePublish(ctx.jobs, sql, { targetId: row.id, version: row.version }, row.scheduledAt!);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    version: row.version,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
  }));
}

/** After a crisis: a new time, publish now, or discard, for one post whose time passed during it. */
export async function decideHeldPost(
  ctx: ActorContext,
  workspaceId: string,
  postId: string,
  decision: ReviewDecision,
) {
  if (decision.action === 'reschedule' && Number.isNaN(decision.scheduledAt.getTime())) {
    throw badRequest('That is not a valid time.', { scheduledAt: 'Not a valid time.' });
  }
  await preparePublishQueue(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'crisis.manage');
    const [workspace] = await tx
      .select({ crisisStartedAt: workspaces.crisisStartedAt })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for('share');
    if (workspace?.crisisStartedAt) {
      throw conflict(
        'Crisis mode is still on. End it first, or publish this post anyway with a second confirmation.',
      );
    }
    const held = await lockHeldTargets(tx, workspaceId, postId);
    if (held.length === 0) {
      throw conflict('This post is not waiting for a decision after crisis mode.');
    }
    const ids = held.map((t) => t.id);
    const before = {
      status: 'paused',
      targets: held.map((t) => ({ id: t.id, scheduledAt: t.scheduledAt?.toISOString() ?? null })),
    };
    let targets: { id: string; status: string; version: number; scheduledAt: string | null }[];
    if (decision.action === 'discard') {
      const rows = await tx
        .update(postTargets)
        .set({
          status: 'cancelled',
          pausedByCrisis: false,
          version: dsql`${postTargets.version} + 1`,
          updatedAt: dsql`now()`,
        })
        .where(inArray(postTargets.id, ids))
        .returning({
          id: postTargets.id,
          version: postTargets.version,
          scheduledAt: postTargets.scheduledAt,
        });
      targets = rows.map((row) => ({
        id: row.id,
        status: 'cancelled',
        version: row.version,
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
      }));
    } else {
      const now = await databaseNow(sql);
      if (decision.action === 'reschedule') refusePastTime(decision.scheduledAt, now);
      targets = await scheduleTargets(
        ctx,
        tx,
        sql,
        ids,
        decision.action === 'reschedule' ? decision.scheduledAt : now,
        false,
      );
    }
    const action = {
      reschedule: 'crisis.review.rescheduled',
      publish_now: 'crisis.review.published_now',
      discard: 'crisis.review.discarded',
    }[decision.action];
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action,
      targetType: 'post',
      targetId: postId,
      before,
      after: {
        status: targets[0]?.status,
        targets: targets.map((t) => ({ id: t.id, scheduledAt: t.scheduledAt })),
      },
    });
    return { postId, action: decision.action, targets };
  });
}

/**
 * During a crisis: publishes one post anyway, at its time or now if that passed. Only after a second
 * confirmation (`confirm: true`, asked for in the web app's dialog too).
 */
export async function publishAnyway(ctx: ActorContext, postId: string, input: { confirm: boolean }) {
  if (input.confirm !== true) {
    throw badRequest('Confirm that this post should be published during crisis mode.', {
      confirm: 'Confirm to publish during crisis mode.',
    });
  }
  await preparePublishQueue(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    const [found] = await tx
      .select({ workspaceId: posts.workspaceId })
      .from(posts)
      .where(eq(posts.id, postId));
    if (!found) throw notFound('The post');
    await requirePermission(tx, found.workspaceId, ctx.actorId, 'crisis.manage');
    const [workspace] = await tx
      .select({ crisisStartedAt: workspaces.crisisStartedAt })
      .from(workspaces)
      .where(eq(workspaces.id, found.workspaceId))
      .for('share');
    if (!workspace?.crisisStartedAt) {
      throw conflict(
        'Crisis mode is not on. A post paused by it waits for a decision in the review after the crisis.',
      );
    }
    const held = await lockHeldTargets(tx, found.workspaceId, postId);
    if (held.length === 0) throw conflict('This post is not paused by crisis mode.');
    const targets = await scheduleTargets(
      ctx,
      tx,
      sql,
      held.map((t) => t.id),
      'keep_or_now',
      true,
    );
    await recordAudit(tx, {
      workspaceId: found.workspaceId,
      actorId: ctx.actorId,
      action: 'crisis.published_anyway',
      targetType: 'post',
      targetId: postId,
      before: {
        status: 'paused',
        targets: held.map((t) => ({ id: t.id, scheduledAt: t.scheduledAt?.toISOString() ?? null })),
      },
      after: { status: 'scheduled', crisisOverride: true, targets },
    });
    return { postId, targets };
  });
}

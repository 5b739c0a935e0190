// Crisis mode: an owner or admin pauses every scheduled post of the workspace with a reason, and
// resumes it later. Starting pauses the scheduled targets (a new version each, so their queued jobs do
// nothing); while it lasts, a database trigger pauses anything that would become scheduled. Ending
// resumes the targets still due later; those whose time passed wait for a decision each (crisisReview).
import { and, desc, sql as dsql, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { conflict, notFound } from '../../core/appError.ts';
import type { SqlExecutor, Tx } from '../../db/database.ts';
import { postTargets, users, workspaces } from '../../db/schema.ts';
import { crisisPeriods } from '../../db/teamSchema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { membersWithRoles, notify, prepareNotify } from '../notifications/notify.ts';
import { requirePermission } from '../workspaceAccess.ts';

const ALL_ROLES = ['owner', 'admin', 'editor', 'contributor', 'viewer'] as const;

export interface CrisisState {
  active: boolean;
  reason: string | null;
  startedAt: string | null;
  startedBy: { id: string; name: string } | null;
  /** Targets held by crisis mode: during a crisis all of them, afterwards those awaiting a decision. */
  pausedTargets: number;
  /** Posts those targets belong to. */
  pausedPosts: number;
}

export interface CrisisPeriod {
  id: string;
  reason: string;
  startedAt: string;
  startedBy: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

const crisisLink = (workspaceId: string) => `/w/${workspaceId}/settings/crisis`;

async function actorName(tx: Tx, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

/** Locks the workspace row: starting, ending and the decisions after a crisis take turns on it. */
export async function lockWorkspace(tx: Tx, workspaceId: string) {
  const [row] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
  if (!row) throw notFound('The workspace');
  return row;
}

async function heldCounts(sql: SqlExecutor, workspaceId: string) {
  const [row] = (
    await sql.executeSql(
      `SELECT count(*)::int AS targets, count(DISTINCT post_id)::int AS posts
         FROM post_targets WHERE workspace_id = $1 AND status = 'paused' AND paused_by_crisis`,
      [workspaceId],
    )
  ).rows as { targets: number; posts: number }[];
  return { targets: Number(row?.targets ?? 0), posts: Number(row?.posts ?? 0) };
}

/** Puts the workspace in crisis mode: every scheduled post is paused and every member is told. */
export async function startCrisis(ctx: ActorContext, workspaceId: string, input: { reason: string }) {
  await prepareNotify(ctx.jobs);
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'crisis.manage');
    const workspace = await lockWorkspace(tx, workspaceId);
    if (workspace.crisisStartedAt) {
      throw conflict(
        `Crisis mode is already on (since ${workspace.crisisStartedAt.toISOString()}). End it before starting it again.`,
      );
    }
    const [period] = await tx
      .insert(crisisPeriods)
      .values({ workspaceId, reason: input.reason, startedBy: ctx.actorId })
      .returning();
    await tx
      .update(workspaces)
      .set({ crisisStartedAt: period!.startedAt, crisisReason: input.reason })
      .where(eq(workspaces.id, workspaceId));
    // A new version each: the jobs already queued for these targets find it changed and do nothing.
    const paused = await tx
      .update(postTargets)
      .set({
        status: 'paused',
        pausedByCrisis: true,
        crisisOverride: false,
        version: dsql`${postTargets.version} + 1`,
        updatedAt: dsql`now()`,
      })
      .where(and(eq(postTargets.workspaceId, workspaceId), eq(postTargets.status, 'scheduled')))
      .returning({ id: postTargets.id });
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'crisis.started',
      targetType: 'crisis_period',
      targetId: period!.id,
      before: null,
      after: { reason: input.reason, pausedTargets: paused.length },
    });
    await notify(ctx, tx, sql, {
      workspaceId,
      userIds: await membersWithRoles(tx, workspaceId, ALL_ROLES),
      kind: 'crisis_started',
      data: { actorName: await actorName(tx, ctx.actorId), reason: excerpt(input.reason) },
      link: crisisLink(workspaceId),
      actorId: ctx.actorId,
    });
    return {
      periodId: period!.id,
      startedAt: period!.startedAt.toISOString(),
      pausedTargets: paused.length,
    };
  });
}

/**
 * Ends crisis mode. Targets it paused that are still due later are scheduled again (a new version and
 * job each); those whose time passed stay paused and wait for a decision.
 */
export async function endCrisis(ctx: ActorContext, workspaceId: string) {
  await Promise.all([preparePublishQueue(ctx.jobs), prepareNotify(ctx.jobs)]);
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'crisis.manage');
    const workspace = await lockWorkspace(tx, workspaceId);
    if (!workspace.crisisStartedAt) throw conflict('Crisis mode is not on, so there is nothing to end.');
    // Cleared first: the trigger that pauses targets becoming scheduled reads this row.
    await tx
      .update(workspaces)
      .set({ crisisStartedAt: null, crisisReason: null })
      .where(eq(workspaces.id, workspaceId));
    const [period] = await tx
      .update(crisisPeriods)
      .set({ endedAt: dsql`now()`, endedBy: ctx.actorId })
      .where(and(eq(crisisPeriods.workspaceId, workspaceId), isNull(crisisPeriods.endedAt)))
      .returning({ id: crisisPeriods.id });
    const resumed = await tx
      .update(postTargets)
      .set({
        status: 'scheduled',
        pausedByCrisis: false,
        crisisOverride: false,
        version: dsql`${postTargets.version} + 1`,
        updatedAt: dsql`now()`,
      })
      .where(
        and(
          eq(postTargets.workspaceId, workspaceId),
          eq(postTargets.status, 'paused'),
          eq(postTargets.pausedByCrisis, true),
          dsql`${postTargets.scheduledAt} > now()`,
        ),
      )
      .returning({ id: postTargets.id, version: postTargets.version, scheduledAt: postTargets.scheduledAt });
    for (const target of resumed) {
      await enqueuePublish(
        ctx.jobs,
        sql,
        { targetId: target.id, version: target.version },
        target.scheduledAt!,
      );
    }
    // Published anyway during the crisis: the choice is spent.
    await tx
      .update(postTargets)
      .set({ crisisOverride: false })
      .where(and(eq(postTargets.workspaceId, workspaceId), eq(postTargets.crisisOverride, true)));
    const awaiting = await heldCounts(sql, workspaceId);
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.actorId,
      action: 'crisis.ended',
      targetType: 'crisis_period',
      targetId: period?.id ?? workspaceId,
      before: { reason: workspace.crisisReason, startedAt: workspace.crisisStartedAt.toISOString() },
      after: { resumedTargets: resumed.length, awaitingReview: awaiting.posts },
    });
    await notify(ctx, tx, sql, {
      workspaceId,
      userIds: await membersWithRoles(tx, workspaceId, ALL_ROLES),
      kind: 'crisis_ended',
      data: { actorName: await actorName(tx, ctx.actorId), awaitingReview: awaiting.posts },
      link: crisisLink(workspaceId),
      actorId: ctx.actorId,
    });
    return { resumedTargets: resumed.length, awaitingReview: awaiting.posts };
  });
}

/** Whether the workspace is in crisis mode, since when, why and by whom, and how much it holds. */
export async function crisisState(ctx: ActorContext, workspaceId: string): Promise<CrisisState> {
  return ctx.database.transaction(async (tx, sql) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const [workspace] = await tx
      .select({ startedAt: workspaces.crisisStartedAt, reason: workspaces.crisisReason })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    let startedBy: CrisisState['startedBy'] = null;
    if (workspace?.startedAt) {
      const [open] = await tx
        .select({ id: users.id, name: users.name })
        .from(crisisPeriods)
        .innerJoin(users, eq(users.id, crisisPeriods.startedBy))
        .where(and(eq(crisisPeriods.workspaceId, workspaceId), isNull(crisisPeriods.endedAt)));
      startedBy = open ?? null;
    }
    const held = await heldCounts(sql, workspaceId);
    return {
      active: Boolean(workspace?.startedAt),
      reason: workspace?.reason ?? null,
      startedAt: workspace?.startedAt?.toISOString() ?? null,
      startedBy,
      pausedTargets: held.targets,
      pausedPosts: held.posts,
    };
  });
}

/** The workspace's crisis periods, newest first. */
export async function crisisHistory(ctx: ActorContext, workspaceId: string): Promise<CrisisPeriod[]> {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'workspace.read');
    const starter = alias(users, 'starter');
    const ender = alias(users, 'ender');
    const rows = await tx
      .select({
        id: crisisPeriods.id,
        reason: crisisPeriods.reason,
        startedAt: crisisPeriods.startedAt,
        endedAt: crisisPeriods.endedAt,
        startedBy: starter.name,
        endedBy: ender.name,
      })
      .from(crisisPeriods)
      .leftJoin(starter, eq(starter.id, crisisPeriods.startedBy))
      .leftJoin(ender, eq(ender.id, crisisPeriods.endedBy))
      .where(eq(crisisPeriods.workspaceId, workspaceId))
      .orderBy(desc(crisisPeriods.startedAt))
      .limit(200);
    return rows.map((row) => ({
      id: row.id,
      reason: row.reason,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      startedBy: row.startedBy,
      endedBy: row.endedBy,
    }));
  });
}

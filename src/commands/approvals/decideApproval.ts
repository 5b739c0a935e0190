// Approving or rejecting the open step of a post's approval chain, per account. A rejection at any step
// sends the whole post back to its author as a draft with the reason; the last approval of an account's
// chain schedules its targets and enqueues their publish jobs. The decision, the status changes, the
// jobs, the audit event and the notifications are written in one transaction.
import { and, sql as dsql, eq, inArray, or } from 'drizzle-orm';
import { badRequest, conflict, forbidden, notFound } from '../../core/appError.ts';
import type { TargetStatus } from '../../core/postTargetState.ts';
import { posts, postTargets } from '../../db/schema.ts';
import { postApprovals } from '../../db/teamSchema.ts';
import { enqueuePublish, preparePublishQueue } from '../../jobs/publishQueue.ts';
import { excerpt } from '../../mail/notificationMail.ts';
import { recordAudit } from '../audit.ts';
import type { ActorContext } from '../context.ts';
import { notify, prepareNotify } from '../notifications/notify.ts';
import { databaseNow } from '../posts/postTime.ts';
import { memberRole } from '../workspaceAccess.ts';
import { decisionRefusal } from './approvalRules.ts';
import { type AccountApproval, loadPostApprovals, mayDecide, workspaceMembers } from './approvalState.ts';
import { expireOverdueTargets } from './expireApprovals.ts';
import { notifyApprovers, personName } from './requestApproval.ts';

export interface DecisionInput {
  /** Decide for this account only; without it, for every account whose open step this person may decide. */
  accountId?: string;
  decision: 'approved' | 'rejected';
  comment: string;
  /** The step the person saw open (1 to 3): when someone else decided it first, the answer is 409. */
  step?: number;
}

export interface DecisionResult {
  postId: string;
  decision: 'approved' | 'rejected';
  accounts: { accountId: string; step: number; of: number; state: 'waiting' | 'approved' | 'rejected' }[];
  targets: { id: string; status: TargetStatus; version: number; scheduledAt: Date | null }[];
}

const EXPIRED_MESSAGE =
  'This post’s time passed before it was approved, so it expired and will not be published. Its author can give it a new time to send it for approval again.';

function stepWords(account: AccountApproval): string {
  return `@${account.handle}`;
}

export async function decideApproval(
  ctx: ActorContext,
  postId: string,
  input: DecisionInput,
): Promise<DecisionResult> {
  const comment = input.comment.trim();
  if (input.decision === 'rejected' && comment === '') {
    throw badRequest('Say why you are sending the post back, so its author can fix it.', {
      comment: 'Required when rejecting.',
    });
  }
  await preparePublishQueue(ctx.jobs);
  await prepareNotify(ctx.jobs);
  const outcome = await ctx.database.transaction(async (tx, sql) => {
    // The post row is the lock: decisions on one post are made one after the other.
    const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
    const role = post ? await memberRole(tx, post.workspaceId, ctx.actorId) : undefined;
    if (!post || !role) throw notFound('The post');
    if (role === 'viewer') throw forbidden('Viewers cannot approve or reject posts.');
    const members = await workspaceMembers(tx, post.workspaceId);
    const [state] = await loadPostApprovals(tx, post.workspaceId, [postId], members);
    let accounts = state!.accounts;
    if (input.accountId) {
      accounts = accounts.filter((a) => a.accountId === input.accountId);
      if (accounts.length === 0) throw badRequest('This post does not go to that account.');
    }
    if (post.authorId === ctx.actorId) throw forbidden('Nobody can approve or reject their own post.');
    const waiting = accounts.filter((a) => a.state === 'waiting' && a.progress.state === 'pending');
    if (waiting.length === 0) {
      const decided = accounts.some((a) => a.decisions.length > 0);
      throw conflict(
        decided
          ? 'This post was already decided: it is not waiting for approval any more.'
          : 'This post is not waiting for approval.',
      );
    }
    const person = { userId: ctx.actorId, role };
    let open = waiting.filter((a) => mayDecide(a, person, post.authorId));
    if (open.length === 0) {
      const first = waiting[0]!;
      const refusal =
        first.progress.state === 'pending'
          ? decisionRefusal(first.progress.step, person, post.authorId)
          : undefined;
      throw forbidden(refusal ?? 'You cannot decide this post.');
    }
    if (input.step !== undefined) {
      const atStep = open.filter(
        (a) => a.progress.state === 'pending' && a.progress.index + 1 === input.step,
      );
      if (atStep.length === 0) {
        const account = open[0]!;
        const current = account.progress.state === 'pending' ? account.progress.index + 1 : 0;
        if (input.step > current) {
          throw conflict(
            `Step ${input.step} for ${stepWords(account)} is not open yet: step ${current} comes first.`,
          );
        }
        const position = account.chain[input.step - 1]?.position;
        const earlier = account.decisions.find((d) => d.position === position);
        const name = await personName(tx, earlier?.decidedBy ?? null);
        throw conflict(
          `Step ${input.step} for ${stepWords(account)} was already decided by ${name}. Look at the post again before deciding.`,
        );
      }
      open = atStep;
    }

    const nowAt = await databaseNow(sql);
    if (input.decision === 'approved') {
      const overdue = open.some((a) => a.scheduledAt && a.scheduledAt <= nowAt);
      if (overdue) {
        await expireOverdueTargets(ctx, tx, sql, post, nowAt, ctx.actorId);
        return { expired: true as const };
      }
    }

    const decided: DecisionResult['accounts'] = [];
    for (const account of open) {
      if (account.progress.state !== 'pending') continue;
      const [row] = await tx
        .insert(postApprovals)
        .values({
          workspaceId: post.workspaceId,
          postId,
          accountId: account.accountId,
          round: post.approvalRound,
          position: account.progress.step.position,
          decision: input.decision,
          comment,
          decidedBy: ctx.actorId,
        })
        .onConflictDoNothing()
        .returning({ id: postApprovals.id });
      if (!row) {
        throw conflict(
          `Someone else decided step ${account.progress.index + 1} for ${stepWords(account)} a moment ago. Look at the post again.`,
        );
      }
      const last = account.progress.index + 1 === account.progress.of;
      decided.push({
        accountId: account.accountId,
        step: account.progress.index + 1,
        of: account.progress.of,
        state: input.decision === 'rejected' ? 'rejected' : last ? 'approved' : 'waiting',
      });
    }

    const changed: DecisionResult['targets'] = [];
    if (input.decision === 'rejected') {
      const rows = await tx
        .update(postTargets)
        .set({
          status: 'draft',
          pausedByCrisis: false,
          version: dsql`${postTargets.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(postTargets.postId, postId),
            // Accounts already approved in this round go back too: the post is sent back as one.
            or(
              inArray(postTargets.status, ['pending_approval', 'scheduled']),
              and(eq(postTargets.status, 'paused'), eq(postTargets.pausedByCrisis, true)),
            ),
          ),
        )
        .returning({
          id: postTargets.id,
          status: postTargets.status,
          version: postTargets.version,
          scheduledAt: postTargets.scheduledAt,
        });
      changed.push(...rows);
      await tx
        .update(posts)
        .set({ rejectionReason: comment, rejectedBy: ctx.actorId, updatedAt: new Date() })
        .where(eq(posts.id, postId));
    } else {
      const finished = decided.filter((d) => d.state === 'approved').map((d) => d.accountId);
      if (finished.length > 0) {
        // The trigger of crisis mode may write 'paused' instead; only scheduled targets get a job.
        const rows = await tx
          .update(postTargets)
          .set({
            status: 'scheduled',
            // "As soon as approved" (a time equal to the row's creation time) becomes now.
            scheduledAt: dsql`CASE WHEN ${postTargets.scheduledAt} IS NULL OR ${postTargets.scheduledAt} = ${postTargets.createdAt} THEN ${nowAt.toISOString()}::timestamptz ELSE ${postTargets.scheduledAt} END`,
            version: dsql`${postTargets.version} + 1`,
            updatedAt: new Date(),
          })
          .where(
            and(
              eq(postTargets.postId, postId),
              eq(postTargets.status, 'pending_approval'),
              inArray(postTargets.accountId, finished),
            ),
          )
          .returning({
            id: postTargets.id,
            status: postTargets.status,
            version: postTargets.version,
            scheduledAt: postTargets.scheduledAt,
          });
        for (const row of rows) {
          if (row.status === 'scheduled' && row.scheduledAt) {
            await enqueuePublish(ctx.jobs, sql, { targetId: row.id, version: row.version }, row.scheduledAt);
          }
        }
        changed.push(...rows);
      }
    }

    await recordAudit(tx, {
      workspaceId: post.workspaceId,
      actorId: ctx.actorId,
      action: input.decision === 'approved' ? 'post.approved' : 'post.rejected',
      targetType: 'post',
      targetId: postId,
      before: {
        status: 'pending_approval',
        round: post.approvalRound,
        steps: decided.map((d) => ({ accountId: d.accountId, step: d.step, of: d.of })),
      },
      after: {
        status:
          input.decision === 'rejected' ? 'draft' : changed.length > 0 ? 'scheduled' : 'pending_approval',
        comment,
        accounts: decided,
        targets: changed.map((t) => ({ id: t.id, status: t.status })),
      },
    });

    const deciderName = await personName(tx, ctx.actorId);
    const postText = excerpt(open[0]!.text);
    const [stillWaiting] = await tx
      .select({ id: postTargets.id })
      .from(postTargets)
      .where(and(eq(postTargets.postId, postId), eq(postTargets.status, 'pending_approval')))
      .limit(1);
    if (post.authorId && (input.decision === 'rejected' || !stillWaiting)) {
      await notify(ctx, tx, sql, {
        workspaceId: post.workspaceId,
        userIds: [post.authorId],
        kind: 'approval_decided',
        data: { decision: input.decision, deciderName, comment, postText },
        link: `/w/${post.workspaceId}/publisher?post=${postId}`,
        actorId: ctx.actorId,
      });
    }
    if (input.decision === 'approved') {
      const next = decided.filter((d) => d.state === 'waiting').map((d) => d.accountId);
      if (next.length > 0) {
        await notifyApprovers(ctx, tx, sql, post.workspaceId, postId, {
          actorId: ctx.actorId,
          accountIds: next,
        });
      }
    }
    return {
      expired: false as const,
      result: { postId, decision: input.decision, accounts: decided, targets: changed },
    };
  });
  if (outcome.expired) throw conflict(EXPIRED_MESSAGE);
  return outcome.result;
}

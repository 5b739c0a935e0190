// Taking a certification exam: starting an attempt (or getting back the one still open), reading it, and
// handing in the answers once. Passing issues the certificate in the same transaction as the grade.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { newCertificateCode } from '../../../core/academy/certificateCode.ts';
import {
  attemptPhase,
  deadlineFor,
  decideStart,
  drawQuestionIds,
  inTime,
} from '../../../core/academy/examDraw.ts';
import { gradeQuestions } from '../../../core/academy/quizGrading.ts';
import { badRequest, conflict, notFound } from '../../../core/appError.ts';
import type { Queryable, Tx } from '../../../db/database.ts';
import { certificates, certifications, examAttempts, users } from '../../../db/schema.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext } from '../../context.ts';
import { memberRole } from '../../workspaceAccess.ts';
import { type AttemptRow, type CertificationRow, openCertification } from './certificationAccess.ts';
import { type AttemptView, attemptView, drawnQuestions } from './certificationViews.ts';

/** "2026-03-01 14:30 UTC": a time in a message that must read the same for everyone. */
function utcTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

async function certificateOfAttempt(q: Queryable, attemptId: string) {
  const [row] = await q
    .select({ id: certificates.id, code: certificates.code })
    .from(certificates)
    .where(eq(certificates.attemptId, attemptId));
  return row;
}

/**
 * Starts an attempt: draws the questions and sets the deadline. When one is still open it is handed back
 * instead (`created` false). Refused while the person holds a valid certificate for it, has no attempts
 * left, or must still wait after a failed attempt.
 */
export async function startAttempt(
  ctx: ActorContext,
  certificationId: string,
): Promise<{ created: boolean; attempt: AttemptView }> {
  return ctx.database.transaction(async (tx) => {
    const { certification } = await openCertification(tx, certificationId, ctx.actorId, { lock: true });
    const now = new Date();
    const attempts = await tx
      .select()
      .from(examAttempts)
      .where(and(eq(examAttempts.certificationId, certificationId), eq(examAttempts.userId, ctx.actorId)))
      .orderBy(asc(examAttempts.startedAt));
    // Attempts nobody handed in before their deadline are failed now, so they read as over everywhere.
    for (const attempt of attempts) {
      if (attemptPhase(attempt, now) === 'expired') {
        await tx.update(examAttempts).set({ passed: false }).where(eq(examAttempts.id, attempt.id));
        attempt.passed = false;
      }
    }
    const [held] = await tx
      .select({ code: certificates.code })
      .from(certificates)
      .where(
        and(
          eq(certificates.certificationId, certificationId),
          eq(certificates.userId, ctx.actorId),
          isNull(certificates.revokedAt),
        ),
      );
    const decision = decideStart(certification, attempts, now, held !== undefined);
    if (decision.kind === 'resume') {
      return { created: false, attempt: attemptView(certification, decision.attempt, undefined, now, false) };
    }
    if (decision.kind === 'refuse') {
      if (decision.reason === 'alreadyCertified') {
        throw conflict(
          `You already hold this certificate (code ${held?.code}); there is nothing left to take.`,
        );
      }
      if (decision.reason === 'noAttemptsLeft') {
        throw conflict(
          `You have used all ${certification.maxAttempts} attempts at this exam. Ask a workspace admin if you need another.`,
        );
      }
      throw conflict(
        `You can try this exam again from ${utcTime(decision.until)}: after a failed attempt there is a pause of ${certification.cooldownHours} hours.`,
        { cooldownUntil: decision.until.toISOString() },
      );
    }
    const pool = certification.questionPool.map((question) => question.id);
    if (pool.length === 0)
      throw conflict('This exam has no questions yet. Ask a workspace admin to add some.');
    const [attempt] = await tx
      .insert(examAttempts)
      .values({
        certificationId,
        userId: ctx.actorId,
        questionIds: drawQuestionIds(pool, Math.min(certification.drawCount, pool.length)),
        startedAt: now,
        deadlineAt: deadlineFor(now, certification.timeLimitMinutes),
      })
      .returning();
    return { created: true, attempt: attemptView(certification, attempt!, undefined, now, false) };
  });
}

/** The attempt with its certification, for the person who took it; anyone else gets "not found". */
async function ownAttempt(
  q: Queryable,
  attemptId: string,
  userId: string,
  lock: boolean,
): Promise<{ attempt: AttemptRow; certification: CertificationRow }> {
  const query = q.select().from(examAttempts).where(eq(examAttempts.id, attemptId));
  const [attempt] = lock ? await query.for('update') : await query;
  if (!attempt || attempt.userId !== userId) throw notFound('The exam attempt');
  const [certification] = await q
    .select()
    .from(certifications)
    .where(eq(certifications.id, attempt.certificationId));
  if (!certification || !(await memberRole(q, certification.workspaceId, userId))) {
    throw notFound('The exam attempt');
  }
  return { attempt, certification };
}

export async function getAttempt(ctx: ActorContext, attemptId: string): Promise<AttemptView> {
  const { db } = ctx.database;
  const { attempt, certification } = await ownAttempt(db, attemptId, ctx.actorId, false);
  const now = new Date();
  return attemptView(
    certification,
    attempt,
    await certificateOfAttempt(db, attempt.id),
    now,
    attemptPhase(attempt, now) === 'expired',
  );
}

/** questionId → chosen option ids, as sent. */
export type ExamAnswers = Record<string, string[]>;

/** Answers must name only this attempt's questions and each question's own options. */
function checkAnswers(
  certification: CertificationRow,
  attempt: AttemptRow,
  answers: ExamAnswers,
): ExamAnswers {
  const questions = new Map(
    drawnQuestions(certification, attempt).map((question) => [question.id, question]),
  );
  const fields: Record<string, string> = {};
  const clean: ExamAnswers = {};
  for (const [questionId, chosen] of Object.entries(answers)) {
    const question = questions.get(questionId);
    const field = `answers.${questionId}`;
    if (!question) {
      fields[field] = 'This question is not part of your attempt.';
      continue;
    }
    const options = new Set(question.options.map((option) => option.id));
    const unique = [...new Set(chosen)];
    if (unique.some((id) => !options.has(id))) fields[field] = 'Choose among the question’s own options.';
    else if (question.kind === 'single' && unique.length > 1) fields[field] = 'Choose one option.';
    else clean[questionId] = unique;
  }
  const problems = Object.entries(fields);
  if (problems.length > 0) {
    throw badRequest(`Check your answers. ${problems.map(([k, v]) => `${k}: ${v}`).join('; ')}`, fields);
  }
  return clean;
}

/** Issues the certificate for a passed attempt, with a code no other certificate has. */
async function issueCertificate(tx: Tx, certification: CertificationRow, attempt: AttemptRow) {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, attempt.userId));
  for (let tries = 0; tries < 5; tries += 1) {
    const [issued] = await tx
      .insert(certificates)
      .values({
        code: newCertificateCode(),
        certificationId: certification.id,
        workspaceId: certification.workspaceId,
        userId: attempt.userId,
        attemptId: attempt.id,
        holderName: user!.name,
        title: certification.title,
        language: certification.language,
      })
      .onConflictDoNothing({ target: certificates.code })
      .returning();
    if (issued) {
      await recordAudit(tx, {
        workspaceId: certification.workspaceId,
        actorId: attempt.userId,
        action: 'academy.certificate.issued',
        targetType: 'certificate',
        targetId: issued.id,
        after: { code: issued.code, certificationId: certification.id, attemptId: attempt.id },
      });
      return issued;
    }
  }
  throw new Error('Could not find a free certificate code after 5 tries.');
}

/**
 * Hands in the answers and grades them. Answers arriving after the deadline (and its 30-second grace) fail
 * the attempt because time ran out. An attempt is graded once: handing it in again, even at the same
 * moment, answers with the first result.
 */
export async function submitAttempt(
  ctx: ActorContext,
  attemptId: string,
  answers: ExamAnswers,
): Promise<AttemptView> {
  return ctx.database.transaction(async (tx) => {
    const { attempt, certification } = await ownAttempt(tx, attemptId, ctx.actorId, true);
    const now = new Date();
    if (attempt.submittedAt !== null || attempt.passed !== null) {
      return attemptView(certification, attempt, await certificateOfAttempt(tx, attempt.id), now, false);
    }
    const chosen = checkAnswers(certification, attempt, answers);
    if (!inTime(attempt, now)) {
      const [late] = await tx
        .update(examAttempts)
        .set({ answers: chosen, submittedAt: now, passed: false, scorePercent: null })
        .where(eq(examAttempts.id, attempt.id))
        .returning();
      return attemptView(certification, late!, undefined, now, false);
    }
    const { scorePercent } = gradeQuestions(drawnQuestions(certification, attempt), chosen);
    const passed = scorePercent >= certification.passPercent;
    const [graded] = await tx
      .update(examAttempts)
      .set({ answers: chosen, submittedAt: now, scorePercent, passed })
      .where(eq(examAttempts.id, attempt.id))
      .returning();
    const certificate = passed ? await issueCertificate(tx, certification, graded!) : undefined;
    return attemptView(certification, graded!, certificate, now, false);
  });
}

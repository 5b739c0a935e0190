// An admin changing how an exam runs: questions per attempt, time limit, pass mark, attempts and the pause
// after a failed attempt. Attempts already running keep their questions and deadline.
import { eq } from 'drizzle-orm';
import { badRequest } from '../../../core/appError.ts';
import { certifications } from '../../../db/schema.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext } from '../../context.ts';
import { lockCertificationForChange } from './certificationAccess.ts';

export interface ExamSettings {
  drawCount: number;
  timeLimitMinutes: number;
  passPercent: number;
  maxAttempts: number;
  cooldownHours: number;
}

const settingsOf = (row: ExamSettings): ExamSettings => ({
  drawCount: row.drawCount,
  timeLimitMinutes: row.timeLimitMinutes,
  passPercent: row.passPercent,
  maxAttempts: row.maxAttempts,
  cooldownHours: row.cooldownHours,
});

export async function updateExamSettings(
  ctx: ActorContext,
  certificationId: string,
  change: Partial<ExamSettings>,
): Promise<ExamSettings & { id: string; poolSize: number }> {
  return ctx.database.transaction(async (tx) => {
    const certification = await lockCertificationForChange(tx, certificationId, ctx.actorId);
    const before = settingsOf(certification);
    const after = { ...before, ...change };
    const poolSize = certification.questionPool.length;
    if (after.drawCount > poolSize) {
      throw badRequest(
        `An attempt can draw at most ${poolSize} questions: that is how many the pool holds.`,
        { drawCount: `Use at most ${poolSize}, the number of questions in the pool.` },
      );
    }
    await tx.update(certifications).set(after).where(eq(certifications.id, certificationId));
    await recordAudit(tx, {
      workspaceId: certification.workspaceId,
      actorId: ctx.actorId,
      action: 'academy.certification.settings_changed',
      targetType: 'certification',
      targetId: certificationId,
      before,
      after,
    });
    return { id: certificationId, poolSize, ...after };
  });
}

// What the certification commands answer with: a certificate as its holder and admins see it, and an exam
// attempt as the person taking it sees it (questions without their correct flags or explanations).
import { questionsForLearner } from '../../../core/academy/quizGrading.ts';
import type { CommandContext } from '../../context.ts';
import type { AttemptRow, CertificateRow, CertificationRow } from './certificationAccess.ts';

export interface CertificateView {
  id: string;
  code: string;
  certificationId: string;
  userId: string;
  holderName: string;
  title: string;
  language: 'en' | 'bn';
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** The public page that confirms the certificate. */
  verifyUrl: string;
}

export function verifyUrl(config: CommandContext['config'], code: string): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}

export function certificateView(config: CommandContext['config'], row: CertificateRow): CertificateView {
  return {
    id: row.id,
    code: row.code,
    certificationId: row.certificationId,
    userId: row.userId,
    holderName: row.holderName,
    title: row.title,
    language: row.language,
    issuedAt: row.issuedAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    verifyUrl: verifyUrl(config, row.code),
  };
}

export type AttemptStatus = 'running' | 'passed' | 'failed';

export interface AttemptResult {
  /** Null when time ran out before the answers arrived. */
  scorePercent: number | null;
  passed: boolean;
  reason: 'time_ran_out' | null;
  submittedAt: Date | null;
  certificate: { id: string; code: string } | null;
}

export interface AttemptView {
  id: string;
  certificationId: string;
  title: string;
  language: 'en' | 'bn';
  status: AttemptStatus;
  startedAt: Date;
  deadlineAt: Date;
  /** The server's clock when it answered, so a countdown does not depend on the device's clock. */
  serverNow: Date;
  timeLimitMinutes: number;
  passPercent: number;
  questions: ReturnType<typeof questionsForLearner>;
  result: AttemptResult | null;
}

/** The attempt's drawn questions from the pool, in the order drawn; questions since removed are left out. */
export function drawnQuestions(certification: CertificationRow, attempt: AttemptRow) {
  const byId = new Map(certification.questionPool.map((question) => [question.id, question]));
  return attempt.questionIds.flatMap((id) => {
    const question = byId.get(id);
    return question ? [question] : [];
  });
}

export function attemptView(
  certification: CertificationRow,
  attempt: AttemptRow,
  certificate: Pick<CertificateRow, 'id' | 'code'> | undefined,
  now: Date,
  /** An attempt nobody handed in before its deadline and grace. */
  expired: boolean,
): AttemptView {
  const finished = attempt.submittedAt !== null || attempt.passed !== null;
  let result: AttemptResult | null = null;
  if (finished || expired) {
    const passed = attempt.passed === true;
    result = {
      scorePercent: attempt.scorePercent,
      passed,
      reason: !passed && attempt.scorePercent === null ? 'time_ran_out' : null,
      submittedAt: attempt.submittedAt,
      certificate: certificate ? { id: certificate.id, code: certificate.code } : null,
    };
  }
  return {
    id: attempt.id,
    certificationId: certification.id,
    title: certification.title,
    language: certification.language,
    status: result ? (result.passed ? 'passed' : 'failed') : 'running',
    startedAt: attempt.startedAt,
    deadlineAt: attempt.deadlineAt,
    serverNow: now,
    timeLimitMinutes: certification.timeLimitMinutes,
    passPercent: certification.passPercent,
    questions: questionsForLearner(drawnQuestions(certification, attempt)),
    result,
  };
}

// The workspace's certifications with where the actor stands on each: attempts used and left, the pause
// after a failed attempt, the attempt still open and the certificate earned.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { examStanding } from '../../../core/academy/examDraw.ts';
import { can } from '../../../core/roles.ts';
import { certificates, certifications, examAttempts, workspaces } from '../../../db/schema.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';
import { seedStarterCourses } from '../courses/starterCourses.ts';
import { type AttemptRow, type CertificationRow, visibleToLearners } from './certificationAccess.ts';
import { type CertificateView, certificateView } from './certificationViews.ts';

export interface CertificationSummary {
  id: string;
  courseId: string | null;
  slug: string;
  language: 'en' | 'bn';
  title: string;
  description: string;
  status: 'draft' | 'published';
  /** Questions each attempt draws, and how many the pool holds. */
  drawCount: number;
  poolSize: number;
  timeLimitMinutes: number;
  passPercent: number;
  maxAttempts: number;
  cooldownHours: number;
  attemptsUsed: number;
  attemptsLeft: number;
  cooldownUntil: Date | null;
  runningAttempt: { id: string; deadlineAt: Date } | null;
  lastResult: { scorePercent: number | null; passed: boolean; submittedAt: Date | null } | null;
  /** The valid certificate earned, else the latest revoked one. */
  certificate: CertificateView | null;
}

export function certificationSummary(
  ctx: ActorContext,
  certification: CertificationRow,
  attempts: AttemptRow[],
  held: (typeof certificates.$inferSelect)[],
  now: Date,
): CertificationSummary {
  const standing = examStanding(certification, attempts, now);
  const finished = attempts.filter((attempt) => attempt !== standing.running);
  const last = finished[finished.length - 1];
  const certificate = held.find((row) => row.revokedAt === null) ?? held[0];
  return {
    id: certification.id,
    courseId: certification.courseId,
    slug: certification.slug,
    language: certification.language,
    title: certification.title,
    description: certification.description,
    status: certification.status,
    drawCount: certification.drawCount,
    poolSize: certification.questionPool.length,
    timeLimitMinutes: certification.timeLimitMinutes,
    passPercent: certification.passPercent,
    maxAttempts: certification.maxAttempts,
    cooldownHours: certification.cooldownHours,
    attemptsUsed: standing.attemptsUsed,
    attemptsLeft: standing.attemptsLeft,
    cooldownUntil: standing.cooldownUntil,
    runningAttempt: standing.running
      ? { id: standing.running.id, deadlineAt: standing.running.deadlineAt }
      : null,
    lastResult: last
      ? { scorePercent: last.scorePercent, passed: last.passed === true, submittedAt: last.submittedAt }
      : null,
    certificate: certificate ? certificateView(ctx.config, certificate) : null,
  };
}

/** Published certifications for every member; drafts too for those who manage the Academy. */
export async function listCertifications(
  ctx: ActorContext,
  workspaceId: string,
): Promise<{ certifications: CertificationSummary[]; canManage: boolean }> {
  const { db } = ctx.database;
  const role = await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  // The starter courses and their exams arrive the first time anyone opens the Academy, on whichever page.
  const [workspace] = await db
    .select({ seededAt: workspaces.academySeededAt })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace?.seededAt) await seedStarterCourses(ctx.database, workspaceId);

  const canManage = can(role, 'academy.manage');
  let rows = await db
    .select()
    .from(certifications)
    .where(eq(certifications.workspaceId, workspaceId))
    .orderBy(asc(certifications.language), asc(certifications.title), asc(certifications.id));
  if (!canManage) {
    const visible = await visibleToLearners(db, rows);
    rows = rows.filter((row) => visible.has(row.id));
  }
  const ids = rows.map((row) => row.id);
  const attempts =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(examAttempts)
          .where(and(eq(examAttempts.userId, ctx.actorId), inArray(examAttempts.certificationId, ids)))
          .orderBy(asc(examAttempts.startedAt));
  const held =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(certificates)
          .where(and(eq(certificates.userId, ctx.actorId), inArray(certificates.certificationId, ids)))
          .orderBy(desc(certificates.issuedAt));
  const now = new Date();
  return {
    canManage,
    certifications: rows.map((row) =>
      certificationSummary(
        ctx,
        row,
        attempts.filter((attempt) => attempt.certificationId === row.id),
        held.filter((certificate) => certificate.certificationId === row.id),
        now,
      ),
    ),
  };
}

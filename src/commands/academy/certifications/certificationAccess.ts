// Who may see and change a certification. Every member of its workspace may take a published exam
// (one whose course, if it has one, is published too); drafts and every change are for owners and admins.
// Anyone outside the workspace gets "not found", never a hint that the certification exists.
import { eq, inArray } from 'drizzle-orm';
import { forbidden, notFound } from '../../../core/appError.ts';
import { can, type Role } from '../../../core/roles.ts';
import type { Queryable } from '../../../db/database.ts';
import { type certificates, certifications, courses, type examAttempts } from '../../../db/schema.ts';
import { memberRole } from '../../workspaceAccess.ts';

export type CertificationRow = typeof certifications.$inferSelect;
export type AttemptRow = typeof examAttempts.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

export const MANAGE_MESSAGE = 'Only owners and admins can change exams and revoke certificates.';

/** Whether learners see the certification: it is published and so is its course, when it has one. */
export async function visibleToLearners(q: Queryable, rows: CertificationRow[]): Promise<Set<string>> {
  const courseIds = [...new Set(rows.flatMap((row) => (row.courseId ? [row.courseId] : [])))];
  const published = new Set(
    courseIds.length === 0
      ? []
      : (
          await q
            .select({ id: courses.id, status: courses.status })
            .from(courses)
            .where(inArray(courses.id, courseIds))
        )
          .filter((course) => course.status === 'published')
          .map((course) => course.id),
  );
  return new Set(
    rows
      .filter((row) => row.status === 'published' && (row.courseId === null || published.has(row.courseId)))
      .map((row) => row.id),
  );
}

/**
 * The certification as the actor may see it; `lock` holds it until the transaction ends, so starting
 * attempts and changing the exam's settings run one at a time.
 */
export async function openCertification(
  q: Queryable,
  certificationId: string,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<{ certification: CertificationRow; role: Role; canManage: boolean }> {
  const query = q.select().from(certifications).where(eq(certifications.id, certificationId));
  const [certification] = options.lock ? await query.for('update') : await query;
  const role = certification ? await memberRole(q, certification.workspaceId, userId) : undefined;
  if (!certification || !role) throw notFound('The certification');
  const canManage = can(role, 'academy.manage');
  if (!canManage && !(await visibleToLearners(q, [certification])).has(certification.id)) {
    throw notFound('The certification');
  }
  return { certification, role, canManage };
}

/** The certification for a change by someone who manages the Academy, locked until the transaction ends. */
export async function lockCertificationForChange(
  q: Queryable,
  certificationId: string,
  userId: string,
): Promise<CertificationRow> {
  const { certification, canManage } = await openCertification(q, certificationId, userId, { lock: true });
  if (!canManage) throw forbidden(MANAGE_MESSAGE);
  return certification;
}

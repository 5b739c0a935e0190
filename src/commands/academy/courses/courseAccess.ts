// Who may open and change a course. Every member of the course's workspace may learn from a published
// course; drafts, and every change, are for owners and admins. Anyone outside the workspace gets "not
// found", never a hint that the course exists.
import { eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../../core/appError.ts';
import { can, type Role } from '../../../core/roles.ts';
import type { Queryable } from '../../../db/database.ts';
import { courseModules, courses, lessons } from '../../../db/schema.ts';
import { memberRole } from '../../workspaceAccess.ts';

export type CourseRow = typeof courses.$inferSelect;
export type ModuleRow = typeof courseModules.$inferSelect;
export type LessonRow = typeof lessons.$inferSelect;

export const MANAGE_MESSAGE = 'Only owners and admins can write and publish courses.';

/** The course as a learner (or a manager) may see it. */
export async function openCourse(
  q: Queryable,
  courseId: string,
  userId: string,
): Promise<{ course: CourseRow; role: Role; canManage: boolean }> {
  const [course] = await q.select().from(courses).where(eq(courses.id, courseId));
  const role = course ? await memberRole(q, course.workspaceId, userId) : undefined;
  if (!course || !role) throw notFound('The course');
  const canManage = can(role, 'academy.manage');
  if (course.status !== 'published' && !canManage) throw notFound('The course');
  return { course, role, canManage };
}

/**
 * The course for a change, locked until the transaction ends so changes to one course run one at a
 * time; 404 outside the workspace, 403 for members who may not manage the Academy.
 */
export async function lockCourseForChange(
  q: Queryable,
  courseId: string,
  userId: string,
): Promise<CourseRow> {
  const [course] = await q.select().from(courses).where(eq(courses.id, courseId)).for('update');
  const role = course ? await memberRole(q, course.workspaceId, userId) : undefined;
  if (!course || !role) throw notFound('The course');
  if (!can(role, 'academy.manage')) throw forbidden(MANAGE_MESSAGE);
  return course;
}

/** A lesson and its course, as a learner (or a manager) may see them. */
export async function openLesson(q: Queryable, lessonId: string, userId: string) {
  const [row] = await q
    .select({ lesson: lessons, course: courses })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(eq(lessons.id, lessonId));
  const role = row ? await memberRole(q, row.course.workspaceId, userId) : undefined;
  if (!row || !role) throw notFound('The lesson');
  const canManage = can(role, 'academy.manage');
  if (row.course.status !== 'published' && !canManage) throw notFound('The lesson');
  return { course: row.course, lesson: row.lesson, role, canManage };
}

/** A lesson for a change, with its course locked. */
export async function lockLessonForChange(q: Queryable, lessonId: string, userId: string) {
  const [row] = await q.select({ courseId: lessons.courseId }).from(lessons).where(eq(lessons.id, lessonId));
  if (!row) throw notFound('The lesson');
  const course = await lockCourseForChange(q, row.courseId, userId);
  const [lesson] = await q.select().from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('The lesson');
  return { course, lesson };
}

/** A module of a course already locked for change. */
export async function moduleOf(q: Queryable, courseId: string, moduleId: string): Promise<ModuleRow> {
  const [module] = await q.select().from(courseModules).where(eq(courseModules.id, moduleId));
  if (!module || module.courseId !== courseId) throw notFound('The module');
  return module;
}

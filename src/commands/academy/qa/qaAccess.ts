// Who may see a course's questions: members of the course's workspace, and for a draft course only those
// who manage the Academy. Anyone else gets "not found", never a hint that the course exists.
import { eq } from 'drizzle-orm';
import { notFound } from '../../../core/appError.ts';
import { can, type Role } from '../../../core/roles.ts';
import type { Queryable } from '../../../db/database.ts';
import { courseAnswers, courseQuestions, courses } from '../../../db/schema.ts';
import { memberRole } from '../../workspaceAccess.ts';

export type CourseRow = typeof courses.$inferSelect;
export type QuestionRow = typeof courseQuestions.$inferSelect;
export type AnswerRow = typeof courseAnswers.$inferSelect;

async function visibleCourse(q: Queryable, course: CourseRow | undefined, userId: string) {
  const role = course ? await memberRole(q, course.workspaceId, userId) : undefined;
  if (!course || !role) return undefined;
  if (course.status !== 'published' && !can(role, 'academy.manage')) return undefined;
  return role;
}

export async function openCourse(
  q: Queryable,
  courseId: string,
  userId: string,
): Promise<{ course: CourseRow; role: Role }> {
  const [course] = await q.select().from(courses).where(eq(courses.id, courseId));
  const role = await visibleCourse(q, course, userId);
  if (!role) throw notFound('The course');
  return { course: course!, role };
}

export async function openQuestion(
  q: Queryable,
  questionId: string,
  userId: string,
): Promise<{ question: QuestionRow; course: CourseRow; role: Role }> {
  const [row] = await q
    .select({ question: courseQuestions, course: courses })
    .from(courseQuestions)
    .innerJoin(courses, eq(courses.id, courseQuestions.courseId))
    .where(eq(courseQuestions.id, questionId));
  const role = await visibleCourse(q, row?.course, userId);
  if (!row || !role) throw notFound('The question');
  return { ...row, role };
}

export async function openAnswer(
  q: Queryable,
  answerId: string,
  userId: string,
): Promise<{ answer: AnswerRow; question: QuestionRow; course: CourseRow; role: Role }> {
  const [row] = await q
    .select({ answer: courseAnswers, question: courseQuestions, course: courses })
    .from(courseAnswers)
    .innerJoin(courseQuestions, eq(courseQuestions.id, courseAnswers.questionId))
    .innerJoin(courses, eq(courses.id, courseQuestions.courseId))
    .where(eq(courseAnswers.id, answerId));
  const role = await visibleCourse(q, row?.course, userId);
  if (!row || !role) throw notFound('The answer');
  return { ...row, role };
}

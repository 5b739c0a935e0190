// Writing courses (owners and admins): the course's details, its modules and lessons in order, quizzes,
// publishing and deleting. Every change locks the course, so two admins' edits apply one after the other.
import { and, asc, sql as dsql, eq } from 'drizzle-orm';
import type { QuizQuestion, SkillId } from '../../../core/academy/academyTypes.ts';
import { suggestCourseSlug } from '../../../core/academy/courseFolder.ts';
import { badRequest, conflict, forbidden } from '../../../core/appError.ts';
import type { Queryable } from '../../../db/database.ts';
import { courseModules, courses, lessons } from '../../../db/schema.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';
import {
  type CourseRow,
  lockCourseForChange,
  lockLessonForChange,
  MANAGE_MESSAGE,
  moduleOf,
  openLesson,
} from './courseAccess.ts';

export interface CourseMeta {
  title: string;
  summary: string;
  language: 'en' | 'bn';
  skills: SkillId[];
  slug: string;
}

async function slugTaken(q: Queryable, workspaceId: string, slug: string, exceptId?: string) {
  const [row] = await q
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.workspaceId, workspaceId), eq(courses.slug, slug)));
  return row !== undefined && row.id !== exceptId;
}

const slugConflict = (slug: string) =>
  conflict(`Another course in this workspace already has the short name “${slug}”. Choose another.`, {
    slug: 'Already used by another course.',
  });

async function audit(tx: Queryable, course: CourseRow, actorId: string, action: string, after?: unknown) {
  await recordAudit(tx, {
    workspaceId: course.workspaceId,
    actorId,
    action: `academy.course.${action}`,
    targetType: 'course',
    targetId: course.id,
    after,
  });
}

const touch = (tx: Queryable, courseId: string) =>
  tx.update(courses).set({ updatedAt: new Date() }).where(eq(courses.id, courseId));

export async function createCourse(
  ctx: ActorContext,
  workspaceId: string,
  input: Omit<CourseMeta, 'slug' | 'summary' | 'skills'> &
    Partial<Pick<CourseMeta, 'slug' | 'summary' | 'skills'>>,
) {
  return ctx.database.transaction(async (tx) => {
    await requirePermission(tx, workspaceId, ctx.actorId, 'academy.manage');
    let slug = input.slug;
    if (slug) {
      if (await slugTaken(tx, workspaceId, slug)) throw slugConflict(slug);
    } else {
      const base = suggestCourseSlug(input.title, input.language);
      slug = base;
      for (let n = 2; await slugTaken(tx, workspaceId, slug); n += 1) slug = `${base}-${n}`;
    }
    const [course] = await tx
      .insert(courses)
      .values({
        workspaceId,
        slug,
        language: input.language,
        title: input.title,
        summary: input.summary ?? '',
        skills: input.skills ?? [],
        status: 'draft',
        createdBy: ctx.actorId,
      })
      .returning();
    await audit(tx, course!, ctx.actorId, 'created', { slug, title: input.title });
    return { id: course!.id, slug, title: course!.title, status: course!.status };
  });
}

export async function updateCourse(ctx: ActorContext, courseId: string, input: Partial<CourseMeta>) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    if (
      input.slug &&
      input.slug !== course.slug &&
      (await slugTaken(tx, course.workspaceId, input.slug, courseId))
    )
      throw slugConflict(input.slug);
    const [updated] = await tx
      .update(courses)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(courses.id, courseId))
      .returning();
    await audit(tx, course, ctx.actorId, 'updated', input);
    return {
      id: updated!.id,
      slug: updated!.slug,
      title: updated!.title,
      summary: updated!.summary,
      language: updated!.language,
      skills: updated!.skills,
      status: updated!.status,
    };
  });
}

/** What keeps a course from being published, if anything. */
async function publishProblems(q: Queryable, courseId: string): Promise<string | undefined> {
  const rows = await q
    .select({ kind: lessons.kind, title: lessons.title, questions: lessons.questions })
    .from(lessons)
    .where(eq(lessons.courseId, courseId));
  if (rows.length === 0) return 'Add at least one lesson before publishing the course.';
  const emptyQuiz = rows.find((l) => l.kind === 'quiz' && l.questions.length === 0);
  if (emptyQuiz) return `The quiz “${emptyQuiz.title}” has no questions yet. Add some or delete the quiz.`;
  return undefined;
}

export async function setCourseStatus(ctx: ActorContext, courseId: string, status: 'draft' | 'published') {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    if (status === 'published') {
      const problem = await publishProblems(tx, courseId);
      if (problem) throw badRequest(problem);
    }
    if (course.status !== status) {
      await tx.update(courses).set({ status, updatedAt: new Date() }).where(eq(courses.id, courseId));
      await audit(tx, course, ctx.actorId, status === 'published' ? 'published' : 'unpublished');
    }
    return { id: courseId, status };
  });
}

export async function deleteCourse(ctx: ActorContext, courseId: string) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    await tx.delete(courses).where(eq(courses.id, courseId));
    await audit(tx, course, ctx.actorId, 'deleted', { slug: course.slug, title: course.title });
    return { id: courseId, deleted: true };
  });
}

const nextPosition = async (
  q: Queryable,
  table: typeof courseModules | typeof lessons,
  where: ReturnType<typeof eq>,
) => {
  const [row] = await q
    .select({ next: dsql<number>`coalesce(max(${table.position}) + 1, 0)::int` })
    .from(table)
    .where(where);
  return row?.next ?? 0;
};

export async function addModule(ctx: ActorContext, courseId: string, input: { title: string }) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    const position = await nextPosition(tx, courseModules, eq(courseModules.courseId, courseId));
    const [module] = await tx
      .insert(courseModules)
      .values({ courseId, position, title: input.title })
      .returning({ id: courseModules.id, title: courseModules.title });
    await touch(tx, courseId);
    await audit(tx, course, ctx.actorId, 'module_added', { moduleId: module!.id, title: input.title });
    return module!;
  });
}

export async function renameModule(
  ctx: ActorContext,
  courseId: string,
  moduleId: string,
  input: { title: string },
) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    await moduleOf(tx, courseId, moduleId);
    await tx.update(courseModules).set({ title: input.title }).where(eq(courseModules.id, moduleId));
    await touch(tx, courseId);
    await audit(tx, course, ctx.actorId, 'module_renamed', { moduleId, title: input.title });
    return { id: moduleId, title: input.title };
  });
}

/** Deletes a module with its lessons and quizzes (and everyone's progress on them). */
export async function deleteModule(ctx: ActorContext, courseId: string, moduleId: string) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    const module = await moduleOf(tx, courseId, moduleId);
    await tx.delete(courseModules).where(eq(courseModules.id, moduleId));
    await touch(tx, courseId);
    await audit(tx, course, ctx.actorId, 'module_deleted', { moduleId, title: module.title });
    return { id: moduleId, deleted: true };
  });
}

export interface NewLesson {
  kind: 'lesson' | 'quiz';
  title: string;
  bodyMarkdown?: string;
  questions?: QuizQuestion[];
}

function checkKindFields(
  kind: 'lesson' | 'quiz',
  input: { bodyMarkdown?: string; questions?: QuizQuestion[] },
) {
  if (kind === 'lesson' && input.questions !== undefined && input.questions.length > 0)
    throw badRequest('A lesson has no questions; add a quiz for them.', {
      questions: 'Only quizzes have questions.',
    });
  if (kind === 'quiz' && input.bodyMarkdown !== undefined && input.bodyMarkdown !== '')
    throw badRequest('A quiz has questions, not a text.', { bodyMarkdown: 'Only lessons have a text.' });
}

export async function addLesson(ctx: ActorContext, courseId: string, moduleId: string, input: NewLesson) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    await moduleOf(tx, courseId, moduleId);
    checkKindFields(input.kind, input);
    const position = await nextPosition(tx, lessons, eq(lessons.moduleId, moduleId));
    const [lesson] = await tx
      .insert(lessons)
      .values({
        courseId,
        moduleId,
        position,
        kind: input.kind,
        title: input.title,
        bodyMarkdown: input.bodyMarkdown ?? '',
        questions: input.questions ?? [],
      })
      .returning({ id: lessons.id, kind: lessons.kind, title: lessons.title });
    await touch(tx, courseId);
    await audit(tx, course, ctx.actorId, 'lesson_added', {
      lessonId: lesson!.id,
      kind: input.kind,
      title: input.title,
    });
    return lesson!;
  });
}

const sourceOf = (lesson: typeof lessons.$inferSelect) => ({
  id: lesson.id,
  courseId: lesson.courseId,
  moduleId: lesson.moduleId,
  kind: lesson.kind,
  title: lesson.title,
  bodyMarkdown: lesson.bodyMarkdown,
  questions: lesson.questions,
});

/** A lesson as its editor needs it: a quiz with its correct options and explanations. */
export async function getLessonSource(ctx: ActorContext, lessonId: string) {
  const { lesson, canManage } = await openLesson(ctx.database.db, lessonId, ctx.actorId);
  if (!canManage) throw forbidden(MANAGE_MESSAGE);
  return sourceOf(lesson);
}

export async function updateLesson(
  ctx: ActorContext,
  lessonId: string,
  input: { title?: string; bodyMarkdown?: string; questions?: QuizQuestion[] },
) {
  return ctx.database.transaction(async (tx) => {
    const { course, lesson } = await lockLessonForChange(tx, lessonId, ctx.actorId);
    checkKindFields(lesson.kind, input);
    if (lesson.kind === 'quiz' && course.status === 'published' && input.questions?.length === 0)
      throw badRequest('A quiz in a published course needs at least one question.', {
        questions: 'Add at least one question.',
      });
    const [updated] = await tx.update(lessons).set(input).where(eq(lessons.id, lessonId)).returning();
    await touch(tx, course.id);
    await audit(tx, course, ctx.actorId, 'lesson_updated', { lessonId, fields: Object.keys(input) });
    return sourceOf(updated!);
  });
}

export async function deleteLesson(ctx: ActorContext, lessonId: string) {
  return ctx.database.transaction(async (tx) => {
    const { course, lesson } = await lockLessonForChange(tx, lessonId, ctx.actorId);
    await tx.delete(lessons).where(eq(lessons.id, lessonId));
    await touch(tx, course.id);
    await audit(tx, course, ctx.actorId, 'lesson_deleted', { lessonId, title: lesson.title });
    return { id: lessonId, deleted: true };
  });
}

export interface CourseOrder {
  modules: { id: string; lessonIds: string[] }[];
}

/** Puts the modules, and the lessons in each, in the given order; lessons may move between modules. */
export async function reorderCourse(ctx: ActorContext, courseId: string, order: CourseOrder) {
  return ctx.database.transaction(async (tx) => {
    const course = await lockCourseForChange(tx, courseId, ctx.actorId);
    const modules = await tx
      .select({ id: courseModules.id })
      .from(courseModules)
      .where(eq(courseModules.courseId, courseId))
      .orderBy(asc(courseModules.position));
    const lessonRows = await tx
      .select({ id: lessons.id })
      .from(lessons)
      .where(eq(lessons.courseId, courseId));
    const sameSet = (given: string[], actual: string[]) =>
      given.length === actual.length &&
      new Set(given).size === given.length &&
      given.every((id) => actual.includes(id));
    if (
      !sameSet(
        order.modules.map((m) => m.id),
        modules.map((m) => m.id),
      ) ||
      !sameSet(
        order.modules.flatMap((m) => m.lessonIds),
        lessonRows.map((l) => l.id),
      )
    )
      throw badRequest(
        'The new order must list every module and lesson of the course exactly once. Reload the course and try again.',
      );
    for (const [m, module] of order.modules.entries()) {
      await tx.update(courseModules).set({ position: m }).where(eq(courseModules.id, module.id));
      for (const [i, lessonId] of module.lessonIds.entries())
        await tx.update(lessons).set({ moduleId: module.id, position: i }).where(eq(lessons.id, lessonId));
    }
    await touch(tx, courseId);
    await audit(tx, course, ctx.actorId, 'reordered');
    return { id: courseId, modules: order.modules };
  });
}

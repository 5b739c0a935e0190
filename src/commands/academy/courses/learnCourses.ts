// Learning: the course list with each person's progress, a course's outline, a lesson (opening it is
// where the person will resume), marking a lesson done and answering a quiz.
import { and, asc, sql as dsql, eq } from 'drizzle-orm';
import type { QuizQuestion } from '../../../core/academy/academyTypes.ts';
import {
  gradeQuestions,
  QUIZ_PASS_PERCENT,
  type QuestionResult,
  questionsForLearner,
} from '../../../core/academy/quizGrading.ts';
import { badRequest } from '../../../core/appError.ts';
import { can } from '../../../core/roles.ts';
import {
  certifications,
  courseModules,
  courses,
  courseVisits,
  lessonProgress,
  workspaces,
} from '../../../db/schema.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';
import { type CourseRow, openCourse, openLesson } from './courseAccess.ts';
import {
  type CourseProgress,
  courseOutlines,
  personProgress,
  progressOf,
  summarizeProgress,
} from './courseProgress.ts';
import { STARTER_CONTENT_ROOT, seedStarterCourses } from './starterCourses.ts';

export interface CourseSummary extends CourseProgress {
  id: string;
  slug: string;
  language: 'en' | 'bn';
  title: string;
  summary: string;
  skills: string[];
  status: 'draft' | 'published';
  updatedAt: Date;
}

const summaryOf = (course: CourseRow, progress: CourseProgress): CourseSummary => ({
  id: course.id,
  slug: course.slug,
  language: course.language,
  title: course.title,
  summary: course.summary,
  skills: course.skills,
  status: course.status,
  updatedAt: course.updatedAt,
  ...progress,
});

export interface ListCoursesOptions {
  language?: 'en' | 'bn';
  /** Where the starter course folders are (tests point this at their own). */
  contentRoot?: string;
}

/** The workspace's courses the actor may see: published ones, and drafts for those who manage them. */
export async function listCourses(ctx: ActorContext, workspaceId: string, options: ListCoursesOptions = {}) {
  const { db } = ctx.database;
  const role = await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const [workspace] = await db
    .select({ seededAt: workspaces.academySeededAt })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace?.seededAt)
    await seedStarterCourses(ctx.database, workspaceId, options.contentRoot ?? STARTER_CONTENT_ROOT);

  const canManage = can(role, 'academy.manage');
  const conditions = [eq(courses.workspaceId, workspaceId)];
  if (!canManage) conditions.push(eq(courses.status, 'published'));
  if (options.language) conditions.push(eq(courses.language, options.language));
  const rows = await db
    .select()
    .from(courses)
    .where(and(...conditions))
    .orderBy(asc(courses.createdAt), asc(courses.title), asc(courses.id));
  const ids = rows.map((c) => c.id);
  const [outlines, progress] = await Promise.all([
    courseOutlines(db, ids),
    personProgress(db, ctx.actorId, ids),
  ]);
  return {
    canManage,
    courses: rows.map((course) =>
      summaryOf(course, summarizeProgress(outlines.get(course.id) ?? [], progress, course.id)),
    ),
  };
}

/** A course with its modules and lessons, each marked done or not for the actor. */
export async function getCourse(ctx: ActorContext, courseId: string) {
  const { db } = ctx.database;
  const { course, canManage } = await openCourse(db, courseId, ctx.actorId);
  const { outline, progress, summary } = await progressOf(db, ctx.actorId, courseId);
  const modules = await db
    .select({ id: courseModules.id, title: courseModules.title })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.id));
  const [certification] = await db
    .select({ id: certifications.id, title: certifications.title })
    .from(certifications)
    .where(and(eq(certifications.courseId, courseId), eq(certifications.status, 'published')))
    .orderBy(asc(certifications.createdAt))
    .limit(1);
  return {
    ...summaryOf(course, summary),
    workspaceId: course.workspaceId,
    canManage,
    certification: certification ?? null,
    quizPassPercent: QUIZ_PASS_PERCENT,
    modules: modules.map((module) => ({
      id: module.id,
      title: module.title,
      lessons: outline
        .filter((l) => l.moduleId === module.id)
        .map((l) => ({
          id: l.id,
          kind: l.kind,
          title: l.title,
          questionCount: l.questionCount,
          done: progress.done.has(l.id),
          score: progress.done.get(l.id) ?? null,
        })),
    })),
  };
}

/** A lesson or quiz to read or answer (a quiz without its answers); opening it is where the actor resumes. */
export async function getLesson(ctx: ActorContext, lessonId: string) {
  return ctx.database.transaction(async (tx) => {
    const { course, lesson, canManage } = await openLesson(tx, lessonId, ctx.actorId);
    await tx
      .insert(courseVisits)
      .values({ userId: ctx.actorId, courseId: course.id, lessonId, visitedAt: new Date() })
      .onConflictDoUpdate({
        target: [courseVisits.userId, courseVisits.courseId],
        set: { lessonId, visitedAt: new Date() },
      });
    const { outline, progress, summary } = await progressOf(tx, ctx.actorId, course.id);
    const index = outline.findIndex((l) => l.id === lessonId);
    const [module] = await tx
      .select({ title: courseModules.title })
      .from(courseModules)
      .where(eq(courseModules.id, lesson.moduleId));
    return {
      id: lesson.id,
      courseId: course.id,
      courseTitle: course.title,
      courseStatus: course.status,
      language: course.language,
      moduleId: lesson.moduleId,
      moduleTitle: module?.title ?? '',
      kind: lesson.kind,
      title: lesson.title,
      bodyMarkdown: lesson.bodyMarkdown,
      questions: questionsForLearner(lesson.questions),
      done: progress.done.has(lesson.id),
      score: progress.done.get(lesson.id) ?? null,
      quizPassPercent: QUIZ_PASS_PERCENT,
      position: index + 1,
      lessonCount: outline.length,
      previousLessonId: index > 0 ? outline[index - 1]!.id : null,
      nextLessonId: index >= 0 && index < outline.length - 1 ? outline[index + 1]!.id : null,
      progressPercent: summary.progressPercent,
      canManage,
    };
  });
}

async function nextAfter(
  q: Parameters<typeof progressOf>[0],
  userId: string,
  courseId: string,
  lessonId: string,
) {
  const { outline, summary } = await progressOf(q, userId, courseId);
  const index = outline.findIndex((l) => l.id === lessonId);
  return {
    progressPercent: summary.progressPercent,
    nextLessonId: index >= 0 && index < outline.length - 1 ? outline[index + 1]!.id : null,
  };
}

/** Marks a lesson (not a quiz: that is done by passing it) as done for the actor. */
export async function completeLesson(ctx: ActorContext, lessonId: string) {
  return ctx.database.transaction(async (tx) => {
    const { course, lesson } = await openLesson(tx, lessonId, ctx.actorId);
    if (lesson.kind === 'quiz')
      throw badRequest(`A quiz is done once you answer at least ${QUIZ_PASS_PERCENT}% of it right.`);
    await tx
      .insert(lessonProgress)
      .values({ userId: ctx.actorId, lessonId, courseId: course.id })
      .onConflictDoNothing();
    return { lessonId, done: true, ...(await nextAfter(tx, ctx.actorId, course.id, lessonId)) };
  });
}

export interface QuizSubmission {
  /** questionId → the option ids chosen. */
  answers: Record<string, string[]>;
}

function checkAnswers(questions: QuizQuestion[], answers: Record<string, string[]>) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const fields: Record<string, string> = {};
  for (const [questionId, chosen] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) {
      fields[`answers.${questionId}`] = 'This quiz has no such question.';
      continue;
    }
    const unknown = chosen.filter((id) => !question.options.some((o) => o.id === id));
    if (unknown.length > 0) fields[`answers.${questionId}`] = `No such option: ${unknown.join(', ')}.`;
    else if (question.kind === 'single' && chosen.length > 1)
      fields[`answers.${questionId}`] = 'Choose one option for this question.';
  }
  if (Object.keys(fields).length > 0)
    throw badRequest('Some answers do not match the quiz; reload it and answer again.', fields);
  if (!Object.values(answers).some((chosen) => chosen.length > 0))
    throw badRequest('Choose an answer before submitting the quiz.', { answers: 'Choose an answer.' });
}

export interface QuizOutcome {
  lessonId: string;
  scorePercent: number;
  correctCount: number;
  total: number;
  passed: boolean;
  passPercent: number;
  /** The best score kept for the actor, once they passed; null before. */
  bestScore: number | null;
  done: boolean;
  results: QuestionResult[];
  progressPercent: number;
  nextLessonId: string | null;
}

/**
 * Grades the actor's answers and shows, for each question, whether it was right and why each option is
 * or is not. Passing (at least QUIZ_PASS_PERCENT) marks the quiz done and keeps the best score.
 */
export async function submitQuiz(
  ctx: ActorContext,
  lessonId: string,
  input: QuizSubmission,
): Promise<QuizOutcome> {
  return ctx.database.transaction(async (tx) => {
    const { course, lesson } = await openLesson(tx, lessonId, ctx.actorId);
    if (lesson.kind !== 'quiz') throw badRequest('This is a lesson, not a quiz; mark it as done instead.');
    if (lesson.questions.length === 0) throw badRequest('This quiz has no questions yet.');
    checkAnswers(lesson.questions, input.answers);
    const graded = gradeQuestions(lesson.questions, input.answers);
    const passed = graded.scorePercent >= QUIZ_PASS_PERCENT;
    if (passed) {
      await tx
        .insert(lessonProgress)
        .values({ userId: ctx.actorId, lessonId, courseId: course.id, score: graded.scorePercent })
        .onConflictDoUpdate({
          target: [lessonProgress.userId, lessonProgress.lessonId],
          set: { score: dsql`greatest(${lessonProgress.score}, excluded.score)` },
        });
    }
    const [kept] = await tx
      .select({ score: lessonProgress.score })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, ctx.actorId), eq(lessonProgress.lessonId, lessonId)));
    return {
      lessonId,
      scorePercent: graded.scorePercent,
      correctCount: graded.correctCount,
      total: graded.total,
      passed,
      passPercent: QUIZ_PASS_PERCENT,
      bestScore: kept?.score ?? null,
      done: kept !== undefined,
      results: graded.results,
      ...(await nextAfter(tx, ctx.actorId, course.id, lessonId)),
    };
  });
}

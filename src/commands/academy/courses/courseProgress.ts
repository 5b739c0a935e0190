// A person's progress through courses: which lessons they finished (a quiz once passed), how much of
// each course that is, and the lesson to resume at — the one they last opened.
import { and, asc, sql as dsql, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { courseModules, courseVisits, lessonProgress, lessons } from '../../../db/schema.ts';

export interface OutlineLesson {
  id: string;
  courseId: string;
  moduleId: string;
  kind: 'lesson' | 'quiz';
  title: string;
  questionCount: number;
}

/** Each course's lessons in reading order: by module, then by place in the module. */
export async function courseOutlines(
  q: Queryable,
  courseIds: string[],
): Promise<Map<string, OutlineLesson[]>> {
  const outlines = new Map<string, OutlineLesson[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return outlines;
  const rows = await q
    .select({
      id: lessons.id,
      courseId: lessons.courseId,
      moduleId: lessons.moduleId,
      kind: lessons.kind,
      title: lessons.title,
      questionCount: dsql<number>`jsonb_array_length(${lessons.questions})::int`,
    })
    .from(lessons)
    .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
    .where(inArray(lessons.courseId, courseIds))
    .orderBy(asc(courseModules.position), asc(courseModules.id), asc(lessons.position), asc(lessons.id));
  for (const row of rows) outlines.get(row.courseId)?.push(row);
  return outlines;
}

export interface PersonProgress {
  /** lessonId → best quiz score (null for a lesson) of each lesson finished. */
  done: Map<string, number | null>;
  /** courseId → the lesson last opened (null when it was deleted since). */
  visits: Map<string, string | null>;
}

export async function personProgress(
  q: Queryable,
  userId: string,
  courseIds: string[],
): Promise<PersonProgress> {
  if (courseIds.length === 0) return { done: new Map(), visits: new Map() };
  const [doneRows, visitRows] = await Promise.all([
    q
      .select({ lessonId: lessonProgress.lessonId, score: lessonProgress.score })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.courseId, courseIds))),
    q
      .select({ courseId: courseVisits.courseId, lessonId: courseVisits.lessonId })
      .from(courseVisits)
      .where(and(eq(courseVisits.userId, userId), inArray(courseVisits.courseId, courseIds))),
  ]);
  return {
    done: new Map(doneRows.map((r) => [r.lessonId, r.score])),
    visits: new Map(visitRows.map((r) => [r.courseId, r.lessonId])),
  };
}

export interface CourseProgress {
  lessonCount: number;
  doneCount: number;
  /** Whole percent of lessons and quizzes finished, rounded down. */
  progressPercent: number;
  /** Whether the person has opened the course before. */
  started: boolean;
  /** The lesson last opened; before that (or once it is gone), the first unfinished one. */
  resumeLessonId: string | null;
}

export function summarizeProgress(
  outline: OutlineLesson[],
  progress: PersonProgress,
  courseId: string,
): CourseProgress {
  const doneCount = outline.filter((l) => progress.done.has(l.id)).length;
  const visited = progress.visits.get(courseId);
  const started = progress.visits.has(courseId) || doneCount > 0;
  const firstOpen = outline.find((l) => !progress.done.has(l.id)) ?? outline[0];
  const resumeLessonId = visited && outline.some((l) => l.id === visited) ? visited : (firstOpen?.id ?? null);
  return {
    lessonCount: outline.length,
    doneCount,
    progressPercent: outline.length === 0 ? 0 : Math.floor((doneCount * 100) / outline.length),
    started,
    resumeLessonId,
  };
}

/** One course's progress for one person. */
export async function progressOf(q: Queryable, userId: string, courseId: string) {
  const outline = (await courseOutlines(q, [courseId])).get(courseId) ?? [];
  const progress = await personProgress(q, userId, [courseId]);
  return { outline, progress, summary: summarizeProgress(outline, progress, courseId) };
}

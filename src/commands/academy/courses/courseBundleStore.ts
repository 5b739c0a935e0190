// Writes a course read from a folder into the database, and reads a course back as a folder's contents.
// Importing a course whose slug already exists replaces its content in place: a lesson or quiz keeps its
// id, and so everyone's progress on it, when its kind and title are unchanged.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CourseBundle, CourseItem } from '../../../core/academy/courseFolder.ts';
import type { Queryable } from '../../../db/database.ts';
import { certifications, courseModules, courses, lessons } from '../../../db/schema.ts';
import { upsertCertification } from '../certifications/upsertCertification.ts';
import type { CourseRow } from './courseAccess.ts';

export interface WrittenCourse {
  course: CourseRow;
  created: boolean;
  certificationId: string | null;
}

const itemValues = (item: CourseItem) =>
  item.kind === 'lesson'
    ? {
        kind: 'lesson' as const,
        title: item.title,
        bodyMarkdown: item.bodyMarkdown,
        sourceFile: item.file ?? null,
        questions: [],
      }
    : {
        kind: 'quiz' as const,
        title: item.title,
        bodyMarkdown: '',
        sourceFile: null,
        questions: item.questions,
      };

/**
 * Creates the course, or replaces the content of the workspace's course with the same slug. A new
 * course gets `status`; a replaced one keeps its own. Runs inside the caller's transaction.
 */
export async function writeCourseBundle(
  tx: Queryable,
  workspaceId: string,
  createdBy: string | null,
  bundle: CourseBundle,
  status: 'draft' | 'published',
): Promise<WrittenCourse> {
  const meta = {
    slug: bundle.slug,
    language: bundle.language,
    title: bundle.title,
    summary: bundle.summary,
    skills: bundle.skills,
  };
  const [existing] = await tx
    .select()
    .from(courses)
    .where(and(eq(courses.workspaceId, workspaceId), eq(courses.slug, bundle.slug)))
    .for('update');
  let course: CourseRow | undefined;
  if (existing) {
    [course] = await tx
      .update(courses)
      .set({ ...meta, updatedAt: new Date() })
      .where(eq(courses.id, existing.id))
      .returning();
  } else {
    [course] = await tx
      .insert(courses)
      .values({ ...meta, workspaceId, status, createdBy })
      .returning();
  }
  const courseId = course!.id;

  const oldModules = await tx
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.id));
  const oldLessons = await tx
    .select({ id: lessons.id, kind: lessons.kind, title: lessons.title })
    .from(lessons)
    .where(eq(lessons.courseId, courseId));
  const unused = new Map(oldLessons.map((l) => [l.id, l]));

  const keptModuleIds: string[] = [];
  for (const [m, module] of bundle.modules.entries()) {
    const reuse = oldModules[m];
    let moduleId: string;
    if (reuse) {
      await tx
        .update(courseModules)
        .set({ title: module.title, position: m })
        .where(eq(courseModules.id, reuse.id));
      moduleId = reuse.id;
    } else {
      const [row] = await tx
        .insert(courseModules)
        .values({ courseId, position: m, title: module.title })
        .returning({ id: courseModules.id });
      moduleId = row!.id;
    }
    keptModuleIds.push(moduleId);
    for (const [i, item] of module.items.entries()) {
      const match = [...unused.values()].find((l) => l.kind === item.kind && l.title === item.title);
      if (match) {
        unused.delete(match.id);
        await tx
          .update(lessons)
          .set({ ...itemValues(item), moduleId, position: i })
          .where(eq(lessons.id, match.id));
      } else {
        await tx.insert(lessons).values({ ...itemValues(item), courseId, moduleId, position: i });
      }
    }
  }
  if (unused.size > 0) await tx.delete(lessons).where(inArray(lessons.id, [...unused.keys()]));
  const surplus = oldModules.filter((m) => !keptModuleIds.includes(m.id)).map((m) => m.id);
  if (surplus.length > 0) await tx.delete(courseModules).where(inArray(courseModules.id, surplus));

  const certificationId = bundle.certification
    ? await upsertCertification(tx, workspaceId, courseId, bundle.language, bundle.certification)
    : null;
  return { course: course!, created: !existing, certificationId };
}

/** The course's content in folder form: metadata, modules in order, and its certification if any. */
export async function readCourseBundle(q: Queryable, course: CourseRow): Promise<CourseBundle> {
  const moduleRows = await q
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, course.id))
    .orderBy(asc(courseModules.position), asc(courseModules.id));
  const lessonRows =
    moduleRows.length === 0
      ? []
      : await q
          .select()
          .from(lessons)
          .where(eq(lessons.courseId, course.id))
          .orderBy(asc(lessons.position), asc(lessons.id));
  const [certification] = await q
    .select()
    .from(certifications)
    .where(eq(certifications.courseId, course.id))
    .orderBy(asc(certifications.createdAt), asc(certifications.id))
    .limit(1);
  return {
    slug: course.slug,
    language: course.language,
    title: course.title,
    summary: course.summary,
    skills: course.skills as CourseBundle['skills'],
    modules: moduleRows.map((module) => ({
      title: module.title,
      items: lessonRows
        .filter((l) => l.moduleId === module.id)
        .map(
          (l): CourseItem =>
            l.kind === 'lesson'
              ? {
                  kind: 'lesson',
                  title: l.title,
                  bodyMarkdown: l.bodyMarkdown,
                  ...(l.sourceFile ? { file: l.sourceFile } : {}),
                }
              : { kind: 'quiz', title: l.title, questions: l.questions },
        ),
    })),
    certification: certification
      ? {
          slug: certification.slug,
          title: certification.title,
          description: certification.description,
          drawCount: certification.drawCount,
          timeLimitMinutes: certification.timeLimitMinutes,
          passPercent: certification.passPercent,
          maxAttempts: certification.maxAttempts,
          cooldownHours: certification.cooldownHours,
          questions: certification.questionPool,
        }
      : null,
  };
}

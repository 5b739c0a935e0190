import { z } from 'zod';
import { SKILL_IDS } from '../../../core/academy/academyTypes.ts';
import { LIMITS, quizQuestionsSchema, SLUG_PATTERN } from '../../../core/academy/courseFolder.ts';
import { localeSchema, uuidParam } from '../../commonSchemas.ts';

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Remove the invisible NUL character.';

const title = z
  .string()
  .trim()
  .min(1, 'Enter a title.')
  .max(LIMITS.title, `Use at most ${LIMITS.title} characters.`)
  .refine(noNul, NUL_MESSAGE);
const summary = z
  .string()
  .trim()
  .max(LIMITS.summary, `Use at most ${LIMITS.summary} characters.`)
  .refine(noNul, NUL_MESSAGE);
const slug = z
  .string()
  .max(LIMITS.slug, `Use at most ${LIMITS.slug} characters.`)
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and hyphens, such as “foundations-en”.');
const skills = z
  .array(z.enum(SKILL_IDS, `Choose from: ${SKILL_IDS.join(', ')}.`))
  .max(SKILL_IDS.length)
  .refine((list) => new Set(list).size === list.length, 'List each skill once.');
const bodyMarkdown = z
  .string()
  .max(LIMITS.body, `A lesson can be at most ${LIMITS.body.toLocaleString('en')} characters.`)
  .refine(noNul, NUL_MESSAGE);
const lessonKind = z.enum(['lesson', 'quiz'], 'Choose lesson or quiz.');

export const courseParams = z.object({ courseId: uuidParam('The course') }).strict();
export const moduleParams = z
  .object({ courseId: uuidParam('The course'), moduleId: uuidParam('The module') })
  .strict();
export const lessonParams = z.object({ lessonId: uuidParam('The lesson') }).strict();

export const listCoursesQuery = z.object({ language: localeSchema.optional() }).strict();

export const createCourseBody = z
  .object({
    title,
    language: localeSchema,
    summary: summary.optional(),
    skills: skills.optional(),
    slug: slug.optional(),
  })
  .strict();
export const updateCourseBody = z
  .object({
    title: title.optional(),
    language: localeSchema.optional(),
    summary: summary.optional(),
    skills: skills.optional(),
    slug: slug.optional(),
  })
  .strict();
export const moduleBody = z.object({ title }).strict();
export const newLessonBody = z
  .object({
    kind: lessonKind,
    title,
    bodyMarkdown: bodyMarkdown.optional(),
    questions: quizQuestionsSchema.optional(),
  })
  .strict();
export const updateLessonBody = z
  .object({
    title: title.optional(),
    bodyMarkdown: bodyMarkdown.optional(),
    questions: quizQuestionsSchema.optional(),
  })
  .strict();
export const courseOrderBody = z
  .object({
    modules: z
      .array(
        z
          .object({
            id: uuidParam('The module'),
            lessonIds: z.array(uuidParam('The lesson')).max(LIMITS.items * LIMITS.modules),
          })
          .strict(),
      )
      .max(LIMITS.modules),
  })
  .strict();
export const quizAnswersBody = z
  .object({
    answers: z
      .record(
        z.string().max(40, 'A question id has at most 40 characters.'),
        z.array(z.string().max(40, 'An option id has at most 40 characters.')).max(LIMITS.options),
      )
      .refine((answers) => Object.keys(answers).length <= LIMITS.questions, 'Too many answers.'),
  })
  .strict();

const progressFields = {
  lessonCount: z.number(),
  doneCount: z.number(),
  progressPercent: z.number(),
  started: z.boolean(),
  resumeLessonId: z.string().nullable(),
};

export const courseSummaryResponse = z.object({
  id: z.string(),
  slug: z.string(),
  language: localeSchema,
  title: z.string(),
  summary: z.string(),
  skills: z.array(z.string()),
  status: z.enum(['draft', 'published']),
  updatedAt: z.date(),
  ...progressFields,
});

export const courseListResponse = z.object({
  canManage: z.boolean(),
  courses: z.array(courseSummaryResponse),
});

export const courseDetailResponse = courseSummaryResponse.extend({
  workspaceId: z.string(),
  canManage: z.boolean(),
  certification: z.object({ id: z.string(), title: z.string() }).nullable(),
  quizPassPercent: z.number(),
  modules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      lessons: z.array(
        z.object({
          id: z.string(),
          kind: lessonKind,
          title: z.string(),
          questionCount: z.number(),
          done: z.boolean(),
          score: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const courseChangeResponse = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
});

export const updatedCourseResponse = courseChangeResponse.extend({
  summary: z.string(),
  language: localeSchema,
  skills: z.array(z.string()),
});

export const importedCourseResponse = courseChangeResponse.extend({
  created: z.boolean(),
  certificationId: z.string().nullable(),
});

const questionSource = z.object({
  id: z.string(),
  prompt: z.string(),
  kind: z.enum(['single', 'multiple']),
  options: z.array(
    z.object({ id: z.string(), text: z.string(), correct: z.boolean(), explanation: z.string() }),
  ),
});

export const lessonSourceResponse = z.object({
  id: z.string(),
  courseId: z.string(),
  moduleId: z.string(),
  kind: lessonKind,
  title: z.string(),
  bodyMarkdown: z.string(),
  questions: z.array(questionSource),
});

export const lessonResponse = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  courseStatus: z.enum(['draft', 'published']),
  language: localeSchema,
  moduleId: z.string(),
  moduleTitle: z.string(),
  kind: lessonKind,
  title: z.string(),
  bodyMarkdown: z.string(),
  questions: z.array(
    z.object({
      id: z.string(),
      prompt: z.string(),
      kind: z.enum(['single', 'multiple']),
      options: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
  done: z.boolean(),
  score: z.number().nullable(),
  quizPassPercent: z.number(),
  position: z.number(),
  lessonCount: z.number(),
  previousLessonId: z.string().nullable(),
  nextLessonId: z.string().nullable(),
  progressPercent: z.number(),
  canManage: z.boolean(),
});

const nextFields = { progressPercent: z.number(), nextLessonId: z.string().nullable() };

export const completedLessonResponse = z.object({ lessonId: z.string(), done: z.boolean(), ...nextFields });

export const quizOutcomeResponse = z.object({
  lessonId: z.string(),
  scorePercent: z.number(),
  correctCount: z.number(),
  total: z.number(),
  passed: z.boolean(),
  passPercent: z.number(),
  bestScore: z.number().nullable(),
  done: z.boolean(),
  results: z.array(
    z.object({
      questionId: z.string(),
      correct: z.boolean(),
      options: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          correct: z.boolean(),
          chosen: z.boolean(),
          explanation: z.string(),
        }),
      ),
    }),
  ),
  ...nextFields,
});

export const moduleResponse = z.object({ id: z.string(), title: z.string() });
export const newLessonResponse = z.object({ id: z.string(), kind: lessonKind, title: z.string() });
export const deletedResponse = z.object({ id: z.string(), deleted: z.boolean() });
export const statusResponse = z.object({ id: z.string(), status: z.enum(['draft', 'published']) });
export const orderResponse = z.object({
  id: z.string(),
  modules: z.array(z.object({ id: z.string(), lessonIds: z.array(z.string()) })),
});

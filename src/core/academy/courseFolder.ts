// A course as a folder of files, so courses can live in git: course.json (metadata, modules, quizzes),
// one Markdown file per lesson under lessons/, and an optional certification.json for the course's exam.
// Reading checks everything and names the file and field of each problem; writing gives the same folder
// back for the same course.
import { type core, z } from 'zod';
import { type CertificationDefinition, type QuizQuestion, SKILL_IDS, type SkillId } from './academyTypes.ts';

export const COURSE_FILE = 'course.json';
export const CERTIFICATION_FILE = 'certification.json';

export const LIMITS = {
  slug: 80,
  title: 200,
  summary: 2000,
  body: 200_000,
  prompt: 2000,
  optionText: 1000,
  explanation: 2000,
  modules: 100,
  items: 200,
  questions: 100,
  options: 10,
  examQuestions: 500,
} as const;

export interface CourseLessonItem {
  kind: 'lesson';
  title: string;
  bodyMarkdown: string;
  /** Its file in the folder ("lessons/01-why.md"); absent for a lesson written in the app. */
  file?: string;
}

export interface CourseQuizItem {
  kind: 'quiz';
  title: string;
  questions: QuizQuestion[];
}

export type CourseItem = CourseLessonItem | CourseQuizItem;

export interface CourseModuleBundle {
  title: string;
  items: CourseItem[];
}

/** Everything a course folder holds, read and checked. */
export interface CourseBundle {
  slug: string;
  language: 'en' | 'bn';
  title: string;
  summary: string;
  skills: SkillId[];
  modules: CourseModuleBundle[];
  certification: CertificationDefinition | null;
}

export type CourseFolderResult = { ok: true; bundle: CourseBundle } | { ok: false; problems: string[] };

const noNul = (s: string) => !s.includes('\u0000');

/** Text that PostgreSQL can store, trimmed, within a length. */
const text = (max: number, { allowEmpty = false } = {}) => {
  const base = z.string().max(max).refine(noNul, 'must not contain the invisible NUL character');
  return allowEmpty ? base : base.refine((s) => s.trim() !== '', 'must not be empty');
};

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const slugSchema = z
  .string()
  .max(LIMITS.slug)
  .regex(SLUG_PATTERN, 'must be lowercase letters, digits and hyphens, such as "foundations-en"');
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, - or _');

export const quizOptionSchema = z.strictObject({
  id: idSchema,
  text: text(LIMITS.optionText),
  correct: z.boolean(),
  explanation: text(LIMITS.explanation, { allowEmpty: true }).default(''),
});

export const quizQuestionSchema = z
  .strictObject({
    id: idSchema,
    prompt: text(LIMITS.prompt),
    kind: z.enum(['single', 'multiple']),
    options: z.array(quizOptionSchema).min(2).max(LIMITS.options),
  })
  .superRefine((question, check) => {
    const correct = question.options.filter((o) => o.correct).length;
    if (correct === 0) check.addIssue({ code: 'custom', message: 'needs at least one correct option' });
    else if (question.kind === 'single' && correct > 1)
      check.addIssue({
        code: 'custom',
        message: `is single choice but has ${correct} correct options; mark exactly one or make it "multiple"`,
      });
    const seen = new Set<string>();
    question.options.forEach((option, index) => {
      if (seen.has(option.id))
        check.addIssue({
          code: 'custom',
          path: ['options', index, 'id'],
          message: `repeats the option id "${option.id}"`,
        });
      seen.add(option.id);
    });
  });

const uniqueQuestionIds = (questions: { id: string }[], check: core.$RefinementCtx) => {
  const seen = new Set<string>();
  questions.forEach((question, index) => {
    if (seen.has(question.id))
      check.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `repeats the question id "${question.id}"`,
      });
    seen.add(question.id);
  });
};

/** A quiz's questions, as stored and as an admin edits them. */
export const quizQuestionsSchema = z
  .array(quizQuestionSchema)
  .max(LIMITS.questions)
  .superRefine(uniqueQuestionIds);

export const skillsSchema = z
  .array(z.enum(SKILL_IDS))
  .max(SKILL_IDS.length)
  .refine((skills) => new Set(skills).size === skills.length, 'lists a skill twice');

/** A lesson's Markdown file: a relative path inside the folder, ending in .md. */
const lessonFileSchema = z
  .string()
  .max(200)
  .refine(
    (file) =>
      /^[^/\\]/.test(file) &&
      !file.includes('\\') &&
      file.endsWith('.md') &&
      file.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a path inside the folder ending in .md, such as "lessons/01-why.md"',
  );

const courseFileSchema = z.strictObject({
  slug: slugSchema,
  language: z.enum(['en', 'bn']),
  title: text(LIMITS.title),
  summary: text(LIMITS.summary, { allowEmpty: true }).default(''),
  skills: skillsSchema.default([]),
  modules: z
    .array(
      z.strictObject({
        title: text(LIMITS.title),
        items: z
          .array(
            z.discriminatedUnion(
              'kind',
              [
                z.strictObject({
                  kind: z.literal('lesson'),
                  title: text(LIMITS.title),
                  file: lessonFileSchema,
                }),
                z.strictObject({
                  kind: z.literal('quiz'),
                  title: text(LIMITS.title),
                  // A quiz still being written may have no questions; publishing asks for them.
                  questions: quizQuestionsSchema,
                }),
              ],
              { error: 'needs "kind": "lesson" or "quiz"' },
            ),
          )
          .max(LIMITS.items),
      }),
    )
    .max(LIMITS.modules),
});

export const certificationSchema = z
  .strictObject({
    slug: slugSchema,
    title: text(LIMITS.title),
    description: text(LIMITS.summary, { allowEmpty: true }).default(''),
    drawCount: z.int().min(1).max(LIMITS.examQuestions),
    timeLimitMinutes: z.int().min(1).max(600),
    passPercent: z.int().min(1).max(100),
    maxAttempts: z.int().min(1).max(100),
    cooldownHours: z
      .int()
      .min(0)
      .max(24 * 365),
    questions: z.array(quizQuestionSchema).min(1).max(LIMITS.examQuestions).superRefine(uniqueQuestionIds),
  })
  .superRefine((definition, check) => {
    if (definition.drawCount > definition.questions.length)
      check.addIssue({
        code: 'custom',
        path: ['drawCount'],
        message: `is ${definition.drawCount} but there are only ${definition.questions.length} questions`,
      });
  });

/** "modules[0].items[2].title" for the path ['modules', 0, 'items', 2, 'title']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** An issue as a predicate on its field: "is missing", "must be at most 200 characters". */
function describeIssue(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `has an unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `can have at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_format':
    case 'custom':
    case 'invalid_union':
      return issue.message;
    default:
      return issue.message;
  }
}

function problemsOf(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // A missing discriminator is reported on "kind"; the item itself is the clearer place.
    const path = issue.code === 'invalid_union' ? issue.path.slice(0, -1) : issue.path;
    const where = fieldPath(path);
    return where ? `${file}: ${where} ${describeIssue(issue)}` : `${file} ${describeIssue(issue)}`;
  });
}

function parseJson(
  file: string,
  source: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(source.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { ok: false, problem: `${file} is not valid JSON: ${(err as Error).message}` };
  }
}

/** Reads a course folder (path → text, paths relative to the folder, with "/"). */
export function parseCourseFolder(files: Readonly<Record<string, string>>): CourseFolderResult {
  const source = files[COURSE_FILE];
  if (source === undefined) return { ok: false, problems: [`The folder has no ${COURSE_FILE}.`] };
  const json = parseJson(COURSE_FILE, source);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const parsed = courseFileSchema.safeParse(json.value, { reportInput: true });
  const problems: string[] = parsed.success ? [] : problemsOf(COURSE_FILE, parsed.error);

  let certification: CertificationDefinition | null = null;
  const certificationSource = files[CERTIFICATION_FILE];
  if (certificationSource !== undefined) {
    const certificationJson = parseJson(CERTIFICATION_FILE, certificationSource);
    if (!certificationJson.ok) problems.push(certificationJson.problem);
    else {
      const definition = certificationSchema.safeParse(certificationJson.value, { reportInput: true });
      if (definition.success) certification = definition.data;
      else problems.push(...problemsOf(CERTIFICATION_FILE, definition.error));
    }
  }
  if (!parsed.success) return { ok: false, problems };

  const course = parsed.data;
  const modules: CourseModuleBundle[] = course.modules.map((module, m) => ({
    title: module.title,
    items: module.items.map((item, i): CourseItem => {
      if (item.kind === 'quiz') return { kind: 'quiz', title: item.title, questions: item.questions };
      const body = files[item.file];
      if (body === undefined) {
        problems.push(
          `${COURSE_FILE}: modules[${m}].items[${i}].file names ${item.file}, which is not in the folder`,
        );
        return { kind: 'lesson', title: item.title, bodyMarkdown: '' };
      }
      if (body.length > LIMITS.body)
        problems.push(`${item.file} is longer than ${LIMITS.body.toLocaleString('en')} characters`);
      if (!noNul(body)) problems.push(`${item.file} contains the invisible NUL character`);
      return { kind: 'lesson', title: item.title, bodyMarkdown: body, file: item.file };
    }),
  }));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    bundle: {
      slug: course.slug,
      language: course.language,
      title: course.title,
      summary: course.summary,
      skills: course.skills,
      modules,
      certification,
    },
  };
}

/** A file-name-safe form of a title: "Why it matters!" → "why-it-matters"; "lesson" when nothing is left. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug || 'lesson';
}

/** A slug for a new course: its title's ASCII letters and its language, "social-media-basics-en". */
export function suggestCourseSlug(title: string, language: 'en' | 'bn'): string {
  const base = fileSlug(title);
  return `${base === 'lesson' ? 'course' : base}-${language}`;
}

/** Where the n-th lesson (from 1, counted across the course) is written: lessons/01-why-it-matters.md. */
export function lessonFileName(n: number, title: string, lessonCount: number): string {
  const width = Math.max(2, String(lessonCount).length);
  return `lessons/${String(n).padStart(width, '0')}-${fileSlug(title)}.md`;
}

const optionOut = (o: QuizQuestion['options'][number]) => ({
  id: o.id,
  text: o.text,
  correct: o.correct,
  explanation: o.explanation,
});
const questionOut = (q: QuizQuestion) => ({
  id: q.id,
  prompt: q.prompt,
  kind: q.kind,
  options: q.options.map(optionOut),
});
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The folder for a course: path → text. A lesson keeps the file it came from; others are named by order and title. */
export function serializeCourseFolder(bundle: CourseBundle): Record<string, string> {
  const files: Record<string, string> = {};
  const lessonCount = bundle.modules.flatMap((m) => m.items).filter((i) => i.kind === 'lesson').length;
  let n = 0;
  const modules = bundle.modules.map((module) => ({
    title: module.title,
    items: module.items.map((item) => {
      if (item.kind === 'quiz')
        return { kind: 'quiz', title: item.title, questions: item.questions.map(questionOut) };
      n += 1;
      let file = item.file ?? lessonFileName(n, item.title, lessonCount);
      // Two lessons can only share a name through their number, which is unique; this is a guard.
      while (files[file] !== undefined) file = file.replace(/\.md$/, '-2.md');
      files[file] = item.bodyMarkdown;
      return { kind: 'lesson', title: item.title, file };
    }),
  }));
  files[COURSE_FILE] = json({
    slug: bundle.slug,
    language: bundle.language,
    title: bundle.title,
    summary: bundle.summary,
    skills: bundle.skills,
    modules,
  });
  if (bundle.certification) {
    const c = bundle.certification;
    files[CERTIFICATION_FILE] = json({
      slug: c.slug,
      title: c.title,
      description: c.description,
      drawCount: c.drawCount,
      timeLimitMinutes: c.timeLimitMinutes,
      passPercent: c.passPercent,
      maxAttempts: c.maxAttempts,
      cooldownHours: c.cooldownHours,
      questions: c.questions.map(questionOut),
    });
  }
  return files;
}

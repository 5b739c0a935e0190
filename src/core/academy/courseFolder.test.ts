import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from './academyTypes.ts';
import {
  type CourseBundle,
  fileSlug,
  lessonFileName,
  parseCourseFolder,
  serializeCourseFolder,
  suggestCourseSlug,
} from './courseFolder.ts';

const question = (id: string, overrides: Partial<QuizQuestion> = {}): QuizQuestion => ({
  id,
  prompt: `Question ${id}?`,
  kind: 'single',
  options: [
    { id: 'a', text: 'Right', correct: true, explanation: 'Because it is.' },
    { id: 'b', text: 'Wrong', correct: false, explanation: 'It is not.' },
  ],
  ...overrides,
});

const courseJson = (modules: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    slug: 'foundations-en',
    language: 'en',
    title: 'Foundations',
    summary: 'Start here.',
    skills: ['content', 'community'],
    modules,
    ...extra,
  });

function folder(): Record<string, string> {
  return {
    'course.json': courseJson([
      {
        title: 'Basics',
        items: [
          { kind: 'lesson', title: 'Why', file: 'lessons/01-why.md' },
          { kind: 'quiz', title: 'Check', questions: [question('q1')] },
        ],
      },
      { title: 'More', items: [{ kind: 'lesson', title: 'How', file: 'lessons/how.md' }] },
    ]),
    'lessons/01-why.md': '# Why\n\nBecause **people** matter.\n',
    'lessons/how.md': 'How, with a [video](https://youtu.be/abc).',
    'lessons/unused.md': 'Not listed anywhere.',
  };
}

const problemsOf = (files: Record<string, string>) => {
  const result = parseCourseFolder(files);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('parseCourseFolder', () => {
  it('reads the metadata, modules, lesson bodies and quizzes', () => {
    const result = parseCourseFolder(folder());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle).toEqual({
      slug: 'foundations-en',
      language: 'en',
      title: 'Foundations',
      summary: 'Start here.',
      skills: ['content', 'community'],
      certification: null,
      modules: [
        {
          title: 'Basics',
          items: [
            {
              kind: 'lesson',
              title: 'Why',
              bodyMarkdown: '# Why\n\nBecause **people** matter.\n',
              file: 'lessons/01-why.md',
            },
            { kind: 'quiz', title: 'Check', questions: [question('q1')] },
          ],
        },
        {
          title: 'More',
          items: [
            {
              kind: 'lesson',
              title: 'How',
              bodyMarkdown: 'How, with a [video](https://youtu.be/abc).',
              file: 'lessons/how.md',
            },
          ],
        },
      ],
    });
  });

  it('fills in an empty summary, no skills and empty explanations when left out', () => {
    const files = {
      'course.json': JSON.stringify({
        slug: 'x',
        language: 'bn',
        title: 'শুরু',
        modules: [
          {
            title: 'এক',
            items: [
              {
                kind: 'quiz',
                title: 'যাচাই',
                questions: [
                  {
                    id: 'q',
                    prompt: 'কোনটি?',
                    kind: 'multiple',
                    options: [
                      { id: 'a', text: 'ক', correct: true },
                      { id: 'b', text: 'খ', correct: true },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    };
    const result = parseCourseFolder(files);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle.summary).toBe('');
    expect(result.bundle.skills).toEqual([]);
    const quiz = result.bundle.modules[0]!.items[0]!;
    expect(quiz.kind === 'quiz' && quiz.questions[0]!.options.map((o) => o.explanation)).toEqual(['', '']);
  });

  it('reads certification.json', () => {
    const files = {
      ...folder(),
      'certification.json': JSON.stringify({
        slug: 'foundations-exam',
        title: 'Foundations exam',
        description: 'Ten questions.',
        drawCount: 2,
        timeLimitMinutes: 20,
        passPercent: 70,
        maxAttempts: 3,
        cooldownHours: 24,
        questions: [question('e1'), question('e2'), question('e3')],
      }),
    };
    const result = parseCourseFolder(files);
    expect(result.ok && result.bundle.certification).toMatchObject({
      slug: 'foundations-exam',
      drawCount: 2,
      questions: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }],
    });
  });

  it('names the file and field of a question without a correct option', () => {
    const noneCorrect = question('q2', {
      options: [
        { id: 'a', text: 'One', correct: false, explanation: '' },
        { id: 'b', text: 'Two', correct: false, explanation: '' },
      ],
    });
    const files = {
      ...folder(),
      'course.json': courseJson([
        {
          title: 'Basics',
          items: [
            { kind: 'lesson', title: 'Why', file: 'lessons/01-why.md' },
            { kind: 'lesson', title: 'How', file: 'lessons/how.md' },
            { kind: 'quiz', title: 'Check', questions: [question('q1'), noneCorrect] },
          ],
        },
      ]),
    };
    expect(problemsOf(files)).toEqual([
      'course.json: modules[0].items[2].questions[1] needs at least one correct option',
    ]);
  });

  it('lists every problem of course.json, each with its field', () => {
    const files = {
      'course.json': JSON.stringify({
        slug: 'Not A Slug',
        language: 'fr',
        title: '',
        skills: ['content', 'juggling'],
        colour: 'blue',
        modules: [
          {
            title: 'M',
            items: [
              { kind: 'video', title: 'V' },
              { kind: 'lesson', title: 'L', file: '../secret.md' },
              {
                kind: 'quiz',
                title: 'Q',
                questions: [
                  question('q1', {
                    options: [
                      { id: 'a', text: 'A', correct: true, explanation: '' },
                      { id: 'a', text: 'B', correct: true, explanation: '' },
                    ],
                  }),
                  question('q1', { options: [{ id: 'a', text: 'Only', correct: true, explanation: '' }] }),
                ],
              },
            ],
          },
        ],
      }),
    };
    const problems = problemsOf(files);
    expect(problems).toEqual(
      expect.arrayContaining([
        'course.json: slug must be lowercase letters, digits and hyphens, such as "foundations-en"',
        'course.json: language must be "en" or "bn"',
        'course.json: title must not be empty',
        'course.json: skills[1] must be "content" or "community" or "crisis" or "analytics" or "brand" or "paid" or "listening"',
        'course.json has an unknown field "colour"',
        'course.json: modules[0].items[0] needs "kind": "lesson" or "quiz"',
        'course.json: modules[0].items[1].file must be a path inside the folder ending in .md, such as "lessons/01-why.md"',
        'course.json: modules[0].items[2].questions[0] is single choice but has 2 correct options; mark exactly one or make it "multiple"',
        'course.json: modules[0].items[2].questions[0].options[1].id repeats the option id "a"',
        'course.json: modules[0].items[2].questions[1].options needs at least 2 entries',
        'course.json: modules[0].items[2].questions[1].id repeats the question id "q1"',
      ]),
    );
    expect(problems).toHaveLength(11);
  });

  it('says when a field is missing or of the wrong type', () => {
    const files = {
      'course.json': JSON.stringify({ slug: 'x', language: 'en', title: 42, modules: [{ items: 'none' }] }),
    };
    expect(problemsOf(files)).toEqual([
      'course.json: title must be text',
      'course.json: modules[0].title is missing',
      'course.json: modules[0].items must be a list',
    ]);
  });

  it('names a lesson file that is not in the folder', () => {
    const files = folder();
    delete files['lessons/how.md'];
    expect(problemsOf(files)).toEqual([
      'course.json: modules[1].items[0].file names lessons/how.md, which is not in the folder',
    ]);
  });

  it('refuses a folder without course.json, and JSON that does not parse', () => {
    expect(problemsOf({ 'lessons/a.md': '# A' })).toEqual(['The folder has no course.json.']);
    const [problem] = problemsOf({ 'course.json': '{"slug": ' });
    expect(problem).toMatch(/^course\.json is not valid JSON: /);
    expect(problemsOf({ 'course.json': '[]' })).toEqual(['course.json must be an object']);
  });

  it('checks certification.json too, naming that file', () => {
    const files = {
      ...folder(),
      'certification.json': JSON.stringify({
        slug: 'exam',
        title: 'Exam',
        description: '',
        drawCount: 5,
        timeLimitMinutes: 0,
        passPercent: 70,
        maxAttempts: 3,
        cooldownHours: 24,
        questions: [question('e1')],
      }),
    };
    expect(problemsOf(files)).toEqual([
      'certification.json: timeLimitMinutes must be at least 1',
      'certification.json: drawCount is 5 but there are only 1 questions',
    ]);
  });

  it('refuses NUL characters, which the database cannot store', () => {
    const files = { ...folder(), 'lessons/how.md': 'bad\u0000byte' };
    expect(problemsOf(files)).toEqual(['lessons/how.md contains the invisible NUL character']);
  });
});

describe('serializeCourseFolder', () => {
  const bundle: CourseBundle = {
    slug: 'growth-bn',
    language: 'bn',
    title: 'বৃদ্ধি',
    summary: 'সারাংশ',
    skills: ['analytics'],
    certification: {
      slug: 'growth-exam',
      title: 'পরীক্ষা',
      description: '',
      drawCount: 1,
      timeLimitMinutes: 10,
      passPercent: 60,
      maxAttempts: 2,
      cooldownHours: 12,
      questions: [question('e1')],
    },
    modules: [
      {
        title: 'প্রথম',
        items: [
          { kind: 'lesson', title: 'Reach & Résumé!', bodyMarkdown: '# Reach\n' },
          { kind: 'quiz', title: 'কুইজ', questions: [question('q1', { kind: 'multiple' })] },
        ],
      },
      { title: 'দ্বিতীয়', items: [{ kind: 'lesson', title: 'পাঠ', bodyMarkdown: 'পাঠের লেখা' }] },
      { title: 'Empty', items: [] },
    ],
  };

  it('writes course.json, numbered lesson files and certification.json', () => {
    const files = serializeCourseFolder(bundle);
    expect(Object.keys(files).sort()).toEqual([
      'certification.json',
      'course.json',
      'lessons/01-reach-resume.md',
      'lessons/02-lesson.md',
    ]);
    expect(files['lessons/02-lesson.md']).toBe('পাঠের লেখা');
    const course = JSON.parse(files['course.json']!);
    expect(course.modules[0].items).toEqual([
      { kind: 'lesson', title: 'Reach & Résumé!', file: 'lessons/01-reach-resume.md' },
      { kind: 'quiz', title: 'কুইজ', questions: [question('q1', { kind: 'multiple' })] },
    ]);
    expect(files['course.json']!.endsWith('}\n')).toBe(true);
  });

  it('reads back as the same course, and writes the same files again', () => {
    const files = serializeCourseFolder(bundle);
    const parsed = parseCourseFolder(files);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const withoutFiles = parsed.bundle.modules.map((module) => ({
      ...module,
      items: module.items.map((item) => {
        if (item.kind !== 'lesson') return item;
        const { file: _file, ...rest } = item;
        return rest;
      }),
    }));
    expect({ ...parsed.bundle, modules: withoutFiles }).toEqual(bundle);
    expect(serializeCourseFolder(parsed.bundle)).toEqual(files);
  });

  it('keeps the file name a lesson came from, so a course in git exports unchanged', () => {
    const named = {
      ...bundle,
      modules: [
        {
          title: 'Named',
          items: [
            { kind: 'lesson' as const, title: 'Intro', bodyMarkdown: 'Hi', file: 'lessons/intro.md' },
            { kind: 'lesson' as const, title: 'New one', bodyMarkdown: 'Written in the app' },
          ],
        },
      ],
    };
    const files = serializeCourseFolder(named);
    expect(Object.keys(files).sort()).toEqual([
      'certification.json',
      'course.json',
      'lessons/02-new-one.md',
      'lessons/intro.md',
    ]);
    expect(files['lessons/intro.md']).toBe('Hi');
  });

  it('leaves out certification.json when the course has no exam', () => {
    expect(Object.keys(serializeCourseFolder({ ...bundle, certification: null }))).not.toContain(
      'certification.json',
    );
  });
});

describe('file names', () => {
  it('keeps ASCII letters and digits, and falls back to "lesson"', () => {
    expect(fileSlug('Why it matters: 3 reasons')).toBe('why-it-matters-3-reasons');
    expect(fileSlug('কেন গুরুত্বপূর্ণ')).toBe('lesson');
    expect(fileSlug('Café — crème')).toBe('cafe-creme');
    expect(fileSlug('x'.repeat(80))).toHaveLength(50);
  });

  it('suggests a course slug from the title and language', () => {
    expect(suggestCourseSlug('Social media basics', 'en')).toBe('social-media-basics-en');
    expect(suggestCourseSlug('সামাজিক মাধ্যম', 'bn')).toBe('course-bn');
  });

  it('pads the number to the number of lessons', () => {
    expect(lessonFileName(3, 'Three', 9)).toBe('lessons/03-three.md');
    expect(lessonFileName(7, 'Seven', 120)).toBe('lessons/007-seven.md');
  });
});

import { describe, expect, it } from 'vitest';
import {
  type Answers,
  answerProblems,
  compare,
  learningPath,
  type PathCourse,
  SKILL_IDS,
  SKILL_QUESTIONS,
  type SkillScores,
  scoreAnswers,
  weakSkills,
} from './skills.ts';

const allAnswered = (value: number, overrides: Answers = {}): Answers => ({
  ...Object.fromEntries(SKILL_QUESTIONS.map((q) => [q.id, value])),
  ...overrides,
});

const scores = (values: Partial<SkillScores>, rest = 80): SkillScores =>
  ({ ...Object.fromEntries(SKILL_IDS.map((s) => [s, rest])), ...values }) as SkillScores;

const course = (id: string, skills: string[], extra: Partial<PathCourse> = {}): PathCourse => ({
  id,
  title: id,
  language: 'en',
  status: 'published',
  skills,
  ...extra,
});

describe('questionnaire', () => {
  it('has four statements for each of the seven skills, with unique ids', () => {
    expect(SKILL_QUESTIONS).toHaveLength(28);
    for (const skill of SKILL_IDS) {
      expect(SKILL_QUESTIONS.filter((q) => q.skill === skill)).toHaveLength(4);
    }
    expect(new Set(SKILL_QUESTIONS.map((q) => q.id)).size).toBe(28);
    for (const q of SKILL_QUESTIONS) expect(q.id.startsWith(`${q.skill}-`)).toBe(true);
  });

  it.each([
    ['complete', allAnswered(3), { missing: [], unknown: [], outOfScale: [] }],
    [
      'two missing',
      Object.fromEntries(SKILL_QUESTIONS.slice(2).map((q) => [q.id, 4])),
      { missing: [SKILL_QUESTIONS[0]!.id, SKILL_QUESTIONS[1]!.id], unknown: [], outOfScale: [] },
    ],
    ['an unknown key', allAnswered(2, { 'cooking-rice': 3 }), { missing: [], unknown: ['cooking-rice'] }],
    [
      'off the scale',
      allAnswered(2, { 'crisis-holding': 6, 'paid-setup': 0, 'brand-voice': 2.5 }),
      { outOfScale: ['crisis-holding', 'brand-voice', 'paid-setup'] },
    ],
  ])('finds problems: %s', (_name, answers, expected) => {
    expect(answerProblems(answers)).toMatchObject(expected);
  });
});

describe('scoreAnswers', () => {
  it.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
  ])('all answers %i score %i for every skill', (value, expected) => {
    expect(scoreAnswers(allAnswered(value))).toEqual(scores({}, expected));
  });

  it('scores each skill from its own statements only, rounding the mean', () => {
    const result = scoreAnswers(
      allAnswered(5, {
        'crisis-signals': 1,
        'crisis-escalation': 2,
        'crisis-holding': 2,
        'crisis-review': 3,
        'paid-setup': 4,
      }),
    );
    // (0 + 1 + 1 + 2) / 16 → 25; (3 + 4 + 4 + 4) / 16 → 93.75 → 94
    expect(result).toEqual(scores({ crisis: 25, paid: 94 }, 100));
  });
});

describe('compare', () => {
  it('gives the change for every skill, positive when it grew', () => {
    expect(compare(scores({ crisis: 25, paid: 94 }, 50), scores({ crisis: 50, paid: 81 }, 50))).toEqual(
      scores({ crisis: 25, paid: -13 }, 0),
    );
  });
});

describe('weakSkills', () => {
  it('lists the skills below 60, weakest first, ties in the usual order', () => {
    expect(weakSkills(scores({ paid: 10, crisis: 40, content: 40, brand: 59, analytics: 60 }))).toEqual([
      'paid',
      'content',
      'crisis',
      'brand',
    ]);
    expect(weakSkills(scores({}, 60))).toEqual([]);
  });
});

describe('learningPath', () => {
  const ids = (steps: { course: PathCourse }[]) => steps.map((s) => s.course.id);

  it.each<[string, Partial<SkillScores>, PathCourse[], 'en' | 'bn', string[]]>([
    ['nothing when every skill is 60 or more', {}, [course('a', ['crisis'])], 'en', []],
    [
      'weakest skill first',
      { analytics: 50, crisis: 20 },
      [course('for-analytics', ['analytics']), course('for-crisis', ['crisis'])],
      'en',
      ['for-crisis', 'for-analytics'],
    ],
    [
      'leaves out courses only for strong skills',
      { crisis: 20 },
      [course('strong', ['brand']), course('weak', ['crisis'])],
      'en',
      ['weak'],
    ],
    [
      'leaves out drafts',
      { crisis: 20 },
      [course('draft', ['crisis'], { status: 'draft' }), course('live', ['crisis'])],
      'en',
      ['live'],
    ],
    [
      'learner’s language first within a skill',
      { crisis: 20 },
      [course('english', ['crisis']), course('bangla', ['crisis'], { language: 'bn' })],
      'bn',
      ['bangla', 'english'],
    ],
    [
      'the weakest skill wins over the language',
      { crisis: 20, paid: 40 },
      [course('paid-bn', ['paid'], { language: 'bn' }), course('crisis-en', ['crisis'])],
      'bn',
      ['crisis-en', 'paid-bn'],
    ],
    [
      'more weak skills covered first, then by title',
      { crisis: 20, listening: 30 },
      [course('b', ['crisis']), course('a', ['crisis']), course('both', ['listening', 'crisis'])],
      'en',
      ['both', 'a', 'b'],
    ],
    [
      'at most five',
      { crisis: 10 },
      ['1', '2', '3', '4', '5', '6', '7'].map((n) => course(`c${n}`, ['crisis'])),
      'en',
      ['c1', 'c2', 'c3', 'c4', 'c5'],
    ],
  ])('%s', (_name, values, courses, language, expected) => {
    expect(ids(learningPath(scores(values), courses, language))).toEqual(expected);
  });

  it('gives the reason: the weakest weak skill a course teaches, and whether it is the lowest', () => {
    const steps = learningPath(
      scores({ crisis: 20, listening: 45 }),
      [course('mixed', ['listening', 'crisis', 'brand']), course('listen', ['listening'])],
      'en',
    );
    expect(steps.map(({ course, ...reason }) => [course.id, reason])).toEqual([
      ['mixed', { skill: 'crisis', score: 20, lowest: true }],
      ['listen', { skill: 'listening', score: 45, lowest: false }],
    ]);
  });
});

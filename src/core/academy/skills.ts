// The skills self-assessment: four "I can …" statements per skill, each rated 1–5, scored to 0–100 per
// skill; the learning path that follows from a result; and the change between two results.
// Statement texts live in the web app's texts (academySkills.questions.<id>); here are only ids.
import { SKILL_IDS, type SkillId } from './academyTypes.ts';

export { SKILL_IDS, type SkillId };

export interface SkillQuestion {
  id: string;
  skill: SkillId;
}

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** A skill scoring below this is one a learning path works on. */
export const WEAK_BELOW = 60;
export const LEARNING_PATH_LENGTH = 5;

const QUESTION_TOPICS: Record<SkillId, readonly string[]> = {
  content: ['calendar', 'adapt', 'copy', 'visuals'],
  community: ['replies', 'guidelines', 'conversation', 'advocates'],
  crisis: ['signals', 'escalation', 'holding', 'review'],
  analytics: ['metrics', 'report', 'goals', 'testing'],
  brand: ['voice', 'audience', 'positioning', 'campaign'],
  paid: ['setup', 'targeting', 'optimise', 'policy'],
  listening: ['queries', 'sentiment', 'trends', 'insights'],
};

/** Every statement, grouped by skill in the order of SKILL_IDS. Ids look like "crisis-holding". */
export const SKILL_QUESTIONS: readonly SkillQuestion[] = SKILL_IDS.flatMap((skill) =>
  QUESTION_TOPICS[skill].map((topic) => ({ id: `${skill}-${topic}`, skill })),
);

const QUESTION_BY_ID = new Map(SKILL_QUESTIONS.map((q) => [q.id, q]));

export type Answers = Record<string, number>;
export type SkillScores = Record<SkillId, number>;

export interface AnswerProblems {
  /** Statements without an answer, in questionnaire order. */
  missing: string[];
  /** Keys that are not statements of the questionnaire. */
  unknown: string[];
  /** Statements answered with something other than a whole number 1–5. */
  outOfScale: string[];
}

export function answerProblems(answers: Answers): AnswerProblems {
  const isOnScale = (v: unknown) =>
    typeof v === 'number' && Number.isInteger(v) && v >= SCALE_MIN && v <= SCALE_MAX;
  return {
    missing: SKILL_QUESTIONS.filter((q) => answers[q.id] === undefined).map((q) => q.id),
    unknown: Object.keys(answers).filter((id) => !QUESTION_BY_ID.has(id)),
    outOfScale: SKILL_QUESTIONS.filter((q) => answers[q.id] !== undefined && !isOnScale(answers[q.id])).map(
      (q) => q.id,
    ),
  };
}

/**
 * Each skill's score: the mean of its statements mapped from 1–5 onto 0–100 (all 1s → 0, all 5s → 100),
 * rounded to a whole number. The answers must be complete (see answerProblems).
 */
export function scoreAnswers(answers: Answers): SkillScores {
  const scores = {} as SkillScores;
  for (const skill of SKILL_IDS) {
    const own = SKILL_QUESTIONS.filter((q) => q.skill === skill);
    const total = own.reduce((sum, q) => sum + (answers[q.id] ?? SCALE_MIN) - SCALE_MIN, 0);
    scores[skill] = Math.round((total / (own.length * (SCALE_MAX - SCALE_MIN))) * 100);
  }
  return scores;
}

/** Change per skill from one result to the next: positive when the skill grew. */
export function compare(previous: SkillScores, latest: SkillScores): SkillScores {
  const change = {} as SkillScores;
  for (const skill of SKILL_IDS) change[skill] = (latest[skill] ?? 0) - (previous[skill] ?? 0);
  return change;
}

/** The skills below WEAK_BELOW, weakest first; ties keep the order of SKILL_IDS. */
export function weakSkills(scores: SkillScores): SkillId[] {
  return SKILL_IDS.filter((s) => (scores[s] ?? 0) < WEAK_BELOW).sort(
    (a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || SKILL_IDS.indexOf(a) - SKILL_IDS.indexOf(b),
  );
}

export interface PathCourse {
  id: string;
  title: string;
  language: 'en' | 'bn';
  status: 'draft' | 'published';
  skills: readonly string[];
}

export interface PathStep<C extends PathCourse> {
  course: C;
  /** The weakest of the learner's weak skills the course teaches: why it is recommended. */
  skill: SkillId;
  score: number;
  /** True when that skill is the learner's lowest. */
  lowest: boolean;
}

/**
 * Up to five published courses for the learner's weak skills: courses for the weakest skill first, then in
 * the learner's language before others, then those covering more weak skills, then by title.
 */
export function learningPath<C extends PathCourse>(
  scores: SkillScores,
  courses: readonly C[],
  language: 'en' | 'bn',
): PathStep<C>[] {
  const weak = weakSkills(scores);
  if (weak.length === 0) return [];
  const rank = new Map(weak.map((skill, index) => [skill, index]));
  const lowestScore = Math.min(...SKILL_IDS.map((s) => scores[s] ?? 0));
  const candidates = courses.flatMap((course) => {
    if (course.status !== 'published') return [];
    const covered = weak.filter((skill) => course.skills.includes(skill));
    const skill = covered[0];
    if (!skill) return [];
    return [{ course, skill, covered: covered.length, rank: rank.get(skill)! }];
  });
  candidates.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(b.course.language === language) - Number(a.course.language === language) ||
      b.covered - a.covered ||
      a.course.title.localeCompare(b.course.title) ||
      a.course.id.localeCompare(b.course.id),
  );
  return candidates.slice(0, LEARNING_PATH_LENGTH).map(({ course, skill }) => ({
    course,
    skill,
    score: scores[skill],
    lowest: scores[skill] === lowestScore,
  }));
}

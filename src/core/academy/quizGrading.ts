// Grades answers to quiz and exam questions. A single-choice question is right when the one correct
// option alone was chosen; a multiple-choice question when exactly the correct options were chosen.
import type { QuizQuestion } from './academyTypes.ts';

/** A quiz counts as done when at least this share of its questions was answered right. */
export const QUIZ_PASS_PERCENT = 60;

/** questionId → the option ids chosen. */
export type QuizAnswers = Readonly<Record<string, readonly string[]>>;

export interface OptionResult {
  id: string;
  text: string;
  correct: boolean;
  chosen: boolean;
  explanation: string;
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  /** The options in their order, each with whether it is right, whether it was chosen, and why. */
  options: OptionResult[];
}

export interface GradeResult {
  /** Whole percent of questions answered right, rounded down; 0 when there are no questions. */
  scorePercent: number;
  correctCount: number;
  total: number;
  results: QuestionResult[];
}

export function gradeQuestion(question: QuizQuestion, chosen: readonly string[]): QuestionResult {
  const picked = new Set(chosen);
  const right = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
  const known = new Set(question.options.map((o) => o.id));
  const exact =
    picked.size === right.size && [...picked].every((id) => right.has(id) && known.has(id)) && right.size > 0;
  const correct = question.kind === 'single' ? exact && picked.size === 1 : exact;
  return {
    questionId: question.id,
    correct,
    options: question.options.map((o) => ({
      id: o.id,
      text: o.text,
      correct: o.correct,
      chosen: picked.has(o.id),
      explanation: o.explanation,
    })),
  };
}

/** Grades every question; a question without an answer is wrong. */
export function gradeQuestions(questions: readonly QuizQuestion[], answers: QuizAnswers): GradeResult {
  const results = questions.map((q) => gradeQuestion(q, Object.hasOwn(answers, q.id) ? answers[q.id]! : []));
  const correctCount = results.filter((r) => r.correct).length;
  const total = questions.length;
  return {
    // Integer arithmetic, so 29 of 100 is 29 and not 28.999….
    scorePercent: total === 0 ? 0 : Math.floor((correctCount * 100) / total),
    correctCount,
    total,
    results,
  };
}

/** Questions as a learner sees them before answering: no correct flags, no explanations. */
export function questionsForLearner(questions: readonly QuizQuestion[]) {
  return questions.map((q) => ({
    id: q.id,
    prompt: q.prompt,
    kind: q.kind,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
  }));
}

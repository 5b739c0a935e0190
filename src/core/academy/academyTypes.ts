// Shapes the Academy keeps in JSON columns and sends over the API.

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
  /** Shown after answering: why this option is right or wrong. */
  explanation: string;
}

export interface QuizQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: QuizOption[];
}

/** Exam questions have the same shape as quiz questions. */
export type ExamQuestion = QuizQuestion;

/** A coach's recurring hours: weekday 0 = Sunday … 6 = Saturday, times "HH:MM" in the coach's zone. */
export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

/** A date (YYYY-MM-DD, coach's zone) with different hours; no windows means the day is off. */
export interface CoachException {
  date: string;
  windows: { start: string; end: string }[];
}

export interface ResumeExperience {
  role: string;
  organisation: string;
  start: string;
  end: string;
  description: string;
}

export interface ResumeEducation {
  course: string;
  institution: string;
  year: string;
}

/** The skills the self-assessment measures and courses are tagged with. */
export const SKILL_IDS = [
  'content',
  'community',
  'crisis',
  'analytics',
  'brand',
  'paid',
  'listening',
] as const;
export type SkillId = (typeof SKILL_IDS)[number];

/** certification.json in a course folder, and what an admin sets for an exam. */
export interface CertificationDefinition {
  slug: string;
  title: string;
  description: string;
  /** Questions drawn per attempt, at most the pool's size. */
  drawCount: number;
  timeLimitMinutes: number;
  passPercent: number;
  maxAttempts: number;
  /** Wait after a failed attempt before the next. */
  cooldownHours: number;
  questions: ExamQuestion[];
}

// The Academy's tables: courses and progress, certification exams and certificates, the skills
// self-assessment, peer Q&A, coaching, resumes and demo requests. Re-exported by schema.ts.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CoachException,
  ExamQuestion,
  QuizQuestion,
  ResumeEducation,
  ResumeExperience,
  WeeklyWindow,
} from '../core/academy/academyTypes.ts';
import { users, workspaces } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Stable name used by import and export; unique in the workspace. */
    slug: text('slug').notNull(),
    language: text('language', { enum: ['en', 'bn'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Skill ids (see core/academy/skills.ts) the course teaches; the learning path uses them. */
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('courses_workspace_slug_key').on(t.workspaceId, t.slug)],
);

export const courseModules = pgTable(
  'course_modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [index('course_modules_course_idx').on(t.courseId, t.position)],
);

/** A lesson (Markdown) or a quiz (questions) inside a module. */
export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => courseModules.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['lesson', 'quiz'] }).notNull(),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    /** The lesson's file in the course folder it was imported from, kept so export writes the same name. */
    sourceFile: text('source_file'),
    questions: jsonb('questions').$type<QuizQuestion[]>().notNull().default([]),
  },
  (t) => [index('lessons_course_idx').on(t.courseId), index('lessons_module_idx').on(t.moduleId, t.position)],
);

/** One row per person and lesson they finished (for a quiz: their best score). */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    completedAt: at('completed_at').notNull().defaultNow(),
    /** Percent correct on a quiz; null for a lesson. */
    score: integer('score'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId] }),
    index('lesson_progress_course_idx').on(t.userId, t.courseId),
  ],
);

/** Where a person last was in a course, so they can resume there. */
export const courseVisits = pgTable(
  'course_visits',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id').references(() => lessons.id, { onDelete: 'set null' }),
    visitedAt: at('visited_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
);

export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The course it certifies, when there is one. */
    courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    language: text('language', { enum: ['en', 'bn'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    questionPool: jsonb('question_pool').$type<ExamQuestion[]>().notNull(),
    /** How many questions each attempt draws from the pool. */
    drawCount: integer('draw_count').notNull(),
    timeLimitMinutes: integer('time_limit_minutes').notNull(),
    passPercent: integer('pass_percent').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    cooldownHours: integer('cooldown_hours').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('published'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('certifications_workspace_slug_key').on(t.workspaceId, t.slug)],
);

export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificationId: uuid('certification_id')
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Ids of the questions drawn for this attempt, in the order shown. */
    questionIds: jsonb('question_ids').$type<string[]>().notNull(),
    /** questionId → chosen option ids, once submitted. */
    answers: jsonb('answers').$type<Record<string, string[]>>(),
    startedAt: at('started_at').notNull().defaultNow(),
    deadlineAt: at('deadline_at').notNull(),
    submittedAt: at('submitted_at'),
    scorePercent: integer('score_percent'),
    passed: boolean('passed'),
  },
  (t) => [index('exam_attempts_user_idx').on(t.userId, t.certificationId, t.startedAt)],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Printed on the certificate and in its QR code; the public verification page looks it up. */
    code: text('code').notNull().unique(),
    certificationId: uuid('certification_id')
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    attemptId: uuid('attempt_id')
      .notNull()
      .unique()
      .references(() => examAttempts.id, { onDelete: 'cascade' }),
    /** As they were when issued, so renaming later does not change a certificate. */
    holderName: text('holder_name').notNull(),
    title: text('title').notNull(),
    language: text('language', { enum: ['en', 'bn'] }).notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('certificates_user_idx').on(t.userId)],
);

export const skillAssessments = pgTable(
  'skill_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** questionId → answer on the 1–5 scale. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    /** skillId → 0–100. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('skill_assessments_user_idx').on(t.userId, t.workspaceId, t.createdAt)],
);

export const courseQuestions = pgTable(
  'course_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('course_questions_course_idx').on(t.courseId, t.createdAt)],
);

export const courseAnswers = pgTable(
  'course_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => courseQuestions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** Marked by the person who asked. */
    helpful: boolean('helpful').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('course_answers_question_idx').on(t.questionId, t.createdAt)],
);

/** A member who offers 1:1 sessions, with their weekly hours in their own time zone. */
export const coaches = pgTable(
  'coaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bio: text('bio').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    sessionMinutes: integer('session_minutes').notNull().default(30),
    /** Bookings and cancellations need at least this much notice. */
    noticeHours: integer('notice_hours').notNull().default(24),
    weekly: jsonb('weekly').$type<WeeklyWindow[]>().notNull().default([]),
    exceptions: jsonb('exceptions').$type<CoachException[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('coaches_workspace_user_key').on(t.workspaceId, t.userId)],
);

export const coachingBookings = pgTable(
  'coaching_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    topic: text('topic').notNull().default(''),
    status: text('status', { enum: ['booked', 'cancelled'] })
      .notNull()
      .default('booked'),
    /** Raised on every change so calendar apps replace the earlier invitation. */
    sequence: integer('sequence').notNull().default(0),
    cancelledAt: at('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // Two people booking the same slot at once: the database lets exactly one in.
    uniqueIndex('coaching_bookings_slot_key').on(t.coachId, t.startsAt).where(sql`status = 'booked'`),
    index('coaching_bookings_member_idx').on(t.memberId, t.startsAt),
  ],
);

/** What a person puts on their resume; one per person, across workspaces. */
export const resumeProfiles = pgTable('resume_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  headline: text('headline').notNull().default(''),
  summary: text('summary').notNull().default(''),
  location: text('location').notNull().default(''),
  contact: text('contact').notNull().default(''),
  experience: jsonb('experience').$type<ResumeExperience[]>().notNull().default([]),
  education: jsonb('education').$type<ResumeEducation[]>().notNull().default([]),
  skills: jsonb('skills').$type<string[]>().notNull().default([]),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Requests sent through the public demo form. */
export const demoRequests = pgTable(
  'demo_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    company: text('company').notNull(),
    teamSize: text('team_size').notNull(),
    message: text('message').notNull().default(''),
    /** The sender's address, for rate limiting. */
    ip: text('ip').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('demo_requests_ip_idx').on(t.ip, t.createdAt)],
);

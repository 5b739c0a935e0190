// A member's skills self-assessments in a workspace: taking one, their history, and the learning path
// that follows from the latest result. Every member may learn, so the viewer role is enough.
import { and, desc, eq } from 'drizzle-orm';
import {
  type Answers,
  answerProblems,
  compare,
  learningPath,
  SKILL_IDS,
  SKILL_QUESTIONS,
  type SkillId,
  type SkillScores,
  scoreAnswers,
} from '../../../core/academy/skills.ts';
import { badRequest } from '../../../core/appError.ts';
import { courses, skillAssessments, users } from '../../../db/schema.ts';
import type { ActorContext } from '../../context.ts';
import { requirePermission } from '../../workspaceAccess.ts';

export interface AssessmentResult {
  id: string;
  createdAt: Date;
  answers: Answers;
  scores: SkillScores;
  /** Change per skill since the result before this one; null for the first. */
  change: SkillScores | null;
}

export async function skillQuestions(ctx: ActorContext, workspaceId: string) {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  return { skills: [...SKILL_IDS], questions: SKILL_QUESTIONS.map((q) => ({ id: q.id, skill: q.skill })) };
}

const listed = (ids: string[]) =>
  ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');

export async function takeAssessment(
  ctx: ActorContext,
  workspaceId: string,
  answers: Answers,
): Promise<AssessmentResult> {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  const { missing, unknown, outOfScale } = answerProblems(answers);
  if (unknown.length > 0) {
    throw badRequest(
      `These are not statements of the assessment: ${listed(unknown)}.`,
      Object.fromEntries(unknown.map((id) => [`answers.${id}`, 'Not a statement of the assessment.'])),
    );
  }
  if (missing.length > 0 || outOfScale.length > 0) {
    const fields = Object.fromEntries(
      [...missing, ...outOfScale].map((id) => [`answers.${id}`, 'Choose a rating from 1 to 5.']),
    );
    throw badRequest(
      missing.length > 0
        ? `Rate every statement from 1 to 5. ${missing.length} without a rating: ${listed(missing)}.`
        : `Ratings go from 1 to 5. Check: ${listed(outOfScale)}.`,
      fields,
    );
  }
  const clean = Object.fromEntries(SKILL_QUESTIONS.map((q) => [q.id, answers[q.id]!]));
  const scores = scoreAnswers(clean);
  return ctx.database.transaction(async (tx) => {
    const [previous] = await tx
      .select({ scores: skillAssessments.scores })
      .from(skillAssessments)
      .where(and(eq(skillAssessments.userId, ctx.actorId), eq(skillAssessments.workspaceId, workspaceId)))
      .orderBy(desc(skillAssessments.createdAt), desc(skillAssessments.id))
      .limit(1);
    const [row] = await tx
      .insert(skillAssessments)
      .values({ userId: ctx.actorId, workspaceId, answers: clean, scores })
      .returning();
    return {
      id: row!.id,
      createdAt: row!.createdAt,
      answers: clean,
      scores,
      change: previous ? compare(previous.scores as SkillScores, scores) : null,
    };
  });
}

async function history(ctx: ActorContext, workspaceId: string): Promise<AssessmentResult[]> {
  const rows = await ctx.database.db
    .select()
    .from(skillAssessments)
    .where(and(eq(skillAssessments.userId, ctx.actorId), eq(skillAssessments.workspaceId, workspaceId)))
    .orderBy(desc(skillAssessments.createdAt), desc(skillAssessments.id));
  return rows.map((row, index) => {
    const previous = rows[index + 1];
    const scores = row.scores as SkillScores;
    return {
      id: row.id,
      createdAt: row.createdAt,
      answers: row.answers,
      scores,
      change: previous ? compare(previous.scores as SkillScores, scores) : null,
    };
  });
}

/** The actor's results in the workspace, newest first. */
export async function listAssessments(ctx: ActorContext, workspaceId: string) {
  await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
  return history(ctx, workspaceId);
}

export interface LearningPathStep {
  course: { id: string; title: string; summary: string; language: 'en' | 'bn'; skills: string[] };
  reason: { skill: SkillId; score: number; lowest: boolean };
}

/**
 * Recommended published courses of the workspace for the actor's latest result (none before a first
 * result), in the given language first: by default the language of the actor's account.
 */
export async function recommendCourses(ctx: ActorContext, workspaceId: string, language?: 'en' | 'bn') {
  const { db } = ctx.database;
  await requirePermission(db, workspaceId, ctx.actorId, 'workspace.read');
  const [latest] = await db
    .select()
    .from(skillAssessments)
    .where(and(eq(skillAssessments.userId, ctx.actorId), eq(skillAssessments.workspaceId, workspaceId)))
    .orderBy(desc(skillAssessments.createdAt), desc(skillAssessments.id))
    .limit(1);
  if (!latest) return { assessmentId: null, steps: [] as LearningPathStep[] };
  const [me] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, ctx.actorId));
  const published = await db
    .select({
      id: courses.id,
      title: courses.title,
      summary: courses.summary,
      language: courses.language,
      status: courses.status,
      skills: courses.skills,
    })
    .from(courses)
    .where(and(eq(courses.workspaceId, workspaceId), eq(courses.status, 'published')));
  const preferred = language ?? (me?.locale === 'bn' ? 'bn' : 'en');
  const steps = learningPath(latest.scores as SkillScores, published, preferred);
  return {
    assessmentId: latest.id,
    steps: steps.map(({ course, skill, score, lowest }) => ({
      course: {
        id: course.id,
        title: course.title,
        summary: course.summary,
        language: course.language,
        skills: course.skills,
      },
      reason: { skill, score, lowest },
    })),
  };
}

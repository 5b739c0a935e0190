// Peer questions and answers on a course: members of the course's workspace ask and answer; the asker
// marks answers as helpful and is emailed when someone else answers. People delete their own questions
// and answers; those who manage the Academy may delete any.
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { forbidden } from '../../../core/appError.ts';
import { can } from '../../../core/roles.ts';
import { courseAnswers, courseQuestions, users } from '../../../db/schema.ts';
import { SEND_MAIL } from '../../../jobs/sendMailJob.ts';
import { questionAnsweredMail } from '../../../mail/academyQaMail.ts';
import { recordAudit } from '../../audit.ts';
import type { ActorContext } from '../../context.ts';
import { memberRole } from '../../workspaceAccess.ts';
import { openAnswer, openCourse, openQuestion } from './qaAccess.ts';

export interface QuestionSummary {
  id: string;
  courseId: string;
  title: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
  answerCount: number;
  helpfulCount: number;
  /** The actor may delete it: their own, or they manage the Academy. */
  canDelete: boolean;
}

export interface AnswerView {
  id: string;
  questionId: string;
  body: string;
  author: { id: string; name: string };
  helpful: boolean;
  createdAt: Date;
  canDelete: boolean;
}

/** A course's questions, newest first, with how many answers each has. */
export async function listQuestions(ctx: ActorContext, courseId: string): Promise<QuestionSummary[]> {
  const { db } = ctx.database;
  const { role } = await openCourse(db, courseId, ctx.actorId);
  const answers = db
    .select({
      questionId: courseAnswers.questionId,
      answerCount: count().as('answer_count'),
      helpfulCount: sql<number>`count(*) filter (where ${courseAnswers.helpful})::int`.as('helpful_count'),
    })
    .from(courseAnswers)
    .groupBy(courseAnswers.questionId)
    .as('answer_counts');
  const rows = await db
    .select({
      question: courseQuestions,
      authorName: users.name,
      answerCount: answers.answerCount,
      helpfulCount: answers.helpfulCount,
    })
    .from(courseQuestions)
    .innerJoin(users, eq(users.id, courseQuestions.authorId))
    .leftJoin(answers, eq(answers.questionId, courseQuestions.id))
    .where(eq(courseQuestions.courseId, courseId))
    .orderBy(desc(courseQuestions.createdAt), desc(courseQuestions.id));
  const manages = can(role, 'academy.manage');
  return rows.map(({ question, authorName, answerCount, helpfulCount }) => ({
    id: question.id,
    courseId: question.courseId,
    title: question.title,
    body: question.body,
    author: { id: question.authorId, name: authorName },
    createdAt: question.createdAt,
    answerCount: Number(answerCount ?? 0),
    helpfulCount: Number(helpfulCount ?? 0),
    canDelete: manages || question.authorId === ctx.actorId,
  }));
}

/** One question with its answers: helpful ones first, then oldest first. */
export async function readQuestion(ctx: ActorContext, questionId: string) {
  const { db } = ctx.database;
  const { question, role } = await openQuestion(db, questionId, ctx.actorId);
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, question.authorId));
  const answerRows = await db
    .select({ answer: courseAnswers, authorName: users.name })
    .from(courseAnswers)
    .innerJoin(users, eq(users.id, courseAnswers.authorId))
    .where(eq(courseAnswers.questionId, questionId))
    .orderBy(desc(courseAnswers.helpful), asc(courseAnswers.createdAt), asc(courseAnswers.id));
  const manages = can(role, 'academy.manage');
  const answers: AnswerView[] = answerRows.map(({ answer, authorName }) =>
    answerView(answer, authorName, ctx.actorId, manages),
  );
  return {
    id: question.id,
    courseId: question.courseId,
    title: question.title,
    body: question.body,
    author: { id: question.authorId, name: author?.name ?? '' },
    createdAt: question.createdAt,
    answerCount: answers.length,
    helpfulCount: answers.filter((a) => a.helpful).length,
    canDelete: manages || question.authorId === ctx.actorId,
    /** Only the asker may mark answers as helpful. */
    canMarkHelpful: question.authorId === ctx.actorId,
    answers,
  };
}

function answerView(
  answer: typeof courseAnswers.$inferSelect,
  authorName: string,
  actorId: string,
  manages: boolean,
): AnswerView {
  return {
    id: answer.id,
    questionId: answer.questionId,
    body: answer.body,
    author: { id: answer.authorId, name: authorName },
    helpful: answer.helpful,
    createdAt: answer.createdAt,
    canDelete: manages || answer.authorId === actorId,
  };
}

async function actorName(ctx: ActorContext, q: Parameters<typeof memberRole>[0]) {
  const [me] = await q.select({ name: users.name }).from(users).where(eq(users.id, ctx.actorId));
  return me?.name ?? '';
}

export async function askQuestion(
  ctx: ActorContext,
  courseId: string,
  input: { title: string; body: string },
): Promise<QuestionSummary> {
  return ctx.database.transaction(async (tx) => {
    await openCourse(tx, courseId, ctx.actorId);
    const [question] = await tx
      .insert(courseQuestions)
      .values({ courseId, authorId: ctx.actorId, title: input.title, body: input.body })
      .returning();
    return {
      id: question!.id,
      courseId,
      title: question!.title,
      body: question!.body,
      author: { id: ctx.actorId, name: await actorName(ctx, tx) },
      createdAt: question!.createdAt,
      answerCount: 0,
      helpfulCount: 0,
      canDelete: true,
    };
  });
}

/** Adds an answer; when someone other than the asker answers, the asker gets an email in their language. */
export async function answerQuestion(
  ctx: ActorContext,
  questionId: string,
  input: { body: string },
): Promise<AnswerView> {
  return ctx.database.transaction(async (tx, raw) => {
    const { question, course } = await openQuestion(tx, questionId, ctx.actorId);
    const [answer] = await tx
      .insert(courseAnswers)
      .values({ questionId, authorId: ctx.actorId, body: input.body })
      .returning();
    const name = await actorName(ctx, tx);
    if (question.authorId !== ctx.actorId) {
      const [asker] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, question.authorId));
      // Someone who has left the workspace can no longer open the course: no mail for them.
      const stillMember = await memberRole(tx, course.workspaceId, question.authorId);
      if (asker && stillMember) {
        const link = `${ctx.config.publicUrl}/w/${course.workspaceId}/academy/courses/${course.id}?question=${question.id}`;
        await ctx.jobs.send(
          SEND_MAIL,
          questionAnsweredMail(
            asker.email,
            {
              answerer: name,
              questionTitle: question.title,
              courseTitle: course.title,
              answer: input.body,
              link,
            },
            asker.locale === 'bn' ? 'bn' : 'en',
          ),
          { in: raw },
        );
      }
    }
    return answerView(answer!, name, ctx.actorId, true);
  });
}

/** The asker marks an answer as helpful, or takes the mark back. */
export async function markHelpful(ctx: ActorContext, answerId: string, helpful: boolean) {
  return ctx.database.transaction(async (tx) => {
    const { question } = await openAnswer(tx, answerId, ctx.actorId);
    if (question.authorId !== ctx.actorId) {
      throw forbidden('Only the person who asked the question can mark an answer as helpful.');
    }
    const [updated] = await tx
      .update(courseAnswers)
      .set({ helpful })
      .where(eq(courseAnswers.id, answerId))
      .returning({ id: courseAnswers.id, helpful: courseAnswers.helpful });
    return updated!;
  });
}

export async function deleteQuestion(ctx: ActorContext, questionId: string) {
  return ctx.database.transaction(async (tx) => {
    const { question, course, role } = await openQuestion(tx, questionId, ctx.actorId);
    const own = question.authorId === ctx.actorId;
    if (!own && !can(role, 'academy.manage')) {
      throw forbidden('You can delete only your own questions. Owners and admins can delete any.');
    }
    const [answers] = await tx
      .select({ n: count() })
      .from(courseAnswers)
      .where(eq(courseAnswers.questionId, questionId));
    await tx.delete(courseQuestions).where(eq(courseQuestions.id, questionId));
    if (!own) {
      await recordAudit(tx, {
        workspaceId: course.workspaceId,
        actorId: ctx.actorId,
        action: 'academy.question.deleted',
        targetType: 'course_question',
        targetId: questionId,
        before: { courseId: course.id, authorId: question.authorId, title: question.title },
      });
    }
    return { id: questionId, deletedAnswers: Number(answers?.n ?? 0) };
  });
}

export async function deleteAnswer(ctx: ActorContext, answerId: string) {
  return ctx.database.transaction(async (tx) => {
    const { answer, course, role } = await openAnswer(tx, answerId, ctx.actorId);
    const own = answer.authorId === ctx.actorId;
    if (!own && !can(role, 'academy.manage')) {
      throw forbidden('You can delete only your own answers. Owners and admins can delete any.');
    }
    await tx.delete(courseAnswers).where(eq(courseAnswers.id, answerId));
    if (!own) {
      await recordAudit(tx, {
        workspaceId: course.workspaceId,
        actorId: ctx.actorId,
        action: 'academy.answer.deleted',
        targetType: 'course_answer',
        targetId: answerId,
        before: { questionId: answer.questionId, authorId: answer.authorId },
      });
    }
    return { id: answerId };
  });
}

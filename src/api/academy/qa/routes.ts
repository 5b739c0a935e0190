// Peer questions and answers on a course.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerQuestion,
  askQuestion,
  deleteAnswer,
  deleteQuestion,
  listQuestions,
  markHelpful,
  readQuestion,
} from '../../../commands/academy/qa/courseQa.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { actorContext } from '../../session.ts';
import {
  answerBody,
  answerParams,
  answerResponse,
  askQuestionBody,
  courseParams,
  helpfulBody,
  questionParams,
  questionResponse,
  questionSummary,
} from './schema.ts';

export const courseQaRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/academy/courses/:courseId/questions',
      {
        schema: {
          tags: ['academy'],
          summary: 'A course’s questions, newest first, with their answer counts (members of its workspace)',
          params: courseParams,
          response: { 200: z.object({ questions: z.array(questionSummary) }) },
        },
      },
      async (request) => ({
        questions: await listQuestions(actorContext(deps.ctx, request), request.params.courseId),
      }),
    );

    app.post(
      '/api/academy/courses/:courseId/questions',
      {
        schema: {
          tags: ['academy'],
          summary: 'Ask a question on a course',
          params: courseParams,
          body: askQuestionBody,
          response: { 201: questionSummary },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await askQuestion(actorContext(deps.ctx, request), request.params.courseId, request.body)),
    );

    app.get(
      '/api/academy/questions/:questionId',
      {
        schema: {
          tags: ['academy'],
          summary: 'A question with its answers, helpful ones first',
          params: questionParams,
          response: { 200: questionResponse },
        },
      },
      async (request) => readQuestion(actorContext(deps.ctx, request), request.params.questionId),
    );

    app.delete(
      '/api/academy/questions/:questionId',
      {
        schema: {
          tags: ['academy'],
          summary: 'Delete a question and its answers (your own; owners and admins any)',
          params: questionParams,
          body: emptyBody,
          response: { 200: z.object({ id: z.string(), deletedAnswers: z.number() }) },
        },
      },
      async (request) => deleteQuestion(actorContext(deps.ctx, request), request.params.questionId),
    );

    app.post(
      '/api/academy/questions/:questionId/answers',
      {
        schema: {
          tags: ['academy'],
          summary: 'Answer a question; the asker is emailed when it is someone else’s question',
          params: questionParams,
          body: answerBody,
          response: { 201: answerResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await answerQuestion(actorContext(deps.ctx, request), request.params.questionId, request.body),
          ),
    );

    app.post(
      '/api/academy/answers/:answerId/helpful',
      {
        schema: {
          tags: ['academy'],
          summary: 'Mark an answer as helpful, or take the mark back (only the person who asked)',
          params: answerParams,
          body: helpfulBody,
          response: { 200: z.object({ id: z.string(), helpful: z.boolean() }) },
        },
      },
      async (request) =>
        markHelpful(actorContext(deps.ctx, request), request.params.answerId, request.body.helpful),
    );

    app.delete(
      '/api/academy/answers/:answerId',
      {
        schema: {
          tags: ['academy'],
          summary: 'Delete an answer (your own; owners and admins any)',
          params: answerParams,
          body: emptyBody,
          response: { 200: z.object({ id: z.string() }) },
        },
      },
      async (request) => deleteAnswer(actorContext(deps.ctx, request), request.params.answerId),
    );
  };

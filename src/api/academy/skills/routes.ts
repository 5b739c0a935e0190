// The skills self-assessment: questions, results over time, and the learning path.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  listAssessments,
  recommendCourses,
  skillQuestions,
  takeAssessment,
} from '../../../commands/academy/skills/skillAssessments.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  assessmentResponse,
  assessmentsResponse,
  learningPathQuery,
  learningPathResponse,
  questionsResponse,
  takeAssessmentBody,
} from './schema.ts';

export const skillsRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const base = '/api/workspaces/:workspaceId/academy/skills';

    app.get(
      `${base}/questions`,
      {
        schema: {
          tags: ['academy'],
          summary: 'The self-assessment’s statements (ids and skills; the texts are in the web app)',
          params: workspaceParams,
          response: { 200: questionsResponse },
        },
      },
      async (request) => skillQuestions(actorContext(deps.ctx, request), request.params.workspaceId),
    );

    app.post(
      `${base}/assessments`,
      {
        schema: {
          tags: ['academy'],
          summary:
            'Take the self-assessment: a rating 1–5 for every statement; answers with the scores 0–100',
          params: workspaceParams,
          body: takeAssessmentBody,
          response: { 201: assessmentResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await takeAssessment(
              actorContext(deps.ctx, request),
              request.params.workspaceId,
              request.body.answers,
            ),
          ),
    );

    app.get(
      `${base}/assessments`,
      {
        schema: {
          tags: ['academy'],
          summary:
            'My self-assessment results in this workspace, newest first, with the change since the one before',
          params: workspaceParams,
          response: { 200: assessmentsResponse },
        },
      },
      async (request) => ({
        assessments: await listAssessments(actorContext(deps.ctx, request), request.params.workspaceId),
      }),
    );

    app.get(
      `${base}/learning-path`,
      {
        schema: {
          tags: ['academy'],
          summary:
            'Up to five published courses for the weakest skills of my latest result, each with its reason; courses in `language` (by default my account’s) come first',
          params: workspaceParams,
          querystring: learningPathQuery,
          response: { 200: learningPathResponse },
        },
      },
      async (request) =>
        recommendCourses(actorContext(deps.ctx, request), request.params.workspaceId, request.query.language),
    );
  };

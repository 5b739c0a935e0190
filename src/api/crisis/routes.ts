// Crisis mode: pause, resume, the review of posts whose time passed, publish anyway. Everyone in the
// workspace reads the state, the held posts and the history; owners and admins act.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { crisisHistory, crisisState, endCrisis, startCrisis } from '../../commands/crisis/crisisMode.ts';
import { decideHeldPost, listHeldPosts, publishAnyway } from '../../commands/crisis/crisisReview.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { actorContext } from '../session.ts';
import {
  crisisPeriodResponse,
  crisisStateResponse,
  decisionResponse,
  endCrisisResponse,
  heldPostResponse,
  postParams,
  publishAnywayBody,
  publishAnywayResponse,
  reviewBody,
  reviewParams,
  startCrisisBody,
  startCrisisResponse,
  workspaceParams,
} from './schema.ts';

const BASE = '/api/workspaces/:workspaceId/crisis';
const tags = ['crisis'];

export const crisisRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      BASE,
      {
        schema: {
          tags,
          summary: 'Whether the workspace is in crisis mode, why, since when and how much it holds',
          params: workspaceParams,
          response: { 200: crisisStateResponse },
        },
      },
      async (request) => crisisState(as(request), request.params.workspaceId),
    );

    app.post(
      `${BASE}/start`,
      {
        schema: {
          tags,
          summary: 'Start crisis mode: pause every scheduled post (owner, admin)',
          params: workspaceParams,
          body: startCrisisBody,
          response: { 201: startCrisisResponse },
        },
      },
      async (request, reply) => {
        const started = await startCrisis(as(request), request.params.workspaceId, request.body);
        return reply.status(201).send(started);
      },
    );

    app.post(
      `${BASE}/end`,
      {
        schema: {
          tags,
          summary: 'End crisis mode: posts due later resume, passed ones wait for a decision (owner, admin)',
          params: workspaceParams,
          body: emptyBody,
          response: { 200: endCrisisResponse },
        },
      },
      async (request) => endCrisis(as(request), request.params.workspaceId),
    );

    app.get(
      `${BASE}/review`,
      {
        schema: {
          tags,
          summary: 'The posts crisis mode holds: all of them during it, those awaiting a decision after it',
          params: workspaceParams,
          response: { 200: z.object({ posts: z.array(heldPostResponse) }) },
        },
      },
      async (request) => ({ posts: await listHeldPosts(as(request), request.params.workspaceId) }),
    );

    app.post(
      `${BASE}/review/:postId`,
      {
        schema: {
          tags,
          summary: 'Decide on a post whose time passed during crisis mode (owner, admin)',
          params: reviewParams,
          body: reviewBody,
          response: { 200: decisionResponse },
        },
      },
      async (request) => {
        const { workspaceId, postId } = request.params;
        return decideHeldPost(as(request), workspaceId, postId, request.body);
      },
    );

    app.get(
      `${BASE}/history`,
      {
        schema: {
          tags,
          summary: 'Every crisis period of the workspace, newest first',
          params: workspaceParams,
          response: { 200: z.object({ periods: z.array(crisisPeriodResponse) }) },
        },
      },
      async (request) => ({ periods: await crisisHistory(as(request), request.params.workspaceId) }),
    );

    app.post(
      '/api/posts/:postId/publish-anyway',
      {
        schema: {
          tags,
          summary: 'Publish a post paused by crisis mode anyway, after a second confirmation (owner, admin)',
          params: postParams,
          body: publishAnywayBody,
          response: { 200: publishAnywayResponse },
        },
      },
      async (request) => publishAnyway(as(request), request.params.postId, request.body),
    );
  };

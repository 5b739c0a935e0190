// Demo requests: the public form and the admins' list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DemoRequestLimitError,
  listDemoRequests,
  submitDemoRequest,
} from '../../../commands/academy/demo/demoRequests.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import { demoRequestBody, demoRequestListResponse, demoRequestsQuery } from './schema.ts';

const tags = ['academy'];

export const demoRequestRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/demo-requests',
      {
        schema: {
          tags,
          summary:
            'Ask for a demo (public; at most 5 requests an hour from one address, then 429 with Retry-After)',
          security: [],
          body: demoRequestBody,
          response: { 202: z.object({ received: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        try {
          await submitDemoRequest(deps.ctx, request.body, request.ip);
        } catch (error) {
          if (error instanceof DemoRequestLimitError)
            reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        }
        return reply.status(202).send({ received: true });
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/demo-requests',
      {
        schema: {
          tags,
          summary:
            'Demo requests, newest first, 50 at a time (owner, admin; only the first workspace receives them)',
          params: workspaceParams,
          querystring: demoRequestsQuery,
          response: { 200: demoRequestListResponse },
        },
      },
      async (request) =>
        listDemoRequests(actorContext(deps.ctx, request), request.params.workspaceId, request.query),
    );
  };

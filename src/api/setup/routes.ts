// First-start setup: is it needed, and create the owner and first workspace.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeMe } from '../../commands/describeMe.ts';
import { isSetupNeeded, setupInstance } from '../../commands/setupInstance.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { meResponse } from '../commonSchemas.ts';
import { setSessionCookie } from '../session.ts';
import { setupBody } from './schema.ts';

export const setupRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'Whether first-start setup is still needed',
          response: { 200: z.object({ needed: z.boolean() }) },
        },
      },
      async () => ({ needed: await isSetupNeeded(deps.ctx) }),
    );

    app.post(
      '/api/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'Create the owner and the first workspace',
          body: setupBody,
          response: { 201: meResponse },
        },
      },
      async (request, reply) => {
        const result = await setupInstance(deps.ctx, request.body);
        setSessionCookie(reply, result.session, deps.cookieSecure);
        return reply.status(201).send(await describeMe({ ...deps.ctx, actorId: result.userId }));
      },
    );
  };

// The signed-in person: who they are, their workspaces, their language and current workspace.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeMe } from '../../commands/describeMe.ts';
import { updateProfile } from '../../commands/updateProfile.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { meResponse } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { updateMeBody } from './schema.ts';

export const meRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/me',
      { schema: { tags: ['me'], summary: 'The signed-in person', response: { 200: meResponse } } },
      async (request) => describeMe(actorContext(deps.ctx, request)),
    );

    app.patch(
      '/api/me',
      {
        schema: {
          tags: ['me'],
          summary: 'Change name, language or current workspace',
          body: updateMeBody,
          response: { 200: meResponse },
        },
      },
      async (request) => {
        const ctx = actorContext(deps.ctx, request);
        await updateProfile(ctx, request.body);
        return describeMe(ctx);
      },
    );
  };

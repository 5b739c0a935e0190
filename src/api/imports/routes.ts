// Bulk import of posts from a CSV file: a dry run that lists every row with its problems, and the
// import itself, which schedules every row in one transaction or nothing at all.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planImport } from '../../commands/imports/planImport.ts';
import { runImport } from '../../commands/imports/runImport.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { importBody, importPlanResponse, importResultResponse } from './schema.ts';

export const importRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/workspaces/:workspaceId/imports/dry-run',
      {
        schema: {
          tags: ['posts'],
          summary:
            'Check a CSV of posts without writing anything: every row with its time, text, accounts and problems (owner, admin, editor, contributor)',
          params: workspaceParams,
          body: importBody,
          response: { 200: importPlanResponse },
        },
      },
      async (request) =>
        planImport(actorContext(deps.ctx, request), request.params.workspaceId, request.body),
    );

    app.post(
      '/api/workspaces/:workspaceId/imports',
      {
        schema: {
          tags: ['posts'],
          summary:
            'Schedule every row of a CSV of posts, all or nothing; 422 with the problems by row when any row has one (owner, admin, editor, contributor)',
          params: workspaceParams,
          body: importBody,
          response: { 201: importResultResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await runImport(actorContext(deps.ctx, request), request.params.workspaceId, request.body)),
    );
  };

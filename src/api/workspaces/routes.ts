// Workspaces: list mine, create one, read one, rename it or change its settings.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWorkspace,
  getWorkspace,
  listMyWorkspaces,
  updateWorkspace,
} from '../../commands/workspaces.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { workspaceBody, workspaceChangesBody, workspaceResponse } from './schema.ts';

export const workspaceRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Workspaces I belong to',
          response: { 200: z.object({ workspaces: z.array(workspaceResponse) }) },
        },
      },
      async (request) => ({ workspaces: await listMyWorkspaces(as(request)) }),
    );

    app.post(
      '/api/workspaces',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Create a workspace (you become its owner)',
          body: workspaceBody,
          response: { 201: workspaceResponse },
        },
      },
      async (request, reply) => reply.status(201).send(await createWorkspace(as(request), request.body)),
    );

    app.get(
      '/api/workspaces/:workspaceId',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'One workspace',
          params: workspaceParams,
          response: { 200: workspaceResponse },
        },
      },
      async (request) => getWorkspace(as(request), request.params.workspaceId),
    );

    app.patch(
      '/api/workspaces/:workspaceId',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Rename a workspace or change its settings (owner, admin)',
          params: workspaceParams,
          body: workspaceChangesBody,
          response: { 200: workspaceResponse },
        },
      },
      async (request) => updateWorkspace(as(request), request.params.workspaceId, request.body),
    );
  };

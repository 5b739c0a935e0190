// Workspaces: list mine, create one, read and rename one.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWorkspace,
  getWorkspace,
  listMyWorkspaces,
  renameWorkspace,
} from '../../commands/workspaces.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { workspaceBody, workspaceResponse } from './schema.ts';

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
          summary: 'Rename a workspace (owner, admin)',
          params: workspaceParams,
          body: workspaceBody,
          response: { 200: workspaceResponse },
        },
      },
      async (request) => renameWorkspace(as(request), request.params.workspaceId, request.body),
    );
  };

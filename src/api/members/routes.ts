// Members of a workspace: list, change role, remove (or leave).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeMemberRole, listMembers, removeMember } from '../../commands/members.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { roleSchema, workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { changeRoleBody, memberParams, memberResponse } from './schema.ts';

export const memberRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/members',
      {
        schema: {
          tags: ['members'],
          summary: 'Members and their roles',
          params: workspaceParams,
          response: { 200: z.object({ members: z.array(memberResponse) }) },
        },
      },
      async (request) => ({ members: await listMembers(as(request), request.params.workspaceId) }),
    );

    app.patch(
      '/api/workspaces/:workspaceId/members/:userId',
      {
        schema: {
          tags: ['members'],
          summary: "Change a member's role (owner, admin)",
          params: memberParams,
          body: changeRoleBody,
          response: { 200: z.object({ userId: z.string(), role: roleSchema }) },
        },
      },
      async (request) =>
        changeMemberRole(as(request), request.params.workspaceId, request.params.userId, request.body),
    );

    app.delete(
      '/api/workspaces/:workspaceId/members/:userId',
      {
        schema: {
          tags: ['members'],
          summary: 'Remove a member, or leave (your own id)',
          params: memberParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await removeMember(as(request), request.params.workspaceId, request.params.userId);
        return reply.status(204).send();
      },
    );
  };

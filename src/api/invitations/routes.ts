// Invitations: admins create, list and revoke them; anyone with the link can view and accept.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeMe } from '../../commands/describeMe.ts';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  revokeInvitation,
  viewInvitation,
} from '../../commands/invitations.ts';
import { badRequest } from '../../core/appError.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { meResponse, workspaceParams } from '../commonSchemas.ts';
import { actorContext, setSessionCookie } from '../session.ts';
import {
  acceptBody,
  createdInvitationResponse,
  createInvitationBody,
  invitationParams,
  invitationResponse,
  invitationViewResponse,
  tokenParams,
} from './schema.ts';

export const invitationRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/invitations',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Pending invitations (owner, admin)',
          params: workspaceParams,
          response: { 200: z.object({ invitations: z.array(invitationResponse) }) },
        },
      },
      async (request) => ({ invitations: await listInvitations(as(request), request.params.workspaceId) }),
    );

    app.post(
      '/api/workspaces/:workspaceId/invitations',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Invite someone by link, or by email when an address is given (owner, admin)',
          params: workspaceParams,
          body: createInvitationBody,
          response: { 201: createdInvitationResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createInvitation(as(request), request.params.workspaceId, request.body)),
    );

    app.delete(
      '/api/workspaces/:workspaceId/invitations/:invitationId',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Revoke an invitation (owner, admin)',
          params: invitationParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await revokeInvitation(as(request), request.params.workspaceId, request.params.invitationId);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/invitations/:token',
      {
        schema: {
          tags: ['invitations'],
          summary: 'What an invitation link offers',
          params: tokenParams,
          response: { 200: invitationViewResponse },
        },
      },
      async (request) => viewInvitation(deps.ctx, request.params.token),
    );

    app.post(
      '/api/invitations/:token/accept',
      {
        schema: {
          tags: ['invitations'],
          summary:
            'Accept: signed in, with an empty body; otherwise with name, email and password for a new account',
          params: tokenParams,
          body: acceptBody,
          response: { 200: meResponse },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        let result: Awaited<ReturnType<typeof acceptInvitation>>;
        if (body.name !== undefined && body.email !== undefined && body.password !== undefined) {
          const newAccount = {
            name: body.name,
            email: body.email,
            password: body.password,
            locale: body.locale,
          };
          result = await acceptInvitation(deps.ctx, request.params.token, { newAccount });
        } else if (request.user) {
          result = await acceptInvitation(deps.ctx, request.params.token, { userId: request.user.id });
        } else {
          throw badRequest('Sign in first, or give a name, email and password to create an account.', {
            name: 'Required to create an account.',
            email: 'Required to create an account.',
            password: 'Required to create an account.',
          });
        }
        if (result.session) setSessionCookie(reply, result.session, deps.cookieSecure);
        return describeMe({ ...deps.ctx, actorId: result.userId });
      },
    );
  };

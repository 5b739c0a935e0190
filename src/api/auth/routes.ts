// Sign in, sign out and password reset.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeMe } from '../../commands/describeMe.ts';
import { requestPasswordReset } from '../../commands/requestPasswordReset.ts';
import { resetPassword } from '../../commands/resetPassword.ts';
import { endSession } from '../../commands/sessions.ts';
import { signIn } from '../../commands/signIn.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { meResponse } from '../commonSchemas.ts';
import { clearSessionCookie, setSessionCookie } from '../session.ts';
import { emptyBody, resetConfirmBody, resetRequestBody, signInBody } from './schema.ts';

export const authRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password',
          body: signInBody,
          response: { 200: meResponse },
        },
      },
      async (request, reply) => {
        const result = await signIn(deps.ctx, { ...request.body, ip: request.ip });
        setSessionCookie(reply, result.session, deps.cookieSecure);
        return describeMe({ ...deps.ctx, actorId: result.userId });
      },
    );

    app.post(
      '/api/auth/sign-out',
      { schema: { tags: ['auth'], summary: 'Sign out of this browser', body: emptyBody } },
      async (request, reply) => {
        if (request.sessionToken) await endSession(deps.ctx.database.db, request.sessionToken);
        clearSessionCookie(reply, deps.cookieSecure);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/auth/password-reset',
      {
        schema: {
          tags: ['auth'],
          summary: 'Email a password reset link',
          body: resetRequestBody,
          response: { 202: z.object({ message: z.string() }) },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(deps.ctx, request.body);
        return reply.status(202).send({
          message: 'If an account uses that email, a reset link is on its way. It is valid for one hour.',
        });
      },
    );

    app.post(
      '/api/auth/password-reset/confirm',
      {
        schema: {
          tags: ['auth'],
          summary: 'Choose a new password with a reset link',
          body: resetConfirmBody,
          response: { 200: meResponse },
        },
      },
      async (request, reply) => {
        const result = await resetPassword(deps.ctx, request.body);
        setSessionCookie(reply, result.session, deps.cookieSecure);
        return describeMe({ ...deps.ctx, actorId: result.userId });
      },
    );
  };

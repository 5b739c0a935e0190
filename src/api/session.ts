// Reads the session cookie into request.user and writes or clears it. Cookies are httpOnly and SameSite=Lax.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActorContext, CommandContext } from '../commands/context.ts';
import { sessionUser } from '../commands/sessions.ts';
import { unauthorized } from '../core/appError.ts';
import type { Db } from '../db/database.ts';

export const SESSION_COOKIE = 'kolorob_session';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof sessionUser>>>;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | undefined;
    sessionToken: string | undefined;
  }
}

export function installSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('preHandler', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const user = await sessionUser(db, token);
    if (user) {
      request.user = user;
      request.sessionToken = token;
    }
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The command context acting as the signed-in person, or 401 when nobody is signed in. */
export function actorContext(ctx: CommandContext, request: FastifyRequest): ActorContext {
  return { ...ctx, actorId: requireUser(request).id };
}

export function setSessionCookie(
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
  secure: boolean,
) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

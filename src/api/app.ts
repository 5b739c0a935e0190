// Builds the HTTP server: JSON API under /api with OpenAPI at /api/docs, and the web app everywhere else.
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { certificationRoutes } from './academy/certification/routes.ts';
import { coachingRoutes } from './academy/coaching/routes.ts';
import { courseRoutes } from './academy/courses/routes.ts';
import { demoRequestRoutes } from './academy/demo/routes.ts';
import { courseQaRoutes } from './academy/qa/routes.ts';
import { resumeRoutes } from './academy/resume/routes.ts';
import { skillsRoutes } from './academy/skills/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import type { ApiDeps } from './apiDeps.ts';
import { approvalRoutes } from './approvals/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { commentRoutes } from './comments/routes.ts';
import { crisisRoutes } from './crisis/routes.ts';
import { installErrorHandler } from './errorHandler.ts';
import { healthRoutes } from './health/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { inboxRoutes } from './inbox/routes.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { listeningRoutes } from './listening/routes.ts';
import { meRoutes } from './me/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { playbookRoutes } from './playbooks/routes.ts';
import { postRoutes } from './posts/routes.ts';
import { installSessions } from './session.ts';
import { setupRoutes } from './setup/routes.ts';
import { streamRoutes } from './streams/boards/routes.ts';
import { listRoutes } from './streams/lists/routes.ts';
import { listTemplateRoutes } from './streams/listTemplates/routes.ts';
import { installWebApp } from './webApp.ts';
import { workspaceRoutes } from './workspaces/routes.ts';

export const BODY_LIMIT_BYTES = 256 * 1024;

export interface ApiOptions extends ApiDeps {
  logger?: boolean | object;
  webRoot?: string;
  trustProxy?: boolean;
}

export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    // Invitation and reset tokens travel in the path.
    routerOptions: { maxParamLength: 300 },
    // Errors raised by the router before any route runs (a broken %-escape in the address) get the same shape as the rest.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      reply
        .code(400)
        .send({ error: 'invalid_request', message: `The address is not valid: ${error.message}` });
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Only JSON bodies are accepted; Fastify's text/plain parser would let a string through to validation.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Kolorob API',
        version: '0.1.0',
        description:
          'Errors are JSON: { "error": code, "message": a sentence to show, "fields": { field: problem } }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kolorob_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  installSessions(app, options.ctx.database.db);
  const deps: ApiDeps = { ctx: options.ctx, cookieSecure: options.cookieSecure };
  await app.register(healthRoutes);
  await app.register(setupRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(meRoutes(deps));
  await app.register(workspaceRoutes(deps));
  await app.register(memberRoutes(deps));
  await app.register(invitationRoutes(deps));
  await app.register(accountRoutes(deps));
  await app.register(postRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(courseRoutes(deps));
  await app.register(certificationRoutes(deps));
  await app.register(skillsRoutes(deps));
  await app.register(courseQaRoutes(deps));
  await app.register(coachingRoutes(deps));
  await app.register(resumeRoutes(deps));
  await app.register(demoRequestRoutes(deps));
  await app.register(streamRoutes(deps));
  await app.register(listRoutes(deps));
  await app.register(listTemplateRoutes(deps));
  await app.register(listeningRoutes(deps));
  await app.register(approvalRoutes(deps));
  await app.register(commentRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(crisisRoutes(deps));
  await app.register(playbookRoutes(deps));
  await app.register(inboxRoutes(deps));
  await installWebApp(app, options.webRoot);
  return app;
}

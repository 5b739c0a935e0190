// Crisis mode: pause, resume, the review of posts whose time passed, publish anyway.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../apiDeps.ts';

export const crisisRoutes =
  (_deps: ApiDeps): FastifyPluginAsyncZod =>
  async (_app) => {};

// The workspace's audit log, filtered and exported as CSV.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../apiDeps.ts';

export const auditRoutes =
  (_deps: ApiDeps): FastifyPluginAsyncZod =>
  async (_app) => {};

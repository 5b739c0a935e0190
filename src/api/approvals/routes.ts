// Approval chains, the approvers' queue and decisions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../apiDeps.ts';

export const approvalRoutes =
  (_deps: ApiDeps): FastifyPluginAsyncZod =>
  async (_app) => {};

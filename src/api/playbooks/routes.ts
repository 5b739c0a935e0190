// The crisis playbook: holding statements and stakeholder contacts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../apiDeps.ts';

export const playbookRoutes =
  (_deps: ApiDeps): FastifyPluginAsyncZod =>
  async (_app) => {};

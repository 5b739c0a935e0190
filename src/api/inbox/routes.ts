// The unified inbox: items, assignment, tags, resolution, replies and saved replies.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../apiDeps.ts';

export const inboxRoutes =
  (_deps: ApiDeps): FastifyPluginAsyncZod =>
  async (_app) => {};

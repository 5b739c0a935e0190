// List templates ("people to learn from"): everyone in the workspace sees them (the starter template is
// added the first time anyone asks), owners and admins write them, and applying one makes a real list
// on a connected account, optionally shown as a column on the person's board.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyListTemplate,
  createListTemplate,
  deleteListTemplate,
  listListTemplates,
  updateListTemplate,
} from '../../../commands/streams/listTemplates.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  appliedTemplateResponse,
  applyTemplateBody,
  listTemplateBody,
  listTemplateResponse,
  templateParams,
} from './schema.ts';

const BASE = '/api/workspaces/:workspaceId/list-templates';
const tags = ['lists'];

export const listTemplateRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      BASE,
      {
        schema: {
          tags,
          summary: 'The workspace’s list templates (adds the starter template the first time)',
          params: workspaceParams,
          response: { 200: z.object({ templates: z.array(listTemplateResponse) }) },
        },
      },
      async (request) => ({ templates: await listListTemplates(as(request), request.params.workspaceId) }),
    );

    app.post(
      BASE,
      {
        schema: {
          tags,
          summary: 'Add a list template (owner, admin)',
          params: workspaceParams,
          body: listTemplateBody,
          response: { 201: listTemplateResponse },
        },
      },
      async (request, reply) => {
        const template = await createListTemplate(as(request), request.params.workspaceId, request.body);
        return reply.status(201).send(template);
      },
    );

    app.patch(
      `${BASE}/:templateId`,
      {
        schema: {
          tags,
          summary: 'Change a list template (owner, admin)',
          params: templateParams,
          body: listTemplateBody,
          response: { 200: listTemplateResponse },
        },
      },
      async (request) => {
        const { workspaceId, templateId } = request.params;
        return updateListTemplate(as(request), workspaceId, templateId, request.body);
      },
    );

    app.delete(
      `${BASE}/:templateId`,
      {
        schema: {
          tags,
          summary: 'Delete a list template (owner, admin)',
          params: templateParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        const { workspaceId, templateId } = request.params;
        await deleteListTemplate(as(request), workspaceId, templateId);
        return reply.status(204).send();
      },
    );

    app.post(
      `${BASE}/:templateId/apply`,
      {
        schema: {
          tags,
          summary:
            'Make a list on a connected account from the template, optionally as a column on a board (owner, admin, editor, or whoever connected the account)',
          params: templateParams,
          body: applyTemplateBody,
          response: { 201: appliedTemplateResponse },
        },
      },
      async (request, reply) => {
        const { workspaceId, templateId } = request.params;
        const applied = await applyListTemplate(as(request), workspaceId, templateId, request.body);
        return reply.status(201).send(applied);
      },
    );
  };

// The crisis playbook: holding statements and stakeholder contacts. Everyone in the workspace reads
// them; owners and admins write them.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createHoldingStatement,
  createStakeholderContact,
  deleteHoldingStatement,
  deleteStakeholderContact,
  listHoldingStatements,
  listStakeholderContacts,
  updateHoldingStatement,
  updateStakeholderContact,
} from '../../commands/playbooks/playbooks.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { actorContext } from '../session.ts';
import {
  holdingStatementBody,
  holdingStatementParams,
  holdingStatementPatch,
  holdingStatementResponse,
  stakeholderContactBody,
  stakeholderContactParams,
  stakeholderContactPatch,
  stakeholderContactResponse,
  workspaceParams,
} from './schema.ts';

const tags = ['playbooks'];
const BASE = '/api/workspaces/:workspaceId';

export const playbookRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      `${BASE}/holding-statements`,
      {
        schema: {
          tags,
          summary: 'The workspace’s holding statements',
          params: workspaceParams,
          response: { 200: z.object({ statements: z.array(holdingStatementResponse) }) },
        },
      },
      async (request) => ({
        statements: await listHoldingStatements(as(request), request.params.workspaceId),
      }),
    );

    app.post(
      `${BASE}/holding-statements`,
      {
        schema: {
          tags,
          summary: 'Add a holding statement (owner, admin)',
          params: workspaceParams,
          body: holdingStatementBody,
          response: { 201: holdingStatementResponse },
        },
      },
      async (request, reply) => {
        const created = await createHoldingStatement(as(request), request.params.workspaceId, request.body);
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/api/holding-statements/:id',
      {
        schema: {
          tags,
          summary: 'Change a holding statement (owner, admin)',
          params: holdingStatementParams,
          body: holdingStatementPatch,
          response: { 200: holdingStatementResponse },
        },
      },
      async (request) => updateHoldingStatement(as(request), request.params.id, request.body),
    );

    app.delete(
      '/api/holding-statements/:id',
      {
        schema: {
          tags,
          summary: 'Delete a holding statement (owner, admin)',
          params: holdingStatementParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await deleteHoldingStatement(as(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      `${BASE}/stakeholder-contacts`,
      {
        schema: {
          tags,
          summary: 'The people to tell in a crisis',
          params: workspaceParams,
          response: { 200: z.object({ contacts: z.array(stakeholderContactResponse) }) },
        },
      },
      async (request) => ({
        contacts: await listStakeholderContacts(as(request), request.params.workspaceId),
      }),
    );

    app.post(
      `${BASE}/stakeholder-contacts`,
      {
        schema: {
          tags,
          summary: 'Add a stakeholder contact (owner, admin)',
          params: workspaceParams,
          body: stakeholderContactBody,
          response: { 201: stakeholderContactResponse },
        },
      },
      async (request, reply) => {
        const created = await createStakeholderContact(as(request), request.params.workspaceId, request.body);
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/api/stakeholder-contacts/:id',
      {
        schema: {
          tags,
          summary: 'Change a stakeholder contact (owner, admin)',
          params: stakeholderContactParams,
          body: stakeholderContactPatch,
          response: { 200: stakeholderContactResponse },
        },
      },
      async (request) => updateStakeholderContact(as(request), request.params.id, request.body),
    );

    app.delete(
      '/api/stakeholder-contacts/:id',
      {
        schema: {
          tags,
          summary: 'Delete a stakeholder contact (owner, admin)',
          params: stakeholderContactParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await deleteStakeholderContact(as(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };

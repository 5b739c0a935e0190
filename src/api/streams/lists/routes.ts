// Lists on the networks, per connected account: read them and their members (everyone in the
// workspace), create, rename, delete and change members (owners, admins, editors), and search the
// account's network for people to add. List ids are at:// URIs on Bluesky, so they travel URL-encoded.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addNetworkListMember,
  createNetworkList,
  deleteNetworkList,
  listNetworkListMembers,
  listNetworkLists,
  removeNetworkListMember,
  searchNetworkActors,
  updateNetworkList,
} from '../../../commands/streams/networkLists.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { actorContext } from '../../session.ts';
import {
  accountListsParams,
  actorQuery,
  listBody,
  listParams,
  memberBody,
  memberParams,
  networkActorResponse,
  networkListResponse,
} from './schema.ts';

const BASE = '/api/workspaces/:workspaceId/accounts/:accountId';
const tags = ['lists'];

export const listRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      `${BASE}/lists`,
      {
        schema: {
          tags,
          summary: 'The lists the account owns on its network',
          params: accountListsParams,
          response: { 200: z.object({ lists: z.array(networkListResponse) }) },
        },
      },
      async (request) => {
        const { workspaceId, accountId } = request.params;
        return { lists: await listNetworkLists(as(request), workspaceId, accountId) };
      },
    );

    app.post(
      `${BASE}/lists`,
      {
        schema: {
          tags,
          summary: 'Create a list on the account’s network (owner, admin, editor)',
          params: accountListsParams,
          body: listBody,
          response: { 201: networkListResponse },
        },
      },
      async (request, reply) => {
        const { workspaceId, accountId } = request.params;
        const list = await createNetworkList(as(request), workspaceId, accountId, request.body);
        return reply.status(201).send(list);
      },
    );

    app.patch(
      `${BASE}/lists/:listId`,
      {
        schema: {
          tags,
          summary: 'Rename a list or change its description (owner, admin, editor)',
          params: listParams,
          body: listBody,
          response: { 200: networkListResponse },
        },
      },
      async (request) => {
        const { workspaceId, accountId, listId } = request.params;
        return updateNetworkList(as(request), workspaceId, accountId, listId, request.body);
      },
    );

    app.delete(
      `${BASE}/lists/:listId`,
      {
        schema: {
          tags,
          summary: 'Delete a list from the network (owner, admin, editor)',
          params: listParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        const { workspaceId, accountId, listId } = request.params;
        await deleteNetworkList(as(request), workspaceId, accountId, listId);
        return reply.status(204).send();
      },
    );

    app.get(
      `${BASE}/lists/:listId/members`,
      {
        schema: {
          tags,
          summary: 'The people in a list',
          params: listParams,
          response: { 200: z.object({ members: z.array(networkActorResponse) }) },
        },
      },
      async (request) => {
        const { workspaceId, accountId, listId } = request.params;
        return { members: await listNetworkListMembers(as(request), workspaceId, accountId, listId) };
      },
    );

    app.post(
      `${BASE}/lists/:listId/members`,
      {
        schema: {
          tags,
          summary:
            'Add a person to a list; adding someone already there changes nothing (owner, admin, editor)',
          params: listParams,
          body: memberBody,
        },
      },
      async (request, reply) => {
        const { workspaceId, accountId, listId } = request.params;
        await addNetworkListMember(as(request), workspaceId, accountId, listId, request.body.actorId);
        return reply.status(204).send();
      },
    );

    app.delete(
      `${BASE}/lists/:listId/members/:actorId`,
      {
        schema: {
          tags,
          summary: 'Remove a person from a list (owner, admin, editor)',
          params: memberParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        const { workspaceId, accountId, listId, actorId } = request.params;
        await removeNetworkListMember(as(request), workspaceId, accountId, listId, actorId);
        return reply.status(204).send();
      },
    );

    app.get(
      `${BASE}/actors`,
      {
        schema: {
          tags,
          summary: 'People on the account’s network whose handle or name matches q',
          params: accountListsParams,
          querystring: actorQuery,
          response: { 200: z.object({ actors: z.array(networkActorResponse) }) },
        },
      },
      async (request) => {
        const { workspaceId, accountId } = request.params;
        return { actors: await searchNetworkActors(as(request), workspaceId, accountId, request.query.q) };
      },
    );
  };

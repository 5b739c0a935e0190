// The unified inbox: items, assignment, tags, resolution, replies in place, counts per member, live
// events, and saved replies.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignInboxItem,
  replyToInboxItem,
  setInboxItemState,
  tagInboxItem,
} from '../../commands/inbox/inboxActions.ts';
import { inboxHubFor } from '../../commands/inbox/inboxHub.ts';
import {
  getInboxItem,
  inboxCounts,
  inboxSourcesOf,
  listInboxItems,
} from '../../commands/inbox/inboxItems.ts';
import {
  createSavedReply,
  deleteSavedReply,
  listSavedReplies,
  updateSavedReply,
} from '../../commands/inbox/savedReplies.ts';
import { requirePermission } from '../../commands/workspaceAccess.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { eventStreams } from '../serverSentEvents.ts';
import { actorContext } from '../session.ts';
import {
  assignBody,
  countsResponse,
  eventsQuery,
  inboxItemSchema,
  inboxParams,
  itemDetailSchema,
  itemParams,
  itemsQuery,
  itemsResponse,
  replyBody,
  replyResponse,
  savedRepliesResponse,
  savedReplyBody,
  savedReplyParams,
  savedReplyPatchBody,
  savedReplySchema,
  sourcesResponse,
  tagsBody,
} from './schema.ts';

export const inboxRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);
    const openStream = eventStreams(app);
    const base = '/api/workspaces/:workspaceId/inbox';
    const tags = ['inbox'];

    app.get(
      `${base}/items`,
      {
        schema: {
          tags,
          summary:
            'Inbox items, newest first, filtered by account, kind, state, assignee (a member, `me` or `unassigned`), tag and text; `cursor` gives the next page',
          params: inboxParams,
          querystring: itemsQuery,
          response: { 200: itemsResponse },
        },
      },
      async (request) => listInboxItems(as(request), request.params.workspaceId, request.query),
    );

    app.get(
      `${base}/items/:itemId`,
      {
        schema: {
          tags,
          summary: 'One inbox item, with the replies written to it and whether it can be answered in place',
          params: itemParams,
          response: { 200: itemDetailSchema },
        },
      },
      async (request) => getInboxItem(as(request), request.params.workspaceId, request.params.itemId),
    );

    app.put(
      `${base}/items/:itemId/assignee`,
      {
        schema: {
          tags,
          summary: 'Assign the item to a member (contributor or above), who is notified; null unassigns it',
          params: itemParams,
          body: assignBody,
          response: { 200: inboxItemSchema },
        },
      },
      async (request) =>
        assignInboxItem(as(request), request.params.workspaceId, request.params.itemId, request.body),
    );

    app.patch(
      `${base}/items/:itemId/tags`,
      {
        schema: {
          tags,
          summary: 'Add and remove tags (stored in lower case, 20 at most per item)',
          params: itemParams,
          body: tagsBody,
          response: { 200: inboxItemSchema },
        },
      },
      async (request) =>
        tagInboxItem(as(request), request.params.workspaceId, request.params.itemId, request.body),
    );

    app.post(
      `${base}/items/:itemId/resolve`,
      {
        schema: {
          tags,
          summary: 'Mark the item resolved',
          params: itemParams,
          body: emptyBody,
          response: { 200: inboxItemSchema },
        },
      },
      async (request) =>
        setInboxItemState(as(request), request.params.workspaceId, request.params.itemId, 'resolved'),
    );

    app.post(
      `${base}/items/:itemId/reopen`,
      {
        schema: {
          tags,
          summary: 'Open a resolved item again',
          params: itemParams,
          body: emptyBody,
          response: { 200: inboxItemSchema },
        },
      },
      async (request) =>
        setInboxItemState(as(request), request.params.workspaceId, request.params.itemId, 'open'),
    );

    app.post(
      `${base}/items/:itemId/replies`,
      {
        schema: {
          tags,
          summary:
            'Answer the item on its network from its account: a post published now, or sent for approval when the author’s posts need it; `resolve` also resolves the item',
          params: itemParams,
          body: replyBody,
          response: { 201: replyResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await replyToInboxItem(
              as(request),
              request.params.workspaceId,
              request.params.itemId,
              request.body,
            ),
          ),
    );

    app.get(
      `${base}/counts`,
      {
        schema: {
          tags,
          summary: 'Open items assigned to each member, and those assigned to nobody',
          params: inboxParams,
          response: { 200: countsResponse },
        },
      },
      async (request) => inboxCounts(as(request), request.params.workspaceId),
    );

    app.get(
      `${base}/sources`,
      {
        schema: {
          tags,
          summary:
            'Each account’s inbox: when it was last read, its last failure, and what its network does not offer (such as direct messages)',
          params: inboxParams,
          response: { 200: sourcesResponse },
        },
      },
      async (request) => ({ sources: await inboxSourcesOf(as(request), request.params.workspaceId) }),
    );

    app.get(
      `${base}/events`,
      {
        schema: {
          tags,
          summary:
            'Server-Sent Events while the inbox is open: `new` {items} for items that arrive, `changed` {items} for items assigned, tagged, resolved or reopened. The server ends the stream after `timeout` seconds; browsers reconnect by themselves.',
          params: inboxParams,
          querystring: eventsQuery,
        },
      },
      async (request, reply) => {
        const ctx = as(request);
        const { workspaceId } = request.params;
        await requirePermission(ctx.database.db, workspaceId, ctx.actorId, 'workspace.read');
        const stream = openStream(reply, request.query.timeout);
        const unwatch = inboxHubFor(deps.ctx).watch(workspaceId, (event) => stream.send(event.type, event));
        stream.onClose(unwatch);
      },
    );

    const savedBase = '/api/workspaces/:workspaceId/saved-replies';

    app.get(
      savedBase,
      {
        schema: {
          tags,
          summary: 'The workspace’s saved replies, by title',
          params: inboxParams,
          response: { 200: savedRepliesResponse },
        },
      },
      async (request) => ({ savedReplies: await listSavedReplies(as(request), request.params.workspaceId) }),
    );

    app.post(
      savedBase,
      {
        schema: {
          tags,
          summary: 'Save a reply for the team (editors and above)',
          params: inboxParams,
          body: savedReplyBody,
          response: { 201: savedReplySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createSavedReply(as(request), request.params.workspaceId, request.body)),
    );

    app.patch(
      `${savedBase}/:replyId`,
      {
        schema: {
          tags,
          summary: 'Change a saved reply’s title or text (editors and above)',
          params: savedReplyParams,
          body: savedReplyPatchBody,
          response: { 200: savedReplySchema },
        },
      },
      async (request) =>
        updateSavedReply(as(request), request.params.workspaceId, request.params.replyId, request.body),
    );

    app.delete(
      `${savedBase}/:replyId`,
      {
        schema: {
          tags,
          summary: 'Delete a saved reply (editors and above)',
          params: savedReplyParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await deleteSavedReply(as(request), request.params.workspaceId, request.params.replyId);
        return reply.status(204).send();
      },
    );
  };

// Comments and internal notes on posts and inbox items, with @mentions of teammates.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addComment, deleteComment, editComment, listComments } from '../../commands/comments/comments.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import {
  commentParams,
  commentResponse,
  commentsQuery,
  commentsResponse,
  createCommentBody,
  editCommentBody,
} from './schema.ts';

export const commentRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/comments',
      {
        schema: {
          tags: ['comments'],
          summary: 'The comments on a post or an inbox item, oldest first (any member)',
          params: workspaceParams,
          querystring: commentsQuery,
          response: { 200: commentsResponse },
        },
      },
      async (request) => {
        const { subjectType, subjectId, after, limit } = request.query;
        return listComments(
          as(request),
          request.params.workspaceId,
          { subjectType, subjectId },
          { after, limit },
        );
      },
    );

    app.post(
      '/api/workspaces/:workspaceId/comments',
      {
        schema: {
          tags: ['comments'],
          summary:
            'Comment on a post or an inbox item; @mentioned teammates are notified (contributor and up)',
          params: workspaceParams,
          body: createCommentBody,
          response: { 201: commentResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addComment(as(request), request.params.workspaceId, request.body)),
    );

    app.patch(
      '/api/comments/:commentId',
      {
        schema: {
          tags: ['comments'],
          summary: 'Edit your own comment; only newly mentioned teammates are notified',
          params: commentParams,
          body: editCommentBody,
          response: { 200: commentResponse },
        },
      },
      async (request) => editComment(as(request), request.params.commentId, request.body),
    );

    app.delete(
      '/api/comments/:commentId',
      {
        schema: {
          tags: ['comments'],
          summary: 'Delete your own comment (owners and admins may delete any)',
          params: commentParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await deleteComment(as(request), request.params.commentId);
        return reply.status(204).send();
      },
    );
  };

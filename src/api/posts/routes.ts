// Posts: create (draft, now, at a time, or into the queue), list for the planner, move, send a draft
// out, edit or retry one target, delete; images for posts; and the planner's live status stream.
import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, readMedia, uploadMedia } from '../../commands/media/media.ts';
import { createPost } from '../../commands/posts/createPost.ts';
import { deletePost } from '../../commands/posts/deletePost.ts';
import { editTarget } from '../../commands/posts/editTarget.ts';
import { getPost, listPosts } from '../../commands/posts/listPosts.ts';
import { reschedulePost, rescheduleTarget } from '../../commands/posts/reschedulePost.ts';
import { retryTarget } from '../../commands/posts/retryTarget.ts';
import { scheduleDraft } from '../../commands/posts/scheduleDraft.ts';
import { requirePermission } from '../../commands/workspaceAccess.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { PostEvents } from './postEvents.ts';
import {
  createdPostResponse,
  createPostBody,
  editTargetBody,
  listPostsQuery,
  mediaParams,
  plannedPostResponse,
  postChangeResponse,
  postEventsQuery,
  postParams,
  rescheduleBody,
  scheduleDraftBody,
  targetChangeResponse,
  targetParams,
  uploadedMediaResponse,
  uploadMediaQuery,
} from './schema.ts';

const HEARTBEAT_MS = 15_000;

export const postRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);
    const events = new PostEvents(deps.ctx.database);
    const openStreams = new Set<ServerResponse>();
    // Open streams would keep the server from closing.
    app.addHook('preClose', async () => {
      for (const stream of openStreams) stream.end();
      events.close();
    });

    // Images arrive as the raw file, with their type as Content-Type.
    app.addContentTypeParser(
      [...IMAGE_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES * 2 },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/api/workspaces/:workspaceId/posts',
      {
        schema: {
          tags: ['posts'],
          summary: 'Posts planned, published or failed in a time range, for the planner',
          params: workspaceParams,
          querystring: listPostsQuery,
          response: { 200: z.object({ posts: z.array(plannedPostResponse) }) },
        },
      },
      async (request) => {
        const { from, to, status, accountId, tag } = request.query;
        return {
          posts: await listPosts(as(request), request.params.workspaceId, {
            from,
            to,
            status,
            accountIds: accountId,
            tag,
          }),
        };
      },
    );

    app.post(
      '/api/workspaces/:workspaceId/posts',
      {
        schema: {
          tags: ['posts'],
          summary:
            'Create a post on one or more accounts: a draft, now, at a time, or in each account’s next free posting slot (owner, admin, editor, contributor)',
          params: workspaceParams,
          body: createPostBody,
          response: { 201: createdPostResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPost(as(request), request.params.workspaceId, request.body)),
    );

    app.get(
      '/api/posts/:postId',
      {
        schema: {
          tags: ['posts'],
          summary: 'One post as the planner shows it, with every account’s copy (any member)',
          params: postParams,
          response: { 200: plannedPostResponse },
        },
      },
      async (request) => getPost(as(request), request.params.postId),
    );

    app.post(
      '/api/posts/:postId/reschedule',
      {
        schema: {
          tags: ['posts'],
          summary: 'Move every unpublished part of a post to a new time',
          params: postParams,
          body: rescheduleBody,
          response: { 200: postChangeResponse },
        },
      },
      async (request) => reschedulePost(as(request), request.params.postId, request.body),
    );

    app.post(
      '/api/posts/:postId/schedule',
      {
        schema: {
          tags: ['posts'],
          summary: 'Send a draft out: now, at a time, or into the queue',
          params: postParams,
          body: scheduleDraftBody,
          response: { 200: postChangeResponse },
        },
      },
      async (request) => scheduleDraft(as(request), request.params.postId, request.body),
    );

    app.delete(
      '/api/posts/:postId',
      {
        schema: {
          tags: ['posts'],
          summary: 'Delete a post before it goes out (published copies stay on the networks)',
          params: postParams,
          body: emptyBody,
          response: {
            200: z.object({
              id: z.string(),
              cancelled: z.number(),
              kept: z.array(z.object({ id: z.string(), status: z.string() })),
            }),
          },
        },
      },
      async (request) => deletePost(as(request), request.params.postId),
    );

    app.patch(
      '/api/post-targets/:targetId',
      {
        schema: {
          tags: ['posts'],
          summary: 'Edit the text or images of one account’s copy of a post',
          params: targetParams,
          body: editTargetBody,
          response: { 200: targetChangeResponse },
        },
      },
      async (request) => editTarget(as(request), request.params.targetId, request.body),
    );

    app.post(
      '/api/post-targets/:targetId/reschedule',
      {
        schema: {
          tags: ['posts'],
          summary: 'Move one account’s copy of a post to a new time',
          params: targetParams,
          body: rescheduleBody,
          response: { 200: targetChangeResponse },
        },
      },
      async (request) => rescheduleTarget(as(request), request.params.targetId, request.body),
    );

    app.post(
      '/api/post-targets/:targetId/retry',
      {
        schema: {
          tags: ['posts'],
          summary: 'Try a failed post again, now',
          params: targetParams,
          body: emptyBody,
          response: { 200: targetChangeResponse },
        },
      },
      async (request) => retryTarget(as(request), request.params.targetId),
    );

    app.post(
      '/api/workspaces/:workspaceId/media',
      {
        schema: {
          tags: ['posts'],
          summary: 'Upload an image for a post: the file itself as the body, with its type as Content-Type',
          params: workspaceParams,
          querystring: uploadMediaQuery,
          response: { 201: uploadedMediaResponse },
        },
      },
      async (request, reply) => {
        // Anything but an image type never reaches here as a Buffer; the command says so after checking access.
        const data = Buffer.isBuffer(request.body) ? request.body : undefined;
        const declaredType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
        const uploaded = await uploadMedia(as(request), request.params.workspaceId, {
          data,
          declaredType,
          alt: request.query.alt,
        });
        return reply.status(201).send(uploaded);
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/media/:mediaId',
      {
        schema: { tags: ['posts'], summary: 'An uploaded image', params: mediaParams },
      },
      async (request, reply) => {
        const image = await readMedia(as(request), request.params.workspaceId, request.params.mediaId);
        return reply
          .header('content-type', image.mimeType)
          .header('cache-control', 'private, max-age=86400, immutable')
          .send(image.bytes);
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/posts/events',
      {
        schema: {
          tags: ['posts'],
          summary:
            'Server-Sent Events: a `targets` event with the changed post targets whenever a post’s status, time or version changes. The server ends the stream after `timeout` seconds; browsers reconnect by themselves.',
          params: workspaceParams,
          querystring: postEventsQuery,
        },
      },
      async (request, reply) => {
        const ctx = as(request);
        await requirePermission(ctx.database.db, request.params.workspaceId, ctx.actorId, 'workspace.read');
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 3000\n: connected\n\n');
        openStreams.add(raw);
        const unsubscribe = events.subscribe(request.params.workspaceId, (changes) => {
          raw.write(`event: targets\ndata: ${JSON.stringify(changes)}\n\n`);
        });
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        const expiry = setTimeout(() => raw.end(), request.query.timeout * 1000);
        const end = () => {
          openStreams.delete(raw);
          clearTimeout(expiry);
          clearInterval(heartbeat);
          unsubscribe();
        };
        raw.on('close', end);
        raw.on('error', end);
      },
    );
  };

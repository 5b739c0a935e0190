// Streams: each person's boards and columns, the columns' items (stored, older pages, and live over
// Server-Sent Events), and acting on an item (like, repost, reply, quote) as a connected account.
import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addColumn,
  createBoard,
  deleteBoard,
  getBoard,
  listBoards,
  removeColumn,
  renameBoard,
  reorderColumns,
} from '../../../commands/streams/boards.ts';
import { boardItems, olderItems } from '../../../commands/streams/columnItems.ts';
import { followMentions } from '../../../commands/streams/listeningColumns.ts';
import { engage, replyFromStream } from '../../../commands/streams/streamActions.ts';
import { StreamHub, streamPollInterval } from '../../../commands/streams/streamHub.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  addColumnBody,
  boardEventsQuery,
  boardItemsResponse,
  boardNameBody,
  boardParams,
  boardSchema,
  boardsResponse,
  columnOrderBody,
  columnParams,
  columnSchema,
  engageBody,
  olderItemsQuery,
  olderItemsResponse,
  replyBody,
  replyResponse,
} from './schema.ts';

const HEARTBEAT_MS = 20_000;

export const streamRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);
    const hub = new StreamHub(deps.ctx, { intervalMs: streamPollInterval() });
    const openStreams = new Set<ServerResponse>();
    // Open streams would keep the server from closing.
    app.addHook('preClose', async () => {
      for (const stream of openStreams) stream.end();
      hub.close();
    });
    const base = '/api/workspaces/:workspaceId';
    const tags = ['streams'];

    app.get(
      `${base}/boards`,
      {
        schema: {
          tags,
          summary: 'My boards with their columns, in order (a first, empty board is made for a new person)',
          params: workspaceParams,
          response: { 200: boardsResponse },
        },
      },
      async (request) => ({ boards: await listBoards(as(request), request.params.workspaceId) }),
    );

    app.post(
      `${base}/boards`,
      {
        schema: {
          tags,
          summary: 'Make a board (20 at most per person)',
          params: workspaceParams,
          body: boardNameBody,
          response: { 201: boardSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createBoard(as(request), request.params.workspaceId, request.body)),
    );

    app.patch(
      `${base}/boards/:boardId`,
      {
        schema: {
          tags,
          summary: 'Rename a board',
          params: boardParams,
          body: boardNameBody,
          response: { 200: boardSchema },
        },
      },
      async (request) =>
        renameBoard(as(request), request.params.workspaceId, request.params.boardId, request.body),
    );

    app.delete(
      `${base}/boards/:boardId`,
      { schema: { tags, summary: 'Delete a board and its columns', params: boardParams, body: emptyBody } },
      async (request, reply) => {
        await deleteBoard(as(request), request.params.workspaceId, request.params.boardId);
        return reply.status(204).send();
      },
    );

    app.post(
      `${base}/boards/:boardId/columns`,
      {
        schema: {
          tags,
          summary:
            'Add a column (10 at most): home, mentions, my_posts, list and search read an account; rss a feed address; scheduled the planner',
          params: boardParams,
          body: addColumnBody,
          response: { 201: columnSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addColumn(as(request), request.params.workspaceId, request.params.boardId, request.body),
          ),
    );

    app.put(
      `${base}/boards/:boardId/columns/order`,
      {
        schema: {
          tags,
          summary: 'Put the board’s columns in this order (every column once)',
          params: boardParams,
          body: columnOrderBody,
          response: { 200: boardSchema },
        },
      },
      async (request) =>
        reorderColumns(
          as(request),
          request.params.workspaceId,
          request.params.boardId,
          request.body.columnIds,
        ),
    );

    app.delete(
      `${base}/boards/:boardId/columns/:columnId`,
      { schema: { tags, summary: 'Remove a column', params: columnParams, body: emptyBody } },
      async (request, reply) => {
        const { workspaceId, boardId, columnId } = request.params;
        await removeColumn(as(request), workspaceId, boardId, columnId);
        return reply.status(204).send();
      },
    );

    app.get(
      `${base}/boards/:boardId/items`,
      {
        schema: {
          tags,
          summary:
            'The newest stored items of every column; `loading` columns have not been fetched yet and fill in over the events',
          params: boardParams,
          response: { 200: boardItemsResponse },
        },
      },
      async (request) => ({
        columns: await boardItems(as(request), request.params.workspaceId, request.params.boardId),
      }),
    );

    app.get(
      `${base}/boards/:boardId/columns/:columnId/items`,
      {
        schema: {
          tags,
          summary: 'Older items of a column, after the cursor of the page before (null cursor: the end)',
          params: columnParams,
          querystring: olderItemsQuery,
          response: { 200: olderItemsResponse },
        },
      },
      async (request) => {
        const { workspaceId, boardId, columnId } = request.params;
        return olderItems(as(request), hub.fetcher, workspaceId, boardId, columnId, request.query.cursor);
      },
    );

    app.get(
      `${base}/boards/:boardId/events`,
      {
        schema: {
          tags,
          summary:
            'Server-Sent Events while the board is open: `items` {columnId, items} with new items, `column-error` {columnId, message}, `column-ok` {columnId}. The server ends the stream after `timeout` seconds; browsers reconnect by themselves.',
          params: boardParams,
          querystring: boardEventsQuery,
        },
      },
      async (request, reply) => {
        const { workspaceId, boardId } = request.params;
        const board = await getBoard(as(request), workspaceId, boardId);
        const columnsBySource = new Map<string, string[]>();
        for (const column of board.columns) {
          if (column.kind === 'scheduled') continue;
          columnsBySource.set(column.sourceKey, [
            ...(columnsBySource.get(column.sourceKey) ?? []),
            column.id,
          ]);
        }
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
        const send = (event: string, data: unknown) =>
          raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        const unwatch = hub.watch(workspaceId, columnsBySource.keys(), (event) => {
          for (const columnId of columnsBySource.get(event.sourceKey) ?? []) {
            if (event.type === 'items') send('items', { columnId, items: event.items });
            if (event.type === 'source-error') send('column-error', { columnId, message: event.message });
            if (event.type === 'source-ok') send('column-ok', { columnId });
          }
        });
        const listeningColumns = board.columns.filter((c) => c.kind === 'listening' && c.queryId);
        const stopListening =
          listeningColumns.length > 0
            ? await followMentions(deps.ctx.database, workspaceId, listeningColumns, (columnId, items) =>
                send('items', { columnId, items }),
              )
            : () => {};
        const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
        const expiry = setTimeout(() => raw.end(), request.query.timeout * 1000);
        const end = () => {
          openStreams.delete(raw);
          clearTimeout(expiry);
          clearInterval(heartbeat);
          unwatch();
          stopListening();
        };
        raw.on('close', end);
        raw.on('error', end);
      },
    );

    app.post(
      `${base}/streams/actions`,
      {
        schema: {
          tags,
          summary: 'Like, unlike, repost or undo a repost of a post, as one of the workspace’s accounts',
          params: workspaceParams,
          body: engageBody,
        },
      },
      async (request, reply) => {
        await engage(as(request), request.params.workspaceId, request.body);
        return reply.status(204).send();
      },
    );

    app.post(
      `${base}/streams/replies`,
      {
        schema: {
          tags,
          summary:
            'Reply to or quote a post as one of the workspace’s accounts: a post published now through the usual publishing (or sent for approval)',
          params: workspaceParams,
          body: replyBody,
          response: { 201: replyResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await replyFromStream(as(request), request.params.workspaceId, request.body)),
    );
  };

// Listening: each workspace's queries (written by owners, admins and editors), the preview of a query
// being written, its mentions and statistics, spike alerts, and how long mentions are kept (set by
// owners and admins).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAlerts, markAlertRead } from '../../commands/listening/alerts.ts';
import { listMentions, previewQuery } from '../../commands/listening/mentions.ts';
import {
  createListeningQuery,
  deleteListeningQuery,
  getListeningQuery,
  listListeningQueries,
  updateListeningQuery,
} from '../../commands/listening/queries.ts';
import { queryTimeline, queryTop, shareOfVoice } from '../../commands/listening/queryStats.ts';
import { getListeningRetention, setListeningRetention } from '../../commands/listening/retention.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import {
  alertParams,
  alertsQuery,
  alertsResponse,
  createQueryBody,
  mentionsQuery,
  mentionsResponse,
  previewBody,
  previewResponse,
  queriesResponse,
  queryParams,
  querySchema,
  retentionBody,
  retentionResponse,
  shareOfVoiceQuery,
  shareOfVoiceResponse,
  timelineQuery,
  timelineResponse,
  topQuery,
  topResponse,
  updateQueryBody,
} from './schema.ts';

export const listeningRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);
    const base = '/api/workspaces/:workspaceId/listening';
    const tags = ['listening'];

    app.get(
      `${base}/queries`,
      {
        schema: {
          tags,
          summary: 'The workspace’s listening queries',
          params: workspaceParams,
          response: { 200: queriesResponse },
        },
      },
      async (request) => ({ queries: await listListeningQueries(as(request), request.params.workspaceId) }),
    );

    app.post(
      `${base}/queries`,
      {
        schema: {
          tags,
          summary:
            'Make a query (owners, admins and editors; 50 at most). A mistake in the query text is answered 400 with the sentence and column under fields.query. The last 7 days are backfilled in the background from the connected accounts’ search.',
          params: workspaceParams,
          body: createQueryBody,
          response: { 201: querySchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createListeningQuery(as(request), request.params.workspaceId, request.body)),
    );

    app.get(
      `${base}/queries/:queryId`,
      {
        schema: { tags, summary: 'One listening query', params: queryParams, response: { 200: querySchema } },
      },
      async (request) => getListeningQuery(as(request), request.params.workspaceId, request.params.queryId),
    );

    app.patch(
      `${base}/queries/:queryId`,
      {
        schema: {
          tags,
          summary: 'Change a query (owners, admins and editors); fields left out stay as they are',
          params: queryParams,
          body: updateQueryBody,
          response: { 200: querySchema },
        },
      },
      async (request) =>
        updateListeningQuery(as(request), request.params.workspaceId, request.params.queryId, request.body),
    );

    app.delete(
      `${base}/queries/:queryId`,
      {
        schema: {
          tags,
          summary: 'Delete a query with its counts and alerts (owners, admins and editors)',
          params: queryParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await deleteListeningQuery(as(request), request.params.workspaceId, request.params.queryId);
        return reply.status(204).send();
      },
    );

    app.post(
      `${base}/preview`,
      {
        schema: {
          tags,
          summary:
            'What a query would have matched among the workspace’s last 1,000 stored mentions (count, and the first 100)',
          params: workspaceParams,
          body: previewBody,
          response: { 200: previewResponse },
        },
      },
      async (request) => previewQuery(as(request), request.params.workspaceId, request.body.query),
    );

    app.get(
      `${base}/queries/:queryId/mentions`,
      {
        schema: {
          tags,
          summary: 'A query’s mentions, newest first; pass nextCursor as `before` for the next page',
          params: queryParams,
          querystring: mentionsQuery,
          response: { 200: mentionsResponse },
        },
      },
      async (request) =>
        listMentions(as(request), request.params.workspaceId, request.params.queryId, request.query),
    );

    app.get(
      `${base}/queries/:queryId/timeline`,
      {
        schema: {
          tags,
          summary:
            'Mentions and their sentiment per minute, hour or day (in `timeZone`, UTC by default) over the range (default: the last 7 days); empty buckets are left out',
          params: queryParams,
          querystring: timelineQuery,
          response: { 200: timelineResponse },
        },
      },
      async (request) =>
        queryTimeline(as(request), request.params.workspaceId, request.params.queryId, request.query),
    );

    app.get(
      `${base}/queries/:queryId/top`,
      {
        schema: {
          tags,
          summary: 'The most active authors, most used words and hashtags, and languages over the range',
          params: queryParams,
          querystring: topQuery,
          response: { 200: topResponse },
        },
      },
      async (request) =>
        queryTop(as(request), request.params.workspaceId, request.params.queryId, request.query),
    );

    app.get(
      `${base}/share-of-voice`,
      {
        schema: {
          tags,
          summary: 'Mentions of each of the queries (comma-separated ids) over the range, and their shares',
          params: workspaceParams,
          querystring: shareOfVoiceQuery,
          response: { 200: shareOfVoiceResponse },
        },
      },
      async (request) =>
        shareOfVoice(as(request), request.params.workspaceId, request.query.queryIds, request.query),
    );

    app.get(
      `${base}/alerts`,
      {
        schema: {
          tags,
          summary:
            'Spike alerts, newest first; suggestCrisisMode is true for alerts about the workspace’s own brand',
          params: workspaceParams,
          querystring: alertsQuery,
          response: { 200: alertsResponse },
        },
      },
      async (request) => listAlerts(as(request), request.params.workspaceId, request.query),
    );

    app.post(
      `${base}/alerts/:alertId/read`,
      { schema: { tags, summary: 'Mark an alert read', params: alertParams, body: emptyBody } },
      async (request, reply) => {
        await markAlertRead(as(request), request.params.workspaceId, request.params.alertId);
        return reply.status(204).send();
      },
    );

    app.get(
      `${base}/retention`,
      {
        schema: {
          tags,
          summary: 'Days mentions, counts and alerts are kept',
          params: workspaceParams,
          response: { 200: retentionResponse },
        },
      },
      async (request) => getListeningRetention(as(request), request.params.workspaceId),
    );

    app.put(
      `${base}/retention`,
      {
        schema: {
          tags,
          summary: 'Set the days mentions, counts and alerts are kept (owners and admins)',
          params: workspaceParams,
          body: retentionBody,
          response: { 200: retentionResponse },
        },
      },
      async (request) => setListeningRetention(as(request), request.params.workspaceId, request.body.days),
    );
  };

// The workspace's audit trail for owners and admins: filtered pages, and the same filter as a CSV file.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportAuditCsv, listAuditEvents } from '../../commands/audit/auditLog.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import { auditCsvQuery, auditEventsQuery, auditEventsResponse } from './schema.ts';

export const auditRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/audit-events',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit events, newest first, filtered (owner, admin)',
          params: workspaceParams,
          querystring: auditEventsQuery,
          response: { 200: auditEventsResponse },
        },
      },
      async (request) => {
        const { before, limit, ...filter } = request.query;
        return listAuditEvents(as(request), request.params.workspaceId, filter, { before, limit });
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/audit-events.csv',
      {
        schema: {
          tags: ['audit'],
          summary: 'The filtered audit events as a CSV file (owner, admin)',
          params: workspaceParams,
          querystring: auditCsvQuery,
        },
      },
      async (request, reply) => {
        const lines = await exportAuditCsv(as(request), request.params.workspaceId, request.query);
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(lines));
      },
    );
  };

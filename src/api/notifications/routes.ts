// The signed-in person's notifications (the bell): only ever their own.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
} from '../../commands/notifications/notificationInbox.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import {
  markedAllReadResponse,
  markedReadResponse,
  notificationParams,
  notificationsQuery,
  notificationsResponse,
  unreadCountResponse,
} from './schema.ts';

export const notificationRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Your notifications in this workspace, newest first',
          params: workspaceParams,
          querystring: notificationsQuery,
          response: { 200: notificationsResponse },
        },
      },
      async (request) => {
        const { before, limit, unread } = request.query;
        return listNotifications(as(request), request.params.workspaceId, {
          before,
          limit,
          unread: unread === 'true',
        });
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/notifications/unread-count',
      {
        schema: {
          tags: ['notifications'],
          summary: 'How many of your notifications in this workspace are unread',
          params: workspaceParams,
          response: { 200: unreadCountResponse },
        },
      },
      async (request) => ({ unread: await unreadNotificationCount(as(request), request.params.workspaceId) }),
    );

    app.post(
      '/api/notifications/:notificationId/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of your notifications read',
          params: notificationParams,
          body: emptyBody,
          response: { 200: markedReadResponse },
        },
      },
      async (request) => markNotificationRead(as(request), request.params.notificationId),
    );

    app.post(
      '/api/workspaces/:workspaceId/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark all your notifications in this workspace read',
          params: workspaceParams,
          body: emptyBody,
          response: { 200: markedAllReadResponse },
        },
      },
      async (request) => ({
        marked: await markAllNotificationsRead(as(request), request.params.workspaceId),
      }),
    );
  };

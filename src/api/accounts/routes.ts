// Connected social accounts: list, connect Bluesky with an app password, connect Mastodon through its
// OAuth flow (start here, finish at the callback the instance redirects to), set posting slots, disconnect.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { connectBlueskyAccount } from '../../commands/accounts/connectBlueskyAccount.ts';
import { disconnectAccount } from '../../commands/accounts/disconnectAccount.ts';
import { listAccounts } from '../../commands/accounts/listAccounts.ts';
import {
  finishMastodonConnect,
  MASTODON_CALLBACK_PATH,
  MastodonConnectError,
  startMastodonConnect,
} from '../../commands/accounts/mastodonConnect.ts';
import { setAccountSchedule } from '../../commands/accounts/setAccountSchedule.ts';
import { AppError } from '../../core/appError.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { emptyBody } from '../auth/schema.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext, requireUser } from '../session.ts';
import {
  accountParams,
  accountResponse,
  accountScheduleBody,
  connectBlueskyBody,
  connectMastodonBody,
  mastodonCallbackQuery,
} from './schema.ts';

const accountsPage = (workspaceId: string | null | undefined) =>
  workspaceId ? `/w/${encodeURIComponent(workspaceId)}/settings/accounts` : '/';

export const accountRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Connected social accounts (credentials are never returned)',
          params: workspaceParams,
          response: { 200: z.object({ accounts: z.array(accountResponse) }) },
        },
      },
      async (request) => ({ accounts: await listAccounts(as(request), request.params.workspaceId) }),
    );

    app.post(
      '/api/workspaces/:workspaceId/accounts/bluesky',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Connect (or reconnect) a Bluesky account with an app password (owner, admin, editor)',
          params: workspaceParams,
          body: connectBlueskyBody,
          response: { 200: accountResponse },
        },
      },
      async (request) => connectBlueskyAccount(as(request), request.params.workspaceId, request.body),
    );

    app.post(
      '/api/workspaces/:workspaceId/accounts/mastodon',
      {
        schema: {
          tags: ['accounts'],
          summary:
            "Start connecting a Mastodon account: answers the instance's authorize page (owner, admin, editor)",
          params: workspaceParams,
          body: connectMastodonBody,
          response: { 200: z.object({ authorizeUrl: z.string() }) },
        },
      },
      async (request) => startMastodonConnect(as(request), request.params.workspaceId, request.body),
    );

    app.get(
      MASTODON_CALLBACK_PATH,
      {
        schema: {
          tags: ['accounts'],
          summary: 'Where the Mastodon instance sends the person back; redirects to Settings → Accounts',
          querystring: mastodonCallbackQuery,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { state, code, error, error_description: description } = request.query;
        const fallback = accountsPage(user.lastWorkspaceId);
        const withError = (page: string, message: string) =>
          reply.redirect(`${page}?error=${encodeURIComponent(message)}`, 302);
        if (error || !state || !code) {
          const message = error
            ? `The server did not give access${description ? `: ${description}` : ` (${error})`}.`
            : 'The server sent back an incomplete answer; start connecting the account again.';
          return withError(fallback, message);
        }
        try {
          const { workspaceId, account } = await finishMastodonConnect(as(request), { state, code });
          return reply.redirect(
            `${accountsPage(workspaceId)}?connected=${encodeURIComponent(account.id)}`,
            302,
          );
        } catch (failure) {
          if (!(failure instanceof AppError)) throw failure;
          const page =
            failure instanceof MastodonConnectError && failure.workspaceId
              ? accountsPage(failure.workspaceId)
              : fallback;
          return withError(page, failure.message);
        }
      },
    );

    app.delete(
      '/api/workspaces/:workspaceId/accounts/:accountId',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Disconnect an account (owner, admin, editor)',
          params: accountParams,
          body: emptyBody,
        },
      },
      async (request, reply) => {
        await disconnectAccount(as(request), request.params.workspaceId, request.params.accountId);
        return reply.status(204).send();
      },
    );

    app.patch(
      '/api/workspaces/:workspaceId/accounts/:accountId',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Set an account’s posting slots for the queue and their time zone (owner, admin, editor)',
          params: accountParams,
          body: accountScheduleBody,
          response: { 200: accountResponse },
        },
      },
      async (request) =>
        setAccountSchedule(as(request), request.params.workspaceId, request.params.accountId, request.body),
    );
  };

// Approval chains, the approvers' queue and decisions.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getApprovalChain,
  listApprovalChains,
  setApprovalChain,
} from '../../commands/approvals/approvalChains.ts';
import { approvalQueue, getPostApproval } from '../../commands/approvals/approvalViews.ts';
import { decideApproval } from '../../commands/approvals/decideApproval.ts';
import type { ApiDeps } from '../apiDeps.ts';
import { workspaceParams } from '../commonSchemas.ts';
import { actorContext } from '../session.ts';
import {
  accountChainResponse,
  chainParams,
  decisionBody,
  decisionResponse,
  postApprovalParams,
  postApprovalResponse,
  putChainBody,
  queueQuery,
  queueResponse,
} from './schema.ts';

export const approvalRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/approval-chains',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Every account’s approval chain (any member)',
          params: workspaceParams,
          response: { 200: z.object({ chains: z.array(accountChainResponse) }) },
        },
      },
      async (request) => ({ chains: await listApprovalChains(as(request), request.params.workspaceId) }),
    );

    app.get(
      '/api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
      {
        schema: {
          tags: ['approvals'],
          summary: 'One account’s approval chain (any member)',
          params: chainParams,
          response: { 200: accountChainResponse },
        },
      },
      async (request) => getApprovalChain(as(request), request.params.workspaceId, request.params.accountId),
    );

    app.put(
      '/api/workspaces/:workspaceId/accounts/:accountId/approval-chain',
      {
        schema: {
          tags: ['approvals'],
          summary:
            'Replace an account’s approval chain: up to 3 steps, each a teammate or a role; no steps means any editor or higher (owner, admin)',
          params: chainParams,
          body: putChainBody,
          response: { 200: accountChainResponse },
        },
      },
      async (request) =>
        setApprovalChain(
          as(request),
          request.params.workspaceId,
          request.params.accountId,
          request.body.steps,
        ),
    );

    app.get(
      '/api/workspaces/:workspaceId/approvals',
      {
        schema: {
          tags: ['approvals'],
          summary:
            'Posts waiting for the caller’s decision; all=true: every post waiting for approval (owner, admin)',
          params: workspaceParams,
          querystring: queueQuery,
          response: { 200: queueResponse },
        },
      },
      async (request) => approvalQueue(as(request), request.params.workspaceId, { all: request.query.all }),
    );

    app.get(
      '/api/posts/:postId/approval',
      {
        schema: {
          tags: ['approvals'],
          summary:
            'A post’s approval state per account: steps, decisions, the open step and who may decide it',
          params: postApprovalParams,
          response: { 200: postApprovalResponse },
        },
      },
      async (request) => getPostApproval(as(request), request.params.postId),
    );

    app.post(
      '/api/posts/:postId/approval/decisions',
      {
        schema: {
          tags: ['approvals'],
          summary:
            'Approve or reject the open step of a post’s approval chain (whoever that step names; never the author)',
          params: postApprovalParams,
          body: decisionBody,
          response: { 200: decisionResponse },
        },
      },
      async (request) => decideApproval(as(request), request.params.postId, request.body),
    );
  };

// Certification exams, certificates, their PDFs, public verification and revocation.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  certificateDocument,
  listCertificates,
  revokeCertificate,
  verifyCertificate,
} from '../../../commands/academy/certifications/certificates.ts';
import {
  getAttempt,
  startAttempt,
  submitAttempt,
} from '../../../commands/academy/certifications/examAttempts.ts';
import { updateExamSettings } from '../../../commands/academy/certifications/examSettings.ts';
import { listCertifications } from '../../../commands/academy/certifications/listCertifications.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  attemptParams,
  attemptResponse,
  certificateParams,
  certificateResponse,
  certificatesQuery,
  certificationListResponse,
  certificationParams,
  codeParams,
  examSettingsBody,
  examSettingsResponse,
  revokeBody,
  submitBody,
  verificationResponse,
} from './schema.ts';

const tags = ['academy'];

export const certificationRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/academy/certifications',
      {
        schema: {
          tags,
          summary:
            'The workspace’s certification exams with the caller’s attempts used and left, pause after a failed attempt, open attempt and certificate',
          params: workspaceParams,
          response: { 200: certificationListResponse },
        },
      },
      async (request) => listCertifications(as(request), request.params.workspaceId),
    );

    app.post(
      '/api/academy/certifications/:certificationId/attempts',
      {
        schema: {
          tags,
          summary:
            'Start an exam attempt: draws the questions and sets the deadline (201). An attempt still open is returned instead (200). 409 with no attempts left, during the pause after a failed attempt, or with a valid certificate already held.',
          params: certificationParams,
          body: emptyBody,
          response: { 200: attemptResponse, 201: attemptResponse },
        },
      },
      async (request, reply) => {
        const { created, attempt } = await startAttempt(as(request), request.params.certificationId);
        return reply.status(created ? 201 : 200).send(attempt);
      },
    );

    app.get(
      '/api/academy/attempts/:attemptId',
      {
        schema: {
          tags,
          summary: 'An exam attempt of the caller: its questions (without answers), deadline and result',
          params: attemptParams,
          response: { 200: attemptResponse },
        },
      },
      async (request) => getAttempt(as(request), request.params.attemptId),
    );

    app.post(
      '/api/academy/attempts/:attemptId/submit',
      {
        schema: {
          tags,
          summary:
            'Hand in the answers (question id → chosen option ids). Graded once; late answers (30 s after the deadline) fail because time ran out. Passing issues the certificate.',
          params: attemptParams,
          body: submitBody,
          response: { 200: attemptResponse },
        },
      },
      async (request) => submitAttempt(as(request), request.params.attemptId, request.body.answers),
    );

    app.get(
      '/api/workspaces/:workspaceId/academy/certificates',
      {
        schema: {
          tags,
          summary:
            'The caller’s certificates in the workspace; with all=true every certificate (owner, admin)',
          params: workspaceParams,
          querystring: certificatesQuery,
          response: { 200: z.object({ certificates: z.array(certificateResponse) }) },
        },
      },
      async (request) => ({
        certificates: await listCertificates(as(request), request.params.workspaceId, {
          all: request.query.all,
        }),
      }),
    );

    app.get(
      '/api/academy/certificates/:certificateId/pdf',
      {
        schema: {
          tags,
          summary: 'The certificate as a PDF (its holder, or the workspace’s owners and admins)',
          params: certificateParams,
        },
      },
      async (request, reply) => {
        const { filename, bytes } = await certificateDocument(as(request), request.params.certificateId);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );

    app.post(
      '/api/academy/certificates/:certificateId/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke a certificate, giving the reason the verification page shows (owner, admin)',
          params: certificateParams,
          body: revokeBody,
          response: { 200: certificateResponse },
        },
      },
      async (request) => revokeCertificate(as(request), request.params.certificateId, request.body.reason),
    );

    app.patch(
      '/api/academy/certifications/:certificationId',
      {
        schema: {
          tags,
          summary:
            'Change how the exam runs: questions per attempt (at most the pool’s size), time limit, pass mark, attempts, pause after failing (owner, admin)',
          params: certificationParams,
          body: examSettingsBody,
          response: { 200: examSettingsResponse },
        },
      },
      async (request) => updateExamSettings(as(request), request.params.certificationId, request.body),
    );

    app.get(
      '/api/verify/:code',
      {
        schema: {
          tags,
          summary: 'Public: whether a certificate code is genuine and still valid, without signing in',
          params: codeParams,
          response: { 200: verificationResponse },
        },
      },
      async (request) => verifyCertificate(deps.ctx, request.params.code),
    );
  };

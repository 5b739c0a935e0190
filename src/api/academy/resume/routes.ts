// The resume builder: a person's profile and their resume as PDF.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resumeDocument } from '../../../commands/academy/resume/resumeDocument.ts';
import { readResume, saveResume } from '../../../commands/academy/resume/resumeProfile.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { actorContext } from '../../session.ts';
import { resumePdfQuery, resumeProfileBody, resumeResponse } from './schema.ts';

const tags = ['academy'];

export const resumeRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/me/resume',
      {
        schema: {
          tags,
          summary: 'My resume profile, with the certificates it shows',
          response: { 200: resumeResponse },
        },
      },
      async (request) => readResume(as(request)),
    );

    app.put(
      '/api/me/resume',
      {
        schema: {
          tags,
          summary: 'Save my resume profile (the whole profile; skills listed twice are kept once)',
          body: resumeProfileBody,
          response: { 200: resumeResponse },
        },
      },
      async (request) => saveResume(as(request), request.body),
    );

    app.get(
      '/api/me/resume/pdf',
      {
        schema: {
          tags,
          summary:
            'My resume as a PDF in a template (classic, modern, compact) and language (en, bn; my own by default)',
          querystring: resumePdfQuery,
        },
      },
      async (request, reply) => {
        const { filename, bytes } = await resumeDocument(as(request), request.query);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  };

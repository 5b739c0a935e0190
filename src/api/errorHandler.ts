// Turns every failure into the one JSON error shape: { error, message, fields }. Nothing reaches the
// client as a bare 500 with a stack; unexpected errors are logged and answered with a plain sentence.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/appError.ts';

export interface ErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

const FASTIFY_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    message: 'The request says it sends JSON but the body is empty.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'body_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Send the request body as JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'invalid_request',
    message: 'The request body does not match its Content-Length.',
  },
};

function fieldName(instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path || (typeof params.keys === 'object' ? '' : 'body');
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: err.code, message: err.message };
      if (err.fields) body.fields = err.fields;
      return reply.status(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const params = issue.params as Record<string, unknown>;
        if (issue.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
          for (const key of params.keys)
            fields[[fieldName(issue.instancePath, params), key].filter(Boolean).join('.')] = 'Unknown field.';
        } else if (issue.instancePath === '/' && issue.keyword === 'invalid_type') {
          fields.body = 'Send a JSON object.';
        } else {
          fields[fieldName(issue.instancePath, params)] ??= issue.message ?? 'Invalid value.';
        }
      }
      const where =
        err.validationContext === 'body' ? 'request body' : `request ${err.validationContext ?? 'input'}`;
      const list = Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
      return reply
        .status(400)
        .send({ error: 'validation_failed', message: `Check the ${where}. ${list}`, fields });
    }
    const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
    if (known) return reply.status(known.status).send({ error: known.error, message: known.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: 'invalid_request', message: err.message });
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({
      error: 'internal',
      message: 'Something went wrong on the server. Nothing was changed; try again.',
    });
  });
}

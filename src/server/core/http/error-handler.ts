import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode, RetryLaterError, STATUS_OF } from '../errors.ts';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns a schema failure into one sentence naming the field, e.g. "impact.integrity must be one of …". */
export function describeValidation(issue: ValidationIssue, part: string): { field: string; message: string } {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const params = issue.params ?? {};
  if (issue.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty ?? (params.additionalProperties as string[] | undefined)?.[0] ?? '?');
    const field = path ? `${path}.${name}` : name;
    return { field, message: `Unknown field "${field}" in ${part}` };
  }
  if (issue.keyword === 'required') {
    const name = String(params.missingProperty ?? (params.requiredProperties as string[] | undefined)?.[0] ?? '?');
    const field = path ? `${path}.${name}` : name;
    return { field, message: `${field} is required` };
  }
  const field = path || part;
  if (issue.keyword === 'enum' || issue.keyword === 'anyOf' || issue.keyword === 'const') {
    const allowed = (params.allowedValues as unknown[] | undefined)?.map(String).join(', ');
    return { field, message: allowed ? `${field} must be one of: ${allowed}` : `${field} has a value that is not allowed` };
  }
  return { field, message: `${field} ${issue.message ?? 'is invalid'}` };
}

/**
 * The issue that tells the caller most: the deepest one (inside a union of one alert or an array of them, the
 * bad field of the bad element, not "must be object"), passing over the validator's restatements ("schema is
 * false" for an unknown property, "must match a schema in anyOf").
 */
function telling(issues: ValidationIssue[]): ValidationIssue {
  const useful = issues.filter((i) => i.keyword !== 'boolean' && i.keyword !== 'anyOf');
  const depth = (i: ValidationIssue) => (i.instancePath ?? '').split('/').length;
  return useful.reduce((best, i) => (depth(i) > depth(best) ? i : best), useful[0] ?? issues[0]);
}

export function sendError(reply: import('fastify').FastifyReply, code: ErrorCode | 'internal', message: string, field?: string) {
  const status = code === 'internal' ? 500 : STATUS_OF[code];
  return reply.status(status).send({ error: field ? { code, message, field } : { code, message } });
}

/** One place maps every failure to `{error: {code, message, field?}}`; 5xx details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
    if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.field);
    if (error.validation?.length) {
      const { field, message } = describeValidation(telling(error.validation), error.validationContext ?? 'body');
      return sendError(reply, 'invalid', message, field);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          'payload_too_large',
          `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit} bytes`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({ error: { code: 'invalid', message: 'Send JSON with Content-Type: application/json' } });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 'invalid', 'The request body is empty; send a JSON object');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 'invalid', 'The request body is not valid JSON');
    }
    if (error.statusCode === 429) return sendError(reply, 'rate_limited', error.message || 'Too many requests; slow down');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (error instanceof SyntaxError) return sendError(reply, 'invalid', 'The request body is not valid JSON');
      return reply.status(error.statusCode).send({ error: { code: 'invalid', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal', 'Something went wrong on our side; it has been logged');
  });
}

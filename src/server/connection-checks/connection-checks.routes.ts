import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { LINK_PAGE_CSP, page, problemPage } from '../notifications/link-pages.ts';
import { answerConnectionCheck } from './answer-connection-check.ts';
import { type CheckForm, readCheckForm } from './check-form.ts';
import { answeredPage, checkFormPage, expiredPage, thanksPage } from './check-pages.ts';
import * as S from './connection-checks.schemas.ts';
import { checkAnswers, checkConnections, checkView } from './connection-checks.views.ts';
import { listConnectionChecks } from './list-connection-checks.ts';
import { type OpenedCheckLink, openCheckLink } from './open-check-link.ts';
import { requestConnectionCheck } from './request-connection-check.ts';

// The link's 256-bit token guards the pages; per client address they are limited against floods.
const perAddress = { max: 30, timeWindow: '1 minute' };

function html(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', LINK_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}

function messagePage(title: string, words: string): string {
  return page(title, `<div class="card"><h1>${title}</h1><p>${words}</p></div>`);
}

/** The customer's pages never answer JSON: a refusal before the handler (rate limit, an unreadable form) is a page. */
function pageErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  html(reply);
  if (error.statusCode === 429) {
    return reply.status(429).send(messagePage('Too many requests', 'Wait a minute, then open the link again.'));
  }
  if (error.statusCode === 404) return reply.status(404).send(problemPage('invalid'));
  if (error.statusCode === 409) {
    return reply
      .status(409)
      .send(
        messagePage(
          'Please send again',
          'The incident was being changed at the same moment. Go back and send your answers again.',
        ),
      );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const status = error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400;
    return reply
      .status(status)
      .send(messagePage('The answers could not be read', 'Go back to the form, check your answers and send them again.'));
  }
  request.log.error({ err: error }, 'connection check page failed');
  return reply.status(500).send(messagePage('Something went wrong', 'Try again in a minute, or contact the incident team.'));
}

/** The page of a check that no longer takes answers. */
function closedPage(link: OpenedCheckLink): string {
  const { check, incident } = link;
  return link.closed === 'answered'
    ? answeredPage(incident, check.answered_at as string, check.answered_by)
    : expiredPage(incident, check.expires_at);
}

const HtmlPage = Type.String({ description: 'an HTML page' });

/** Asking the customer to check the affected services' connections, the list of checks, and the customer's page. */
export function registerConnectionCheckRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['connection checks'];

  api.post(
    '/api/v1/incidents/:id/connection-checks',
    {
      schema: { tags, params: S.IdParams, body: S.RequestBody, response: { 201: S.ConnectionCheck } },
      // The body is optional (all affected services, the standard words): none sent reads as {}.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const row = await requestConnectionCheck(deps, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(checkView(row, deps.clock.now()));
    },
  );

  api.get(
    '/api/v1/incidents/:id/connection-checks',
    { schema: { tags, params: S.IdParams, response: { 200: S.CheckList } } },
    async (request) => ({ items: await listConnectionChecks(deps, actorOf(request), request.params.id) }),
  );

  // The customer's page: public, no JavaScript, the token in the path is the only key.
  const pageRoute = {
    config: { rateLimit: perAddress },
    errorHandler: pageErrors,
    schema: { hide: true, params: S.TokenParams, response: { 200: HtmlPage, 400: HtmlPage, 404: HtmlPage, 410: HtmlPage } },
  };
  const open = async (token: string, reply: FastifyReply) => {
    html(reply);
    const link = await openCheckLink(deps, token);
    if (!link) reply.status(404).send(problemPage('invalid'));
    else if (link.closed) reply.status(410).send(closedPage(link));
    return link?.closed === null ? link : null;
  };

  api.get('/check/:token', pageRoute, async (request, reply) => {
    const link = await open(request.params.token, reply);
    if (!link) return reply;
    return reply.send(checkFormPage(link.incident, checkConnections(link.check), link.check.expires_at, request.url));
  });

  api.post('/check/:token', { ...pageRoute, schema: { ...pageRoute.schema, body: S.CheckFormBody } }, async (request, reply) => {
    const link = await open(request.params.token, reply);
    if (!link) return reply;
    const { check, incident } = link;
    const connections = checkConnections(check);
    const form: CheckForm = request.body ?? {};
    const read = readCheckForm(connections, form);
    if (!read.ok) {
      const refusal = { problem: read.problem, field: read.field, form };
      return reply.status(400).send(checkFormPage(incident, connections, check.expires_at, request.url, refusal));
    }
    try {
      const answered = await answerConnectionCheck(deps, check.id, read.value);
      return reply.send(thanksPage(incident, connections, checkAnswers(answered) ?? {}));
    } catch (error) {
      // Answered (or expired) between opening and sending: the first answer stands.
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      const now = await open(request.params.token, reply);
      if (now) throw error;
      return reply;
    }
  });
}

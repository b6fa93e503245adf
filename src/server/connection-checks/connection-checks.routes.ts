import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { registerLinkPages } from '../customer-links/link-routes.ts';
import { answerConnectionCheck } from './answer-connection-check.ts';
import { type CheckForm, readCheckForm } from './check-form.ts';
import { answeredPage, checkFormPage, expiredCheckPage, thanksPage } from './check-pages.ts';
import * as S from './connection-checks.schemas.ts';
import { checkAnswers, checkConnections, checkView } from './connection-checks.views.ts';
import { listConnectionChecks } from './list-connection-checks.ts';
import { type OpenedCheckLink, openCheckLink } from './open-check-link.ts';
import { requestConnectionCheck } from './request-connection-check.ts';

/** The page of a check that no longer takes answers. */
function closedPage(link: OpenedCheckLink): string {
  const { check, incident } = link;
  return link.closed === 'answered'
    ? answeredPage(incident, check.answered_at as string, check.answered_by)
    : expiredCheckPage(incident, check.expires_at);
}

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

  // The customer's page: public, no JavaScript, the token in the path is the only key; answered once.
  registerLinkPages<OpenedCheckLink>(app, {
    path: '/check',
    what: 'connection check',
    async open(token) {
      const link = await openCheckLink(deps, token);
      return link && { link, closed: link.closed && closedPage(link) };
    },
    show: ({ incident, check }, action) => checkFormPage(incident, checkConnections(check), check.expires_at, action),
    async submit({ check, incident }, form: CheckForm, action) {
      const connections = checkConnections(check);
      const read = readCheckForm(connections, form);
      if (!read.ok) {
        const refusal = { problem: read.problem, field: read.field, form };
        return { status: 400, html: checkFormPage(incident, connections, check.expires_at, action, refusal) };
      }
      const answered = await answerConnectionCheck(deps, check.id, read.value);
      return { status: 200, html: thanksPage(incident, connections, checkAnswers(answered) ?? {}) };
    },
  });
}

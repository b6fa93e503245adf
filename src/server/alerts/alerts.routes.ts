import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AlertInput } from '../../shared/triage-types.ts';
import { actorOf } from '../auth/authenticate.ts';
import { assertCan, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { Text } from '../core/http/schema-types.ts';
import { admissionGate } from './admission.ts';
import { type AlertSourceRow, listAlertSources } from './alert-sources.queries.ts';
import { fromAlertmanager } from './alertmanager.ts';
import * as S from './alerts.schemas.ts';
import { ingestAlerts } from './ingest-alerts.ts';
import { createRule, listRules, removeRule, replaceRule } from './manage-alert-rules.ts';
import { alertSourceView, createAlertSource, revokeAlertSource, rotateAlertSourceToken } from './manage-alert-sources.ts';
import { expireSilence, listAlertSilences, silenceAlert } from './silence-alerts.ts';
import { authenticateSource } from './source-token.ts';

/** A batch of 1,000 typical alerts is about 400 KB; this leaves room for large annotations. */
export const ALERT_BODY_LIMIT = 4 * 1024 * 1024;

const IdParams = Type.Object({ id: Text(100, 1) });

export function registerAlertRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['alerts'];
  const gate = admissionGate(deps.config.alertMaxPendingBytes);
  // Monitoring systems authenticate with their source's token, not as a user, before their body is read: a
  // sender without a valid token must not take up the budget of those with one.
  const authenticate = async (request: FastifyRequest) => {
    sources.set(request, await authenticateSource(deps, request.headers.authorization));
  };
  const sources = new WeakMap<FastifyRequest, AlertSourceRow>();
  const sourceOf = (request: FastifyRequest) => sources.get(request) as AlertSourceRow;
  const ingest = {
    bodyLimit: ALERT_BODY_LIMIT,
    onRequest: [
      authenticate,
      async (request: FastifyRequest, reply: FastifyReply) => gate.admit(request, reply, sourceOf(request).id),
    ],
    preParsing: gate.count,
  };

  api.post(
    '/api/v1/alerts',
    {
      ...ingest,
      schema: { tags, body: S.AlertsBody, response: { 202: S.IngestReply } },
      validatorCompiler: S.alertsBodyInTurns,
    },
    async (request, reply) => {
      const source = sourceOf(request);
      const body = request.body as AlertInput | AlertInput[];
      const inputs = Array.isArray(body) ? body : [body];
      const alerts = await ingestAlerts(deps, { source, inputs, onTaken: () => gate.taken(request) });
      return reply.status(202).send({ accepted: inputs.length, alerts });
    },
  );

  api.post(
    '/api/v1/alerts/alertmanager',
    {
      ...ingest,
      schema: { tags, body: S.AlertmanagerBody, response: { 202: S.IngestReply } },
      validatorCompiler: S.alertmanagerBodyInTurns,
    },
    async (request, reply) => {
      const source = sourceOf(request);
      const inputs = fromAlertmanager(request.body, JSON.parse(source.fingerprint_labels).length === 0);
      const alerts = inputs.length > 0 ? await ingestAlerts(deps, { source, inputs, onTaken: () => gate.taken(request) }) : [];
      return reply.status(202).send({ accepted: inputs.length, alerts });
    },
  );

  api.get('/api/v1/alert-sources', { schema: { tags } }, async (request) => {
    const actor = actorOf(request);
    assertCan(actor, 'registry.read');
    return { sources: (await listAlertSources(deps.database.db, visibleCustomers(actor))).map(alertSourceView) };
  });

  api.post('/api/v1/alert-sources', { schema: { tags, body: S.SourceBody } }, async (request, reply) =>
    reply.status(201).send(await createAlertSource(deps, actorOf(request), request.body)),
  );

  api.post('/api/v1/alert-sources/:id/revoke', { schema: { tags, params: IdParams } }, async (request) => ({
    source: await revokeAlertSource(deps, actorOf(request), request.params.id),
  }));

  api.post('/api/v1/alert-sources/:id/token', { schema: { tags, params: IdParams } }, async (request) =>
    rotateAlertSourceToken(deps, actorOf(request), request.params.id),
  );

  api.get('/api/v1/alert-rules', { schema: { tags } }, async (request) => ({
    rules: await listRules(deps, actorOf(request)),
  }));

  api.post('/api/v1/alert-rules', { schema: { tags, body: S.RuleBody } }, async (request, reply) =>
    reply
      .status(201)
      .send({ rule: await createRule(deps, actorOf(request), { ...request.body, incident: request.body.incident ?? null }) }),
  );

  api.put('/api/v1/alert-rules/:id', { schema: { tags, params: IdParams, body: S.RuleBody } }, async (request) => ({
    rule: await replaceRule(deps, actorOf(request), request.params.id, {
      ...request.body,
      incident: request.body.incident ?? null,
    }),
  }));

  api.delete('/api/v1/alert-rules/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await removeRule(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  api.get('/api/v1/alert-silences', { schema: { tags } }, async (request) => ({
    silences: await listAlertSilences(deps, actorOf(request)),
  }));

  api.post('/api/v1/alert-silences', { schema: { tags, body: S.SilenceBody } }, async (request, reply) =>
    reply.status(201).send({ silence: await silenceAlert(deps, actorOf(request), request.body) }),
  );

  api.delete('/api/v1/alert-silences/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    silence: await expireSilence(deps, actorOf(request), request.params.id),
  }));
}

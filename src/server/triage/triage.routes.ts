import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { TRIAGE_STATUSES } from '../../shared/triage-types.ts';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { attachTriageItem } from './attach-triage-item.ts';
import { dismissTriageItem } from './dismiss-triage-item.ts';
import type { AlertsForTriage } from './feed-triage.ts';
import { openTriageItem } from './open-triage-item.ts';
import { listTriage, readTriageItem, triageItemNow } from './read-triage.ts';

const IdParams = Type.Object({ id: Text(100, 1) });

/** `alerts` answers for the alerts of groups (alerts/alerts-for-triage.ts): triage never reads alert tables. */
export function registerTriageRoutes(app: FastifyInstance, deps: Deps, alerts: AlertsForTriage): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['triage'];

  api.get(
    '/api/v1/triage',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            status: Type.Optional(Enum(TRIAGE_STATUSES)),
            incident: Type.Optional(Text(100, 1)),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { status, incident, limit } = request.query;
      return { items: await listTriage(deps, alerts, actorOf(request), { status, incidentId: incident, limit }) };
    },
  );

  api.get('/api/v1/triage/:id', { schema: { tags, params: IdParams } }, async (request) =>
    readTriageItem(deps, alerts, actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/triage/:id/open',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { title: Type.Optional(Text(500, 1)), customerId: Type.Optional(Nullable(Text(100, 1))) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { item, incident } = await openTriageItem(deps, actorOf(request), request.params.id, request.body ?? {});
      return reply.status(201).send({ item: await triageItemNow(deps, alerts, item), incident });
    },
  );

  api.post(
    '/api/v1/triage/:id/attach',
    { schema: { tags, params: IdParams, body: Type.Object({ incident: Text(100, 1) }, { additionalProperties: false }) } },
    async (request) => {
      const item = await attachTriageItem(deps, actorOf(request), request.params.id, request.body.incident);
      return { item: await triageItemNow(deps, alerts, item) };
    },
  );

  api.post(
    '/api/v1/triage/:id/dismiss',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { reason: Text(2000, 1), silenceMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 * 24 * 60 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const item = await dismissTriageItem(deps, alerts, actorOf(request), request.params.id, request.body);
      return { item: await triageItemNow(deps, alerts, item) };
    },
  );
}

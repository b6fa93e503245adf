import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TriageItemFacts } from '../../shared/triage-types.ts';
import { TRIAGE_STATUSES } from '../../shared/triage-types.ts';
import { TriageItemAllowedSchema } from '../auth/allowed.schemas.ts';
import { triageItemAllowed } from '../auth/allowed.ts';
import { actorOf } from '../auth/authenticate.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { attachTriageItem } from './attach-triage-item.ts';
import { dismissTriageItem } from './dismiss-triage-item.ts';
import type { AlertsForTriage } from './feed-triage.ts';
import { openTriageItem } from './open-triage-item.ts';
import { listTriage, readTriageItem, triageItemNow } from './read-triage.ts';

const IdParams = Type.Object({ id: Text(100, 1) });
// The item's other fields follow (shared/triage-types.ts); declared here is what every reader relies on.
const Item = Type.Object(
  {
    id: Type.String(),
    customerId: Nullable(Type.String()),
    status: Enum(TRIAGE_STATUSES),
    allowed: TriageItemAllowedSchema,
  },
  { additionalProperties: true },
);
const ItemReply = Type.Object({ item: Item }, { additionalProperties: true });
const shown = (actor: Actor, item: TriageItemFacts) => ({ ...item, allowed: triageItemAllowed(actor, item) });

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
        response: { 200: Type.Object({ items: Type.Array(Item) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { status, incident, limit } = request.query;
      const items = await listTriage(deps, alerts, actor, { status, incidentId: incident, limit });
      return { items: items.map((item) => shown(actor, item)) };
    },
  );

  api.get('/api/v1/triage/:id', { schema: { tags, params: IdParams, response: { 200: ItemReply } } }, async (request) => {
    const actor = actorOf(request);
    const detail = await readTriageItem(deps, alerts, actor, request.params.id);
    return { ...detail, item: shown(actor, detail.item) };
  });

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
        response: { 201: Type.Object({ item: Item, incident: Type.Object({ id: Type.String(), key: Type.String() }) }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { item, incident } = await openTriageItem(deps, actor, request.params.id, request.body ?? {});
      return reply.status(201).send({ item: shown(actor, await triageItemNow(deps, alerts, item)), incident });
    },
  );

  api.post(
    '/api/v1/triage/:id/attach',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ incident: Text(100, 1) }, { additionalProperties: false }),
        response: { 200: ItemReply },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const item = await attachTriageItem(deps, actor, request.params.id, request.body.incident);
      return { item: shown(actor, await triageItemNow(deps, alerts, item)) };
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
        response: { 200: ItemReply },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const item = await dismissTriageItem(deps, alerts, actor, request.params.id, request.body);
      return { item: shown(actor, await triageItemNow(deps, alerts, item)) };
    },
  );
}

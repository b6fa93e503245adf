import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DEFAULT_FIRST_REPORT } from '../../shared/prepare-types.ts';
import { DEFAULT_REVIEW_SEVERITIES } from '../../shared/review-types.ts';
import type { RecordEvent } from '../../shared/timeline-events.ts';
import { CustomerAllowedSchema, RecordAllowedSchema } from '../auth/allowed.schemas.ts';
import { customerAllowed, recordAllowed } from '../auth/allowed.ts';
import { actorOf } from '../auth/authenticate.ts';
import { type Actor, assertCan, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { ofStream, toStoredEvent } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { Nullable } from '../core/http/schema-types.ts';
import { contactEventFor, contactFor } from './public-address.ts';
import { listRecords } from './records.queries.ts';
import * as S from './registry.schemas.ts';
import { CONTACT, CUSTOMER, OBLIGATION, PLAYBOOK, ROSTER, SERVICE } from './registry-kinds.ts';
import { changeRecord, createRecord, type RecordKind, readRecord, recordView, type StoredRecord } from './save-record.ts';

/** Extra shaping of a record on its way out (e.g. PACE warnings computed from the current contacts). */
export type RecordPresenter<T> = (deps: Deps, actor: Actor, records: StoredRecord<T>[]) => Promise<unknown[]>;
/** The same for the data of the record's history events. */
export type HistoryPresenter = (actor: Actor, customerId: string | null, data: RecordEvent['data']) => Record<string, unknown>;

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const ListQuery = Type.Object(
  {
    customerId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'A customer id, or "organisation" for our own' }),
    ),
    includeArchived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * What every record answers: where it belongs, its version, and what the caller may do with it. Its kind's own
 * fields follow (declared by the kind's request schemas).
 */
function recordReply(customer: boolean) {
  return Type.Object(
    {
      id: Type.String(),
      customerId: Nullable(Type.String()),
      version: Type.Integer(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
      archivedAt: Nullable(Type.String()),
      allowed: customer ? CustomerAllowedSchema : RecordAllowedSchema,
    },
    { additionalProperties: true },
  );
}

/**
 * The same six routes for every registry kind under /api/v1/<path>: list (filtered to the customers the caller
 * may see), create, read, change, archive, and the object's history (its hash-chained events).
 */
export function registerRecordRoutes<T extends object>(
  app: FastifyInstance,
  deps: Deps,
  path: string,
  kind: RecordKind<T>,
  schema: S.KindSchema,
  present: RecordPresenter<T> = async (_deps, _actor, records) => records,
  presentHistory: HistoryPresenter = (_actor, _customerId, data) => data,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['prepare'];
  const base = `/api/v1/${path}`;
  const allowedOf = (actor: Actor, record: StoredRecord<T>) =>
    kind.scope === 'self' ? customerAllowed(actor, record) : recordAllowed(actor, record);
  const shown = async (actor: Actor, records: StoredRecord<T>[]) =>
    (await present(deps, actor, records)).map((view, i) => ({
      ...(view as StoredRecord<T>),
      allowed: allowedOf(actor, records[i]),
    }));
  const one = async (actor: Actor, record: StoredRecord<T>) => (await shown(actor, [record]))[0];
  const Reply = recordReply(kind.scope === 'self');

  api.get(
    base,
    { schema: { tags, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Reply) }) } } },
    async (request) => {
      const actor = actorOf(request);
      const { customerId, includeArchived } = request.query;
      const scope = customerId === undefined || customerId === 'organisation' ? null : customerId;
      if (scope) assertCan(actor, 'registry.read', { customerId: scope, notFound: `No customer ${scope}` });
      const rows = await listRecords(deps.database.db, {
        kind: kind.kind,
        customerId: customerId === undefined ? undefined : scope,
        visible: visibleCustomers(actor),
        includeArchived,
      });
      return {
        items: await shown(
          actor,
          rows.map((row) => recordView<T>(row)),
        ),
      };
    },
  );

  api.post(
    base,
    { schema: { tags, body: S.createBody(schema, kind.scope !== 'self'), response: { 201: Reply } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { customerId = null, ...fields } = request.body as Record<string, unknown> & { customerId?: string | null };
      const data = { ...structuredClone(schema.defaults), ...fields } as T;
      return reply.status(201).send(await one(actor, await createRecord(deps, actor, kind, customerId, data)));
    },
  );

  api.get(`${base}/:id`, { schema: { tags, params: Params, response: { 200: Reply } } }, async (request) => {
    const actor = actorOf(request);
    const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, kind, request.params.id);
    return one(actor, record);
  });

  api.patch(
    `${base}/:id`,
    { schema: { tags, params: Params, body: S.updateBody(schema), response: { 200: Reply } } },
    async (request) => {
      const actor = actorOf(request);
      const { expectedVersion, ...set } = request.body as Partial<T> & { expectedVersion?: number };
      return one(actor, await changeRecord(deps, actor, kind, request.params.id, { set: set as Partial<T> }, expectedVersion));
    },
  );

  api.delete(`${base}/:id`, { schema: { tags, params: Params } }, async (request, reply) => {
    await changeRecord(deps, actorOf(request), kind, request.params.id, { archive: true });
    return reply.status(204).send();
  });

  api.get(`${base}/:id/history`, { schema: { tags, params: Params } }, async (request) => {
    const actor = actorOf(request);
    const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, kind, request.params.id);
    const rows = await readStream(deps.database.db, record.id);
    return {
      events: ofStream(rows.map(toStoredEvent), 'record').map(({ streamId, streamType, customerId, ...event }) => ({
        ...event,
        data: presentHistory(actor, record.customerId, event.data),
        recordId: streamId,
      })),
    };
  });
}

export function registerRegistryRoutes(app: FastifyInstance, deps: Deps): void {
  // A customer saved before the first report (or review) setting existed answers with the default it follows.
  registerRecordRoutes(app, deps, 'customers', CUSTOMER, S.customerSchema, async (_deps, _actor, records) =>
    records.map((r) => ({ firstReport: DEFAULT_FIRST_REPORT, reviewSeverities: [...DEFAULT_REVIEW_SEVERITIES], ...r })),
  );
  registerRecordRoutes(app, deps, 'services', SERVICE, S.serviceSchema);
  registerRecordRoutes(
    app,
    deps,
    'contacts',
    CONTACT,
    S.contactSchema,
    async (_deps, actor, records) => records.map((contact) => contactFor(actor, contact)),
    contactEventFor,
  );
  registerRecordRoutes(app, deps, 'rosters', ROSTER, S.rosterSchema);
  registerRecordRoutes(app, deps, 'obligations', OBLIGATION, S.obligationSchema);
  registerRecordRoutes(app, deps, 'playbooks', PLAYBOOK, S.playbookSchema);
}

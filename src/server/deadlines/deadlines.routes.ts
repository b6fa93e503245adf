import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import { listReader, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { Incident } from '../incidents/incidents.schemas.ts';
import { presentIncident } from '../incidents/incidents.views.ts';
import { listDeadlines } from './deadlines.queries.ts';
import { recordSubmission, waiveStage } from './record-submission.ts';

const Timestamp = Nullable(Type.String({ format: 'date-time' }));

const DeadlineItem = Type.Object({
  incidentId: Type.String(),
  incidentKey: Type.String(),
  incidentTitle: Type.String(),
  customerId: Nullable(Type.String()),
  /** The incident is an exercise: its clocks are practice and are never counted with real ones. */
  exercise: Type.Boolean(),
  obligationId: Type.String(),
  obligationName: Type.String(),
  stageId: Type.String(),
  stageName: Type.String(),
  recipient: Type.String(),
  status: Type.String(),
  startedAt: Timestamp,
  dueAt: Timestamp,
  submittedAt: Timestamp,
  missedAt: Timestamp,
});

const DeadlinesReply = Type.Object({ now: Type.String({ format: 'date-time' }), items: Type.Array(DeadlineItem) });

const StageParams = Type.Object({ id: Text(100, 1), obligationId: Text(100, 1), stageId: Text(100, 1) });

export function registerDeadlineRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['deadlines'];

  api.get(
    '/api/v1/deadlines',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            scope: Type.Optional(Enum(['open', 'all'] as const)),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: DeadlinesReply },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listDeadlines(deps.database.db, {
        visible: visibleCustomers(actor),
        reader: listReader(actor),
        scope: request.query.scope ?? 'open',
        limit: request.query.limit ?? 500,
      });
      return {
        now: deps.clock.now().toISOString(),
        items: rows.map((r) => ({
          incidentId: r.incident_id,
          incidentKey: r.incident_key,
          incidentTitle: r.incident_title,
          customerId: r.customer_id,
          exercise: Boolean(r.exercise),
          obligationId: r.obligation_id,
          obligationName: r.obligation_name,
          stageId: r.stage_id,
          stageName: r.stage_name,
          recipient: r.recipient,
          status: r.status,
          startedAt: r.started_at,
          dueAt: r.due_at,
          submittedAt: r.submitted_at,
          missedAt: r.missed_at,
        })),
      };
    },
  );

  api.post(
    '/api/v1/incidents/:id/obligations/:obligationId/stages/:stageId/submissions',
    {
      schema: {
        tags,
        params: StageParams,
        body: Type.Object(
          {
            reference: Text(500, 1),
            submittedAt: Type.Optional(Type.String({ format: 'date-time' })),
            note: Type.Optional(Text(5000)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Incident },
      },
    },
    async (request, reply) => {
      const { id, obligationId, stageId } = request.params;
      const actor = actorOf(request);
      const state = await recordSubmission(deps, actor, id, { obligationId, stageId, ...request.body });
      return reply.status(201).send(await presentIncident(deps, state, actor));
    },
  );

  api.post(
    '/api/v1/incidents/:id/obligations/:obligationId/stages/:stageId/waivers',
    {
      schema: {
        tags,
        params: StageParams,
        body: Type.Object({ reason: Text(2000, 1) }, { additionalProperties: false }),
        response: { 201: Incident },
      },
    },
    async (request, reply) => {
      const { id, obligationId, stageId } = request.params;
      const actor = actorOf(request);
      const state = await waiveStage(deps, actor, id, { obligationId, stageId, reason: request.body.reason });
      return reply.status(201).send(await presentIncident(deps, state, actor));
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { INCIDENT_STATUSES, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable } from '../core/http/schema-types.ts';
import { readDashboard } from './read-dashboard.ts';

const Timestamp = Type.String({ format: 'date-time' });

const Cell = Type.Object({
  severity: Nullable(Enum(SEVERITIES)),
  stage: Enum(INCIDENT_STATUSES),
  count: Type.Integer({ minimum: 1 }),
});

const ClockAtRisk = Type.Object({
  incidentId: Type.String(),
  incidentKey: Type.String(),
  incidentTitle: Type.String(),
  incidentStage: Enum(INCIDENT_STATUSES),
  customerId: Nullable(Type.String()),
  obligationId: Type.String(),
  obligationName: Type.String(),
  stageId: Type.String(),
  stageName: Type.String(),
  recipient: Type.String(),
  dueAt: Timestamp,
  overdue: Type.Boolean(),
});

const Part = Type.Object({
  open: Type.Object({ total: Type.Integer(), cells: Type.Array(Cell) }),
  clocks: Type.Object({ total: Type.Integer(), overdue: Type.Integer(), items: Type.Array(ClockAtRisk) }),
});

const DashboardReply = Type.Object({
  now: Timestamp,
  windowHours: Type.Integer(),
  real: Part,
  exercise: Part,
});

/** The dashboard's summary of the caller's work across the incidents they may read. */
export function registerDashboardRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/v1/dashboard', { schema: { tags: ['dashboard'], response: { 200: DashboardReply } } }, async (request) =>
    readDashboard(deps, actorOf(request)),
  );
}

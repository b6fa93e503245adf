import { Type } from 'typebox';
import { INCIDENT_SORTS, SORT_ORDERS } from '../../shared/incident-list.ts';
import {
  CATEGORIES,
  IMPACT_LEVELS,
  INCIDENT_ROLES,
  INCIDENT_STATUSES,
  MILESTONES,
  ORIGINS,
  SEVERITIES,
  TLP_LABELS,
} from '../../shared/incident-vocabulary.ts';
import { IncidentAllowedSchema } from '../auth/allowed.schemas.ts';
import { Enum, Nullable } from '../core/http/schema-types.ts';

const Time = Type.String({ format: 'date-time' });

export const Status = Enum(INCIDENT_STATUSES);
export const SeverityValue = Enum(SEVERITIES);
const Level = Enum(IMPACT_LEVELS);
export const ImpactSchema = Type.Object(
  { confidentiality: Level, integrity: Level, availability: Level },
  { additionalProperties: false },
);
const Assignments = Type.Object(
  Object.fromEntries(INCIDENT_ROLES.map((r) => [r, Type.Optional(Type.String({ maxLength: 100 }))])),
  { additionalProperties: false },
);

const editable = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.String({ maxLength: 100_000 }),
  category: Nullable(Enum(CATEGORIES)),
  origin: Enum(ORIGINS),
  impact: Nullable(ImpactSchema),
  tlp: Enum(TLP_LABELS),
  exercise: Type.Boolean(),
  personalData: Nullable(Type.Boolean()),
  customerId: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
  serviceIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200, uniqueItems: true }),
  occurredAt: Nullable(Time),
  detectedAt: Nullable(Time),
  awareAt: Nullable(Time),
};

export const ReportIncidentBody = Type.Object(
  {
    title: editable.title,
    description: Type.Optional(editable.description),
    category: Type.Optional(editable.category),
    origin: Type.Optional(editable.origin),
    impact: Type.Optional(editable.impact),
    tlp: Type.Optional(editable.tlp),
    exercise: Type.Optional(editable.exercise),
    personalData: Type.Optional(editable.personalData),
    customerId: Type.Optional(editable.customerId),
    serviceIds: Type.Optional(editable.serviceIds),
    occurredAt: Type.Optional(editable.occurredAt),
    detectedAt: Type.Optional(editable.detectedAt),
    awareAt: Type.Optional(editable.awareAt),
  },
  { additionalProperties: false },
);

export const UpdateIncidentBody = Type.Object(
  {
    ...Type.Partial(Type.Object(editable)).properties,
    assignments: Type.Optional(Assignments),
    severityOverride: Type.Optional(
      Nullable(
        Type.Object(
          { severity: SeverityValue, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      ),
    ),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const NoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false });

export const TransitionBody = Type.Object(
  {
    to: Status,
    reason: Type.Optional(Type.String({ maxLength: 5000 })),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const MilestoneBody = Type.Object(
  { milestone: Enum(MILESTONES), at: Type.Optional(Time) },
  { additionalProperties: false },
);

export const DeterminationBody = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 100 }),
    reason: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(Status)),
    customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    severity: Type.Optional(Type.Array(SeverityValue)),
    exercise: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    mine: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Enum(INCIDENT_SORTS)),
    order: Type.Optional(Enum(SORT_ORDERS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const IncidentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const TimelineQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

const TimeOrNull = Nullable(Type.String());

/** An obligation stage neither met nor waived: closing waits for it (see lifecycle.ts). */
const OpenClock = Type.Object({
  obligationId: Type.String(),
  stageId: Type.String(),
  obligation: Type.String(),
  stage: Type.String(),
  status: Enum(['waiting', 'running', 'overdue'] as const),
  dueAt: TimeOrNull,
});

export const Incident = Type.Object({
  id: Type.String(),
  key: Type.String(),
  title: Type.String(),
  description: Type.String(),
  status: Type.String(),
  category: Nullable(Type.String()),
  origin: Type.String(),
  impact: Nullable(Type.Object({ confidentiality: Type.String(), integrity: Type.String(), availability: Type.String() })),
  severity: Nullable(Type.String()),
  derivedSeverity: Nullable(Type.String()),
  severityOverride: Nullable(Type.Object({ severity: Type.String(), reason: Type.String() })),
  tlp: Type.String(),
  exercise: Type.Boolean(),
  personalData: Nullable(Type.Boolean()),
  source: Type.String(),
  customerId: Nullable(Type.String()),
  serviceIds: Type.Array(Type.String()),
  planVersionId: Nullable(Type.String()),
  determinations: Type.Record(Type.String(), Type.String()),
  assignments: Type.Record(Type.String(), Type.String()),
  submissions: Type.Record(
    Type.String(),
    Type.Object({
      at: Type.String(),
      reference: Type.String(),
      via: Type.String(),
      notificationId: Nullable(Type.String()),
      note: Type.String(),
    }),
  ),
  waivers: Type.Record(
    Type.String(),
    Type.Object({ at: Type.String(), reason: Type.String(), by: Type.Optional(Type.String()) }),
  ),
  communicationLevel: Nullable(Type.String()),
  steps: Type.Record(Type.String(), Type.Object({ at: Type.String(), by: Type.String(), override: Nullable(Type.String()) })),
  times: Type.Object({
    occurredAt: TimeOrNull,
    detectedAt: TimeOrNull,
    awareAt: TimeOrNull,
    reportedAt: Type.String(),
    confirmedAt: TimeOrNull,
    classifiedAt: TimeOrNull,
    containedAt: TimeOrNull,
    eradicatedAt: TimeOrNull,
    resolvedAt: TimeOrNull,
    closedAt: TimeOrNull,
  }),
  version: Type.Integer(),
  allowedTransitions: Type.Array(
    Type.Object({
      to: Type.String(),
      reasonRequired: Type.Boolean(),
      decision: Nullable(Type.String()),
      blockedBy: Nullable(Type.String()),
      openClocks: Type.Optional(Type.Array(OpenClock)),
    }),
  ),
  allowed: IncidentAllowedSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const TimelineEvent = Type.Object({
  position: Type.Integer(),
  incidentId: Type.String(),
  seq: Type.Integer(),
  type: Type.String(),
  actor: Type.Object({ id: Type.String(), name: Type.String() }),
  occurredAt: Type.String(),
  recordedAt: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const Integrity = Type.Object({
  valid: Type.Boolean(),
  count: Type.Integer(),
  head: Type.String(),
  firstInvalidSeq: Type.Optional(Type.Integer()),
  problem: Type.Optional(Type.String()),
});

export const IncidentPage = Type.Object({
  items: Type.Array(Incident),
  nextCursor: Nullable(Type.String()),
  prevCursor: Nullable(Type.String()),
  total: Type.Integer(),
  totalExact: Type.Boolean(),
});

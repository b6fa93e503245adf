import { Type } from 'typebox';
import { ACTION_LIST_STATUSES, ACTION_STATUSES } from '../../shared/review-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

const Id = Text(100, 1);
const Time = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Id });

export const ActionTarget = Type.Union([
  Type.Object({ type: Type.Literal('playbook'), customerId: Type.String(), playbookId: Type.String(), name: Type.String() }),
  Type.Object({ type: Type.Literal('plan'), customerId: Type.String(), name: Type.String() }),
]);

export const ReviewAction = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  incidentKey: Type.String(),
  incidentTitle: Type.String(),
  customerId: Nullable(Type.String()),
  exercise: Type.Boolean(),
  title: Type.String(),
  detail: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  status: Enum(ACTION_STATUSES),
  target: Nullable(ActionTarget),
  overdue: Type.Boolean(),
  draft: Nullable(Type.Object({ startedAt: Type.String(), recordId: Nullable(Type.String()) })),
  planVersionId: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
  remindedAt: Nullable(Type.String()),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowed: Type.Object({ change: Type.Boolean() }),
});

/** A target as a client names it: the incident's customer's plan, or one of its playbooks by slug or record id. */
const TargetInput = Type.Union([
  Type.Object({ type: Type.Literal('plan') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('playbook'), playbookId: Id }, { additionalProperties: false }),
]);

export const NewActionBody = Type.Object(
  {
    title: Text(300, 1),
    detail: Type.Optional(Text(10_000)),
    ownerId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(Time)),
    target: Type.Optional(Nullable(TargetInput)),
  },
  { additionalProperties: false },
);

export const ActionChangesBody = Type.Object(
  {
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    title: Type.Optional(Text(300, 1)),
    detail: Type.Optional(Text(10_000)),
    ownerId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(Time)),
    status: Type.Optional(Enum(ACTION_STATUSES)),
    target: Type.Optional(Nullable(TargetInput)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ActionListQuery = Type.Object(
  {
    status: Type.Optional(Enum(ACTION_LIST_STATUSES)),
    /** me, or a user's id; absent: anyone's. */
    owner: Type.Optional(Id),
    incidentId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Text(500, 1)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const ActionPageReply = Type.Object({
  items: Type.Array(ReviewAction),
  nextCursor: Nullable(Type.String()),
  now: Type.String(),
});

export const IncidentActionsReply = Type.Object({
  items: Type.Array(ReviewAction),
  candidates: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  targets: Type.Array(ActionTarget),
  now: Type.String(),
});

export const DraftReply = Type.Object({
  action: ReviewAction,
  edit: Type.Union([
    Type.Object({ type: Type.Literal('playbook'), customerId: Type.String(), recordId: Type.String() }),
    Type.Object({ type: Type.Literal('plan'), customerId: Type.String() }),
  ]),
});

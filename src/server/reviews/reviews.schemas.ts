import { Type } from 'typebox';
import { REVIEW_STATUSES } from '../../shared/review-types.ts';
import { TASK_STATUSES } from '../../shared/task-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

const Time = Type.String();
const LONG = 20_000;

const fieldProperties = {
  summary: Text(LONG),
  wentWell: Text(LONG),
  wentBadly: Text(LONG),
  rootCauses: Text(LONG),
  contributingFactors: Text(LONG),
  lessons: Text(LONG),
  participants: Type.Array(Text(200, 1), { maxItems: 200 }),
};

export const ReviewFieldsSchema = Type.Object(fieldProperties);

const Version = Type.Integer({ minimum: 0, description: 'the version you loaded; 409 when the review changed since' });

export const ReviewChangesBody = Type.Object(
  {
    expectedVersion: Version,
    summary: Type.Optional(fieldProperties.summary),
    wentWell: Type.Optional(fieldProperties.wentWell),
    wentBadly: Type.Optional(fieldProperties.wentBadly),
    rootCauses: Type.Optional(fieldProperties.rootCauses),
    contributingFactors: Type.Optional(fieldProperties.contributingFactors),
    lessons: Type.Optional(fieldProperties.lessons),
    participants: Type.Optional(fieldProperties.participants),
  },
  { additionalProperties: false },
);

export const CompleteBody = Type.Object({ expectedVersion: Type.Optional(Version) }, { additionalProperties: false });

export const WaiveBody = Type.Object(
  { reason: Text(2000, 1), expectedVersion: Type.Optional(Version) },
  { additionalProperties: false },
);

const FindingsSchema = Type.Object({
  asOf: Time,
  timeline: Type.Array(
    Type.Object({ seq: Type.Integer(), at: Time, by: Type.String(), what: Type.String(), reason: Nullable(Type.String()) }),
  ),
  overriddenGates: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Time,
      by: Type.String(),
      title: Type.String(),
      reason: Type.String(),
      taskId: Nullable(Type.String()),
      stepRef: Nullable(Type.String()),
    }),
  ),
  missedClocks: Type.Array(
    Type.Object({
      obligationId: Type.String(),
      obligation: Type.String(),
      stageId: Type.String(),
      stage: Type.String(),
      recipient: Type.String(),
      status: Type.String(),
      dueAt: Nullable(Time),
      missedAt: Nullable(Time),
      submittedAt: Nullable(Time),
    }),
  ),
  firstCustomerReport: Type.Object({
    reportedAt: Time,
    sentAt: Nullable(Time),
    notificationId: Nullable(Type.String()),
    minutes: Nullable(Type.Integer()),
  }),
  channels: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Time,
      kind: Enum(['failed', 'exhausted', 'compromised'] as const),
      channel: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      notificationId: Nullable(Type.String()),
    }),
  ),
  tasksLeft: Type.Array(
    Type.Object({
      taskId: Type.String(),
      title: Type.String(),
      status: Enum(TASK_STATUSES),
      assignee: Nullable(Type.String()),
      dueAt: Nullable(Time),
    }),
  ),
});

export const ReviewSchema = Type.Object({
  incidentId: Type.String(),
  status: Enum(REVIEW_STATUSES),
  required: Type.Boolean(),
  fields: ReviewFieldsSchema,
  findings: FindingsSchema,
  waiverReason: Nullable(Type.String()),
  version: Type.Integer(),
  openedAt: Time,
  completedAt: Nullable(Time),
  completedBy: Nullable(Type.String()),
  updatedAt: Time,
  allowed: Type.Object({ change: Type.Boolean() }),
});

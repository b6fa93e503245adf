import { Type } from 'typebox';
import { INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import { TASK_STATUSES } from '../../shared/task-types.ts';
import { IncidentAllowedSchema } from '../auth/allowed.schemas.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { PLAYBOOK_PHASES } from '../playbooks/playbook.ts';
import { StepDueSchema } from '../registry/registry.schemas.ts';

const Id = Text(100, 1);
const Time = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Id });
export const ApplyParams = Type.Object({ id: Id, playbookId: Id });

export const Task = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  incidentKey: Type.String(),
  incidentTitle: Type.String(),
  customerId: Nullable(Type.String()),
  exercise: Type.Boolean(),
  playbookId: Nullable(Type.String()),
  playbookName: Nullable(Type.String()),
  stepId: Nullable(Type.String()),
  stepRef: Nullable(Type.String()),
  phase: Nullable(Type.String()),
  role: Nullable(Type.String()),
  title: Type.String(),
  detail: Type.String(),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  due: Nullable(StepDueSchema),
  overdue: Type.Boolean(),
  needsInstruction: Type.Boolean(),
  gate: Nullable(Type.String()),
  override: Nullable(Type.String()),
  status: Enum(TASK_STATUSES),
  note: Type.String(),
  version: Type.Integer(),
  remindedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowed: IncidentAllowedSchema,
});

export const AppliedReply = Type.Object({ tasks: Type.Array(Task) });

export const IncidentTasksReply = Type.Object({
  items: Type.Array(Task),
  playbooks: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      steps: Type.Integer(),
      suggested: Type.Boolean(),
      applied: Type.Boolean(),
    }),
  ),
  candidates: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  now: Type.String(),
});

export const TaskPageReply = Type.Object({
  items: Type.Array(Task),
  nextCursor: Nullable(Type.String()),
  now: Type.String(),
});

export const NewTaskBody = Type.Object(
  {
    title: Text(300, 1),
    detail: Type.Optional(Text(10_000)),
    phase: Type.Optional(Nullable(Enum(PLAYBOOK_PHASES))),
    role: Type.Optional(Nullable(Enum(INCIDENT_ROLES))),
    assigneeId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(Time)),
    needsInstruction: Type.Optional(Type.Boolean()),
    note: Type.Optional(Text(5000)),
  },
  { additionalProperties: false },
);

export const TaskChangesBody = Type.Object(
  {
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    title: Type.Optional(Text(300, 1)),
    detail: Type.Optional(Text(10_000)),
    assigneeId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(Time)),
    status: Type.Optional(Enum(TASK_STATUSES)),
    note: Type.Optional(Text(5000)),
    overrideReason: Type.Optional(Text(2000)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TaskListQuery = Type.Object(
  {
    /** me (default), any, unassigned, or a user's id. */
    assignee: Type.Optional(Text(100, 1)),
    /** A comma-separated list of: open (every unfinished status), in-progress, blocked, done, skipped, all. */
    status: Type.Optional(Text(200, 1)),
    cursor: Type.Optional(Text(500, 1)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

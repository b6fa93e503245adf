import type { IncidentAllowed } from './allowed.ts';
import type { IncidentRole } from './incident-vocabulary.ts';
import type { PlaybookStep, StepDue } from './prepare-types.ts';

// Tasks as the API shows them (docs/api.md#tasks): response work on an incident, from a playbook step or ad hoc.
// Shared by the server and the web UI: names and shapes only, no logic.

export const TASK_STATUSES = ['open', 'in-progress', 'blocked', 'done', 'skipped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses that end a task: it is no longer anyone's to do, never overdue and never reminded. */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = ['done', 'skipped'];

export type TaskPhase = PlaybookStep['phase'];

export interface Task {
  id: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  customerId: string | null;
  /** The incident is an exercise. */
  exercise: boolean;
  /** The playbook it came from (its slug) and that playbook's name; null for an ad-hoc task. */
  playbookId: string | null;
  playbookName: string | null;
  stepId: string | null;
  /** What an instruction request about this task names (`playbookSlug/stepId`, or `task/<id>` for an ad-hoc one). */
  stepRef: string | null;
  phase: TaskPhase | null;
  role: IncidentRole | null;
  title: string;
  detail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** When it falls due; null: no due time, or its clock (see `due`) has not started yet. */
  dueAt: string | null;
  /** The playbook's offset it follows (dueAt is recomputed when its clock starts or moves); null: a fixed time. */
  due: StepDue | null;
  /** Past its due time and not done or skipped. */
  overdue: boolean;
  /** It needs the customer's instruction before it may be marked done. */
  needsInstruction: boolean;
  /** Why it cannot be marked done yet (the customer's instruction), or null. */
  gate: string | null;
  /** Marked done without the instruction it needed: why (flagged for the review). */
  override: string | null;
  status: TaskStatus;
  note: string;
  /** Increases with every change; send it back as expectedVersion. */
  version: number;
  /** When the assignee was reminded that it fell due. */
  remindedAt: string | null;
  createdAt: string;
  updatedAt: string;
  allowed: IncidentAllowed;
}

/** A playbook of the incident's plan, as the Tasks panel offers it. */
export interface ApplicablePlaybook {
  /** The slug (what POST …/playbooks/:playbookId/apply takes; a stored playbook's record id works too). */
  id: string;
  name: string;
  steps: number;
  /** It fits the incident's category. */
  suggested: boolean;
  /** Its tasks already exist on this incident. */
  applied: boolean;
}

/** GET /incidents/:id/tasks. */
export interface IncidentTasks {
  items: Task[];
  playbooks: ApplicablePlaybook[];
  /** The people a task may be given to: those who may work on the incident. */
  candidates: { id: string; name: string }[];
  now: string;
}

/** GET /tasks. */
export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
  now: string;
}

/** Body of PATCH /tasks/:id. */
export interface TaskChanges {
  expectedVersion?: number;
  title?: string;
  detail?: string;
  assigneeId?: string | null;
  dueAt?: string | null;
  status?: TaskStatus;
  note?: string;
  /** Marks a gated task done without the customer's instruction: why (flagged for the review). */
  overrideReason?: string;
}

/** Body of POST /incidents/:id/tasks. */
export interface NewTask {
  title: string;
  detail?: string;
  phase?: TaskPhase | null;
  role?: IncidentRole | null;
  assigneeId?: string | null;
  dueAt?: string | null;
  needsInstruction?: boolean;
  note?: string;
}

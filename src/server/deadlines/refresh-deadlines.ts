import type { StageClock } from '../../shared/prepare-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { type DeadlineRow, deleteDeadlinesExcept, upsertDeadlines } from './deadlines.queries.ts';
import { incidentSnapshot, obligationFacts } from './incident-snapshot.ts';

export const REMIND_JOB = 'deadline.remind';
export const DUE_JOB = 'deadline.due';

export interface DeadlineJobPayload {
  incidentId: string;
  obligationId: string;
  stageId: string;
  /** The due time the job was set for: if the clock moved since, the job has nothing to do. */
  dueAt: string;
  /** Reminders only: minutes before dueAt. */
  offsetMinutes?: number;
}

// The events that can change whether an obligation applies or when it is due; notes and deliveries cannot.
const RELEVANT = new Set([
  'incident.reported',
  'incident.updated',
  'incident.severity_overridden',
  'incident.transitioned',
  'determination.recorded',
  'obligation.submitted',
  'obligation.waived',
]);

/**
 * Re-evaluates the incident's obligations after a relevant change, in the change's transaction: the deadlines
 * table (the dashboard across incidents) gets each applying stage's clock, and every running clock its
 * reminders and its due-time check as durable jobs. Jobs are keyed by the due time, so re-evaluating
 * enqueues nothing new unless a clock moved, and a job for an old due time finds nothing to do.
 */
export async function refreshDeadlines(
  tx: Tx,
  deps: Deps,
  state: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  if (!state.customerId || !events.some((e) => RELEVANT.has(e.type))) return;
  const plan = await incidentSnapshot(tx, deps.database.dialect, state, now);
  if (!plan) return;
  const facts = obligationFacts(state, plan.snapshot);
  const rows: DeadlineRow[] = [];
  for (const { definition, enabled } of plan.snapshot.obligations) {
    if (!enabled) continue;
    const verdict = evaluateObligation(definition as Obligation, facts, now);
    if (!verdict.applies) continue;
    for (const clock of verdict.stages) {
      const ref = `${definition.id}/${clock.stageId}`;
      rows.push({
        incident_id: state.id,
        obligation_id: definition.id,
        stage_id: clock.stageId,
        customer_id: state.customerId,
        incident_key: state.key,
        incident_title: state.title,
        obligation_name: definition.name,
        stage_name: clock.name,
        recipient: definition.recipient,
        status: state.waivers?.[ref] ? 'waived' : clock.status,
        started_at: clock.startedAt,
        due_at: clock.dueAt,
        submitted_at: clock.submittedAt,
        missed_at: null,
        updated_at: now.toISOString(),
      });
    }
  }
  await deleteDeadlinesExcept(tx, state.id, rows);
  await upsertDeadlines(tx, rows);
  for (const row of rows) {
    if (row.due_at && (row.status === 'running' || row.status === 'overdue')) await scheduleClock(tx, deps, row, now);
  }
}

async function scheduleClock(tx: Tx, deps: Deps, row: DeadlineRow, now: Date): Promise<void> {
  const dueAt = row.due_at as string;
  const base = { incidentId: row.incident_id, obligationId: row.obligation_id, stageId: row.stage_id, dueAt };
  const key = `${row.incident_id}:${row.obligation_id}/${row.stage_id}:${dueAt}`;
  const due = new Date(dueAt);
  await enqueue(tx, { name: DUE_JOB, payload: base, runAt: due < now ? now : due, uniqueKey: `due:${key}` }, now);
  for (const offsetMinutes of deps.config.notify.reminderOffsetsMinutes) {
    const remindAt = new Date(due.getTime() - offsetMinutes * 60_000);
    if (remindAt <= now) continue;
    const payload: DeadlineJobPayload = { ...base, offsetMinutes };
    await enqueue(tx, { name: REMIND_JOB, payload, runAt: remindAt, uniqueKey: `remind:${key}:${offsetMinutes}` }, now);
  }
}

export type { StageClock };

import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { effectiveSeverity, evolve } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';

// The facts the response metrics are computed from (docs/metrics.md gives each figure's definition): one record per
// incident, a pure fold of its timeline, so that the metrics agree with the record. The incident's own fold
// (evolve) gives the fields and times it keeps; the rest (decision points, the first customer report delivered,
// obligation stage outcomes, instruction answers) is read from the events here.

/** What happened to one obligation stage on the timeline (absent: nothing yet). */
export interface StageFacts {
  /** obligation.submitted's `at` (the submission time recorded, which may be earlier than the event). */
  submittedAt?: string;
  /** obligation.waived's `at`. */
  waivedAt?: string;
  /** The due time of the last deadline.missed of the stage. */
  missedDueAt?: string;
}

export type StageOutcome = 'met' | 'met-late' | 'missed' | 'waived';

export interface InstructionFacts {
  /** When the notification asking for it was requested (its event's time). */
  requestedAt: string;
  /** The answer's `at`; null while unanswered. */
  answeredAt: string | null;
}

export interface MetricFacts {
  incidentId: string;
  /** The last event folded that a fact depends on (see METRIC_EVENTS). */
  version: number;
  exercise: boolean;
  tlp: string;
  customerId: string | null;
  category: string | null;
  severity: string | null;
  status: string;
  reportedAt: string;
  occurredAt: string | null;
  detectedAt: string | null;
  /** The first decision.recorded of each point (its event's time). */
  dp1At: string | null;
  dp2At: string | null;
  /** The first delivery of a notify-customer message (see firstDelivery). */
  firstReportAt: string | null;
  containedAt: string | null;
  resolvedAt: string | null;
  /** By "obligationId/stageId". */
  stages: Record<string, StageFacts>;
  /** By notification id. */
  instructions: Record<string, InstructionFacts>;
  /** Notify-customer messages asked for and not yet delivered while no first report is delivered (bookkeeping). */
  pending: string[];
}

/** The events that can change a fact; the others (notes, evidence, tasks…) are passed over without a write. */
export const METRIC_EVENTS: ReadonlySet<string> = new Set([
  'incident.reported',
  'incident.updated',
  'incident.severity_overridden',
  'incident.transitioned',
  'decision.recorded',
  'milestone.recorded',
  'notification.prepared',
  'notification.requested',
  'notification.attempted',
  'notification.acknowledged',
  'instruction.answered',
  'obligation.submitted',
  'obligation.waived',
  'deadline.missed',
]);

/**
 * Pure: the facts after one more event, given the incident's state after it (evolve's). `facts` null: the
 * incident's first event.
 */
export function foldMetricFacts(facts: MetricFacts | null, state: IncidentState, event: StoredEvent<IncidentEvent>): MetricFacts {
  const base = facts ?? {
    incidentId: state.id,
    version: 0,
    dp1At: null,
    dp2At: null,
    firstReportAt: null,
    stages: {},
    instructions: {},
    pending: [],
  };
  const next: MetricFacts = {
    ...base,
    // Only the events a fact depends on count, so the row written change by change equals the fold of the whole timeline.
    version: METRIC_EVENTS.has(event.type) ? event.seq : base.version,
    exercise: state.exercise,
    tlp: state.tlp,
    customerId: state.customerId,
    category: state.category,
    severity: effectiveSeverity(state),
    status: state.status,
    reportedAt: state.times.reportedAt,
    occurredAt: state.times.occurredAt,
    detectedAt: state.times.detectedAt,
    containedAt: state.times.containedAt,
    resolvedAt: state.times.resolvedAt,
  };
  const at = event.occurredAt;
  switch (event.type) {
    case 'decision.recorded':
      if (event.data.point === 'DP1') next.dp1At ??= at;
      else next.dp2At ??= at;
      break;
    case 'notification.prepared':
    case 'notification.requested': {
      const d = event.data;
      if (d.kind === 'instruction' && event.type === 'notification.requested' && !next.instructions[d.notificationId]) {
        next.instructions = { ...next.instructions, [d.notificationId]: { requestedAt: at, answeredAt: null } };
      }
      if (isCustomerReport(d) && !next.firstReportAt && !next.pending.includes(d.notificationId)) {
        next.pending = [...next.pending, d.notificationId];
      }
      break;
    }
    case 'notification.attempted':
      if (event.data.outcome === 'accepted') delivered(next, event.data.notificationId, event.data.at);
      break;
    case 'notification.acknowledged':
      delivered(next, event.data.notificationId, at);
      break;
    case 'instruction.answered': {
      const asked = next.instructions[event.data.notificationId];
      if (asked && asked.answeredAt === null) {
        next.instructions = { ...next.instructions, [event.data.notificationId]: { ...asked, answeredAt: event.data.at } };
      }
      break;
    }
    case 'obligation.submitted':
      stage(next, event.data, (s) => ({ ...s, submittedAt: s.submittedAt ?? event.data.at }));
      break;
    case 'obligation.waived':
      stage(next, event.data, (s) => ({ ...s, waivedAt: s.waivedAt ?? event.data.at }));
      break;
    case 'deadline.missed':
      stage(next, event.data, (s) => ({ ...s, missedDueAt: event.data.dueAt }));
      break;
  }
  return next;
}

/** The first report to the customer: a message (not an instruction request, a reminder or a test) on the notify-customer ladder. */
function isCustomerReport(d: { purpose: string; kind: string }): boolean {
  return d.purpose === 'notify-customer' && d.kind === 'message';
}

/** A notify-customer message reached someone: a channel accepted it, or a person acknowledged it (or did the manual step). */
function delivered(facts: MetricFacts, notificationId: string, at: string): void {
  if (facts.firstReportAt || !facts.pending.includes(notificationId)) return;
  facts.firstReportAt = at;
  facts.pending = [];
}

function stage(facts: MetricFacts, ref: { obligationId: string; stageId: string }, change: (s: StageFacts) => StageFacts) {
  const key = `${ref.obligationId}/${ref.stageId}`;
  facts.stages = { ...facts.stages, [key]: change(facts.stages[key] ?? {}) };
}

/** Pure: the facts of a whole timeline (its first event must be incident.reported). */
export function metricFacts(events: readonly StoredEvent<IncidentEvent>[]): MetricFacts {
  let state: IncidentState | null = null;
  let facts: MetricFacts | null = null;
  for (const event of events) {
    state = evolve(state, event);
    facts = foldMetricFacts(facts, state, event);
  }
  if (!facts) throw new Error('An incident timeline has at least its report');
  return facts;
}

/**
 * A stage's outcome: submitted on or before the due time of its last recorded miss (or never missed) is met, after it
 * met late; otherwise waived, or missed while neither. null: still open (or never due).
 */
export function stageOutcome(s: StageFacts): StageOutcome | null {
  if (s.submittedAt) return s.missedDueAt && Date.parse(s.submittedAt) > Date.parse(s.missedDueAt) ? 'met-late' : 'met';
  if (s.waivedAt) return 'waived';
  return s.missedDueAt ? 'missed' : null;
}

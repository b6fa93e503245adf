import type { Incident, RoleHolder, Submission, Waiver } from '../../shared/api-types.ts';
import type { EffectAnswerView, EffectWarning } from '../../shared/effects.ts';
import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES, type IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { InstructionAnswer } from '../../shared/notification-types.ts';
import type { Observable } from '../../shared/observable-types.ts';
import type { PreservationRequest } from '../../shared/preservation-types.ts';
import type { Review } from '../../shared/review-types.ts';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import type { ChainVerdict } from '../core/events/hash-chain.ts';
import type { DeadlineRow } from '../deadlines/deadlines.queries.ts';
import type { CustodyEntry } from '../evidence/custody.ts';
import type { IncidentState } from '../incidents/incident-state.ts';

/**
 * The incident report (GET /api/v1/incidents/:id/report.json, and what report.html and report.pdf show). Every
 * time is RFC 3339 UTC; the printed forms show them in `timeZone`. docs/incident-report.md describes each part.
 */
export interface IncidentReport {
  kind: 'muster-incident-report';
  version: 1;
  generatedAt: string;
  generatedBy: { id: string; name: string };
  timeZone: string;
  tlp: Incident['tlp'];
  exercise: boolean;
  incident: Pick<
    Incident,
    | 'id'
    | 'key'
    | 'title'
    | 'description'
    | 'status'
    | 'category'
    | 'origin'
    | 'impact'
    | 'severity'
    | 'derivedSeverity'
    | 'severityOverride'
    | 'tlp'
    | 'exercise'
    | 'personalData'
    | 'source'
    | 'determinations'
    | 'times'
    | 'version'
  > & {
    customer: { id: string; name: string; code: string } | null;
    services: { id: string; name: string }[];
    plan: { id: string; version: number; sha256: string } | null;
  };
  effects: {
    answered: number;
    total: number;
    answers: Omit<EffectAnswerView, 'hint'>[];
    proposedImpact: Incident['impact'];
    warnings: EffectWarning[];
  };
  decisions: ReportDecision[];
  roles: { role: IncidentRole; label: string; holder: string | null; via: RoleHolder['via'] | 'name' | null }[];
  tasks: {
    id: string;
    title: string;
    phase: string | null;
    role: string | null;
    playbook: string | null;
    assignee: string | null;
    status: string;
    dueAt: string | null;
    needsInstruction: boolean;
    override: string | null;
    note: string;
    updatedAt: string;
  }[];
  notifications: {
    id: string;
    purpose: string;
    kind: string;
    subject: string;
    /** The message as worded when it was sent. */
    body: string;
    status: string;
    obligationRef: string | null;
    createdBy: string;
    createdAt: string;
    sentAt: string | null;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
    attempts: { level: string; at: string; channel: string; outcome: string; reason: string | null }[];
    response: InstructionAnswer | null;
  }[];
  obligations: ReportObligationStage[];
  evidence: (EvidenceItem & { custody: CustodyEntry[] })[];
  /** What the customer was asked to keep, newest first: each item's latest answer, and the request's custody log. */
  preservation: ReportPreservation[];
  observables: Pick<Observable, 'id' | 'type' | 'value' | 'tlp' | 'tags' | 'description' | 'firstSeen' | 'lastSeen'>[];
  /** The post-incident review (docs/reviews.md): null (or absent, in reports made before reviews) before review. */
  review?: Omit<Review, 'allowed'> | null;
  timeline: {
    count: number;
    /** The last event shown and its hash: the timeline as it stood before this export was recorded on it. */
    headSeq: number;
    headHash: string;
    integrity: ChainVerdict;
    events: { seq: number; at: string; actor: string | null; type: string; words: string; data: unknown; hash: string }[];
  };
}

export type ReportPreservation = Pick<
  PreservationRequest,
  'id' | 'status' | 'message' | 'keepUntil' | 'expiresAt' | 'createdBy' | 'createdAt' | 'items' | 'custody'
> & {
  /** When the message carrying the list went out; null: not sent yet. */
  sentAt: string | null;
};

export interface ReportDecision {
  seq: number;
  at: string;
  by: string;
  decision: string;
  reason: string | null;
}

export interface ReportObligationStage {
  obligationId: string;
  obligation: string;
  stageId: string;
  stage: string;
  recipient: string;
  /** waiting, running, overdue, met, met-late, waived, not-applicable. */
  status: string;
  startedAt: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  missedAt: string | null;
  /** How it was met: the notification or the manual record, with its reference. */
  submission: Submission | null;
  waiver: Waiver | null;
}

const reasonOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** Every decision on the timeline with who made it, when and why: DP1 and DP2, severity, status, waivers, overrides. */
export function decisionsOf(events: readonly StoredEvent[]): ReportDecision[] {
  const out: ReportDecision[] = [];
  for (const e of events) {
    const at = { seq: e.seq, at: e.occurredAt, by: e.actor?.name ?? 'system' };
    switch (e.type) {
      case 'decision.recorded': {
        const d = e.data;
        const classified =
          d.point === 'DP2'
            ? ` (${[d.classification.category, d.classification.severity, d.classification.tlp].filter(Boolean).join(', ')})`
            : '';
        out.push({ ...at, decision: `${d.point}: ${d.outcome}${classified}`, reason: reasonOf(d.reason) });
        break;
      }
      case 'incident.severity_overridden':
        out.push({
          ...at,
          decision: e.data.severity ? `Severity set to ${e.data.severity}` : 'Severity override removed',
          reason: reasonOf(e.data.reason),
        });
        break;
      case 'incident.transitioned':
        out.push({ ...at, decision: `Status ${e.data.from} → ${e.data.to}`, reason: reasonOf(e.data.reason) });
        break;
      case 'determination.recorded':
        out.push({ ...at, decision: `Determined “${e.data.name}”`, reason: reasonOf(e.data.reason) });
        break;
      case 'obligation.waived':
        out.push({ ...at, decision: `Waived ${e.data.obligationId} / ${e.data.stageId}`, reason: reasonOf(e.data.reason) });
        break;
      case 'communication.level_set':
        out.push({ ...at, decision: `Communication moved to ${e.data.level}`, reason: reasonOf(e.data.reason) });
        break;
      case 'channel.compromised':
        out.push({ ...at, decision: `Channel declared compromised (${e.data.scope})`, reason: reasonOf(e.data.reason) });
        break;
      case 'step.completed':
        if (e.data.override)
          out.push({ ...at, decision: `Done without the customer’s instruction: ${e.data.title}`, reason: e.data.override });
        break;
      case 'task.changed':
        if (e.data.override)
          out.push({ ...at, decision: `Done without the customer’s instruction: ${e.data.title}`, reason: e.data.override });
        break;
    }
  }
  return out;
}

/** Each CSIRT role with who holds it: a user on the incident, the plan roster's holder, or a name typed on it. */
export function rolesOf(state: IncidentState, holders: Record<IncidentRole, RoleHolder | null>): IncidentReport['roles'] {
  return INCIDENT_ROLES.map((role) => {
    const holder = holders[role];
    const typed = state.assignments?.[role];
    return {
      role,
      label: INCIDENT_ROLE_LABELS[role],
      holder: holder?.name ?? typed ?? null,
      via: holder?.via ?? (typed ? 'name' : null),
    };
  });
}

/** The deadline proof: each obligation stage's clock, and how it was met or waived. */
export function obligationStages(rows: readonly DeadlineRow[], state: IncidentState): ReportObligationStage[] {
  return [...rows]
    .sort((a, b) => (a.due_at ?? '\uffff').localeCompare(b.due_at ?? '\uffff') || a.obligation_id.localeCompare(b.obligation_id))
    .map((r) => {
      const ref = `${r.obligation_id}/${r.stage_id}`;
      return {
        obligationId: r.obligation_id,
        obligation: r.obligation_name,
        stageId: r.stage_id,
        stage: r.stage_name,
        recipient: r.recipient,
        status: r.status,
        startedAt: r.started_at,
        dueAt: r.due_at,
        submittedAt: r.submitted_at,
        missedAt: r.missed_at,
        submission: state.submissions?.[ref] ?? null,
        waiver: state.waivers?.[ref] ?? null,
      };
    });
}

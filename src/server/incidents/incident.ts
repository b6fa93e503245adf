import type { OpenClock } from '../../shared/api-types.ts';
import type { EffectAnswerValue, EffectQuestionId } from '../../shared/effects.ts';
import type { FieldChanges } from '../../shared/field-changes.ts';
import type { DecisionRecorded, IncidentFields, IncidentReported } from '../../shared/incident-events.ts';
import type { IncidentSource, IncidentStatus, Milestone, Severity } from '../../shared/incident-vocabulary.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import type { IncidentState, IncidentTimes } from './incident-state.ts';
import { type ReviewGate, ruleFor, type TransitionContext, type TransitionRule } from './lifecycle.ts';
import { deriveSeverity } from './severity.ts';

/** Fields a report or an update may set directly (planVersionId: by the use-cases, never by a caller). */
export type EditableFields = IncidentFields;

export type IncidentCommand =
  | { type: 'report'; id: string; key: string; source: IncidentSource; fields: Partial<EditableFields> & { title: string } }
  | { type: 'update'; changes: Partial<EditableFields>; severityOverride?: { severity: Severity; reason: string } | null }
  | { type: 'add-note'; body: string }
  | {
      type: 'transition';
      to: IncidentStatus;
      reason: string | null;
      /** The obligation clocks still open, from the incident's plan (change-incident.ts fills them in for a close). */
      openClocks?: readonly OpenClock[];
      /** What the review says (change-incident.ts fills it in for a close and for entering review). */
      review?: ReviewGate;
    }
  | { type: 'record-milestone'; milestone: Milestone; at: string }
  | { type: 'record-determination'; name: string; reason: string };

const TIME_FIELDS = ['occurredAt', 'detectedAt', 'awareAt'] as const;
const TIME_LABELS = { occurredAt: 'occurrence time', detectedAt: 'detection time', awareAt: 'awareness time' } as const;

export function effectiveSeverity(state: IncidentState): Severity | null {
  return state.severityOverride?.severity ?? deriveSeverity(state.impact);
}

/** Pure: what happens when command meets state. Throws AppError when the command is not allowed. */
export function decide(state: IncidentState | null, command: IncidentCommand, now: Date): IncidentEvent[] {
  if (command.type === 'report') {
    if (state) throw new AppError('conflict', 'This incident already exists');
    const f = command.fields;
    const reportedAt = now.toISOString();
    const times = { occurredAt: f.occurredAt ?? null, detectedAt: f.detectedAt ?? null, awareAt: f.awareAt ?? reportedAt };
    checkTimes(times, now);
    return [
      {
        type: 'incident.reported',
        data: {
          id: command.id,
          key: command.key,
          source: command.source,
          title: f.title,
          description: f.description ?? '',
          category: f.category ?? null,
          origin: f.origin ?? 'unknown',
          impact: f.impact ?? null,
          tlp: f.tlp ?? 'TLP:AMBER',
          exercise: f.exercise ?? false,
          personalData: f.personalData ?? null,
          customerId: f.customerId ?? null,
          serviceIds: f.serviceIds ?? [],
          planVersionId: f.planVersionId ?? null,
          assignments: f.assignments ?? {},
          ...times,
          reportedAt,
        },
      },
    ];
  }
  if (!state) throw new AppError('not_found', 'Incident not found');
  switch (command.type) {
    case 'update': {
      if (state.status === 'closed' || state.status === 'dismissed') {
        throw new AppError('conflict', `The incident is ${state.status}; reopen it before changing it`);
      }
      const events: IncidentEvent[] = [];
      const changed: FieldChanges<IncidentFields> = { changes: {}, previous: {} };
      const current = fieldsOf(state);
      for (const field of Object.keys(command.changes) as (keyof IncidentFields)[]) {
        recordChange(changed, current, command.changes, field);
      }
      const { changes } = changed;
      if (Object.keys(changes).length > 0) {
        const times = {
          occurredAt: 'occurredAt' in changes ? (changes.occurredAt ?? null) : state.times.occurredAt,
          detectedAt: 'detectedAt' in changes ? (changes.detectedAt ?? null) : state.times.detectedAt,
          awareAt: 'awareAt' in changes ? (changes.awareAt ?? null) : state.times.awareAt,
        };
        checkTimes(times, now);
        events.push({ type: 'incident.updated', data: changed });
      }
      const override = command.severityOverride;
      if (override !== undefined && JSON.stringify(state.severityOverride) !== JSON.stringify(override)) {
        if (override && !override.reason.trim())
          throw new AppError('invalid', 'Say why the severity is overridden', 'severityOverride.reason');
        events.push({
          type: 'incident.severity_overridden',
          data: override ? { severity: override.severity, reason: override.reason } : { severity: null, reason: null },
        });
      }
      return events;
    }
    case 'add-note':
      return [{ type: 'note.added', data: { body: command.body } }];
    case 'transition':
      return decideTransition(
        state,
        command.to,
        command.reason,
        { openClocks: command.openClocks ?? [], review: command.review },
        now,
      );
    case 'record-milestone':
      return decideMilestone(state, command.milestone, command.at, now);
    case 'record-determination': {
      // A determination ("major" under DORA, "significant" under NIS2…) starts the clocks of the obligations
      // that wait for it; it is made once, with a reason, and stays on the record.
      const made = state.determinations?.[command.name];
      if (made) throw new AppError('conflict', `The incident was already determined ${command.name} at ${made}`, 'name');
      if (!command.reason.trim()) throw new AppError('invalid', 'Say why the incident is determined so', 'reason');
      return [{ type: 'determination.recorded', data: { name: command.name, reason: command.reason, at: now.toISOString() } }];
    }
  }
}

function decideTransition(
  state: IncidentState,
  to: IncidentStatus,
  reason: string | null,
  context: TransitionContext,
  now: Date,
): IncidentEvent[] {
  const rule = ruleFor(state.status, to);
  if (!rule) throw new AppError('conflict', `An incident that is ${state.status} cannot move to ${to}`, 'to');
  const blocked = rule.blockedBy?.(state, context);
  if (blocked) throw new AppError('conflict', blocked, 'to');
  if (rule.reasonRequired && !reason) {
    throw new AppError('invalid', `A reason is required to move from ${state.status} to ${to}`, 'reason');
  }
  const at = now.toISOString();
  const events: IncidentEvent[] = [];
  if (rule.decision) {
    events.push({
      type: 'decision.recorded',
      data: decisionData(rule, state, reason),
    });
  }
  events.push({ type: 'incident.transitioned', data: { from: state.status, to, reason, at } });
  // Entering review opens the incident's review (again, after a reopen: the same one), pre-filled from the record.
  if (to === 'reviewing') events.push({ type: 'review.opened', data: { required: context.review?.required ?? true } });
  return events;
}

function decisionData(rule: TransitionRule, state: IncidentState, reason: string | null): DecisionRecorded {
  if (rule.decision === 'DP2') {
    return {
      point: 'DP2',
      outcome: 'respond',
      reason,
      classification: { category: state.category, impact: state.impact, severity: effectiveSeverity(state), tlp: state.tlp },
    };
  }
  return { point: 'DP1', outcome: rule.to === 'dismissed' ? 'false-positive' : 'incident', reason };
}

/** The fields of the state an update compares against (the times live in state.times). */
function fieldsOf(state: IncidentState): IncidentFields {
  const { title, description, category, origin, impact, tlp, exercise, personalData } = state;
  const { assignments, customerId, serviceIds, planVersionId } = state;
  const { occurredAt, detectedAt, awareAt } = state.times;
  return {
    title,
    description,
    category,
    origin,
    impact,
    tlp,
    exercise,
    personalData,
    occurredAt,
    detectedAt,
    awareAt,
    assignments,
    customerId,
    serviceIds,
    planVersionId,
  };
}

/** Adds field to the change when its new value differs from the current one. */
function recordChange<F extends keyof IncidentFields>(
  changed: FieldChanges<IncidentFields>,
  current: IncidentFields,
  next: Partial<IncidentFields>,
  field: F,
): void {
  const value = next[field];
  if (value === undefined || JSON.stringify(current[field]) === JSON.stringify(value)) return;
  changed.changes[field] = value;
  changed.previous[field] = current[field] ?? null;
}

const MILESTONE_TIME = { contained: 'containedAt', eradicated: 'eradicatedAt', resolved: 'resolvedAt' } as const;

function decideMilestone(state: IncidentState, milestone: Milestone, at: string, now: Date): IncidentEvent[] {
  if (state.status !== 'responding' && state.status !== 'recovering') {
    throw new AppError('conflict', `Milestones are recorded while responding or recovering; the incident is ${state.status}`);
  }
  const already = state.times[MILESTONE_TIME[milestone]];
  if (already) throw new AppError('conflict', `The incident was already recorded as ${milestone} at ${already}`, 'milestone');
  if (milestone !== 'contained' && !state.times.containedAt) {
    throw new AppError('conflict', `Record that the incident is contained before recording it as ${milestone}`, 'milestone');
  }
  if (Date.parse(at) > now.getTime() + 5 * 60_000) throw new AppError('invalid', 'The milestone time is in the future', 'at');
  return [{ type: 'milestone.recorded', data: { milestone, at } }];
}

function checkTimes(times: Pick<IncidentTimes, 'occurredAt' | 'detectedAt' | 'awareAt'>, now: Date): void {
  const skew = now.getTime() + 5 * 60_000;
  for (const field of TIME_FIELDS) {
    const value = times[field];
    if (value && Date.parse(value) > skew)
      throw new AppError('invalid', `The ${TIME_LABELS[field]} (${field}) is in the future`, field);
  }
  const occurred = times.occurredAt ? Date.parse(times.occurredAt) : null;
  for (const field of ['detectedAt', 'awareAt'] as const) {
    const value = times[field];
    if (occurred !== null && value && Date.parse(value) < occurred) {
      throw new AppError('invalid', `The ${TIME_LABELS[field]} (${field}) is earlier than the occurrence time`, field);
    }
  }
}

/** Pure: the state after event. The first event of a stream must be incident.reported. */
export function evolve(state: IncidentState | null, event: StoredEvent<IncidentEvent>): IncidentState {
  if (event.type === 'incident.reported') return reportedState(event.data, event);
  if (!state) throw new Error(`Stream ${event.streamId} does not start with incident.reported`);
  const next: IncidentState = { ...state, times: { ...state.times }, version: event.seq, updatedAt: event.recordedAt };
  switch (event.type) {
    case 'incident.updated': {
      const { occurredAt, detectedAt, awareAt, ...fields } = event.data.changes;
      Object.assign(next, fields);
      const times = { occurredAt, detectedAt, awareAt };
      for (const field of TIME_FIELDS) if (field in event.data.changes) next.times[field] = times[field] ?? null;
      break;
    }
    case 'incident.severity_overridden': {
      const d = event.data;
      next.severityOverride = d.severity ? { severity: d.severity, reason: d.reason } : null;
      break;
    }
    case 'incident.transitioned': {
      const d = event.data;
      next.status = d.to;
      // DP1's clock (task due times run from it): the first time it was taken for an incident.
      if (d.to === 'assessing' && !next.times.confirmedAt) next.times.confirmedAt = d.at;
      if (d.to === 'responding' && !next.times.classifiedAt) next.times.classifiedAt = d.at;
      if (d.to === 'closed') next.times.closedAt = d.at;
      if (d.to === 'assessing' && (d.from === 'closed' || d.from === 'dismissed')) next.times.closedAt = null;
      break;
    }
    case 'determination.recorded':
      next.determinations = { ...next.determinations, [event.data.name]: event.data.at };
      break;
    case 'milestone.recorded':
      next.times[MILESTONE_TIME[event.data.milestone]] = event.data.at;
      break;
    case 'obligation.submitted': {
      const d = event.data;
      next.submissions = {
        ...next.submissions,
        [`${d.obligationId}/${d.stageId}`]: {
          at: d.at,
          reference: d.reference,
          via: d.via,
          notificationId: d.notificationId ?? null,
          note: d.note ?? '',
        },
      };
      break;
    }
    case 'obligation.waived': {
      const d = event.data;
      next.waivers = {
        ...next.waivers,
        [`${d.obligationId}/${d.stageId}`]: { at: d.at, reason: d.reason, by: event.actor.name },
      };
      break;
    }
    case 'step.completed':
      next.steps = {
        ...next.steps,
        [event.data.stepRef]: { at: event.occurredAt, by: event.actor.name, override: event.data.override ?? null },
      };
      break;
    case 'communication.level_set':
      next.communicationLevel = event.data.level;
      break;
    case 'effects.assessed': {
      const effects = { ...next.effects };
      const at = event.occurredAt;
      const by = event.actor.name;
      for (const [question, value] of Object.entries(event.data.changes) as [EffectQuestionId, EffectAnswerValue][]) {
        effects[question] = { ...value, at, by };
      }
      next.effects = effects;
      break;
    }
    case 'role.assigned':
      next.assignments = { ...next.assignments, [event.data.role]: event.data.userId };
      break;
    case 'role.removed': {
      const { [event.data.role]: _removed, ...rest } = next.assignments;
      next.assignments = rest;
      break;
    }
  }
  return next;
}

function reportedState(d: IncidentReported, event: StoredEvent): IncidentState {
  return {
    id: d.id,
    key: d.key,
    title: d.title,
    description: d.description,
    status: 'reported',
    category: d.category,
    origin: d.origin,
    impact: d.impact,
    severityOverride: null,
    tlp: d.tlp,
    exercise: d.exercise,
    personalData: d.personalData,
    source: d.source,
    customerId: d.customerId ?? null,
    serviceIds: d.serviceIds ?? [],
    planVersionId: d.planVersionId ?? null,
    determinations: {},
    submissions: {},
    waivers: {},
    communicationLevel: null,
    steps: {},
    assignments: d.assignments,
    times: {
      occurredAt: d.occurredAt,
      detectedAt: d.detectedAt,
      awareAt: d.awareAt,
      reportedAt: d.reportedAt,
      confirmedAt: null,
      classifiedAt: null,
      containedAt: null,
      eradicatedAt: null,
      resolvedAt: null,
      closedAt: null,
    },
    version: event.seq,
    createdAt: event.recordedAt,
    updatedAt: event.recordedAt,
  };
}

import { incidentAllowed } from '../auth/allowed.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { redactUrls } from '../core/redact.ts';
import { openClocksOf } from '../deadlines/incident-snapshot.ts';
import { reviewGateOf } from '../reviews/review-gate.ts';
import { effectiveSeverity } from './incident.ts';
import type { IncidentState } from './incident-state.ts';
import { allowedTransitions, type TransitionContext } from './lifecycle.ts';
import { deriveSeverity } from './severity.ts';

/**
 * The API shape of an incident as every route answers it: incidentView with what only its plan knows, the
 * obligation clocks still open and what its review says, worked out for an incident in review (the only stage
 * that can close).
 */
export async function presentIncident(deps: Deps, state: IncidentState, actor: Actor) {
  const { db, dialect } = deps.database;
  if (state.status !== 'reviewing') return incidentView(state, actor, { openClocks: [] });
  const now = deps.clock.now();
  const [openClocks, review] = await Promise.all([openClocksOf(db, dialect, state, now), reviewGateOf(db, dialect, state, now)]);
  return incidentView(state, actor, { openClocks, review });
}

/** The API shape of an incident: its state plus what is derived from it, and what the actor may do with it. */
export function incidentView(state: IncidentState, actor: Actor, context: TransitionContext) {
  // The effects assessment has its own routes (src/server/effects/); its free text stays out of every incident list.
  const { effects, ...incident } = state;
  return {
    ...incident,
    // Incidents stored before these fields existed.
    submissions: state.submissions ?? {},
    waivers: state.waivers ?? {},
    communicationLevel: state.communicationLevel ?? null,
    steps: state.steps ?? {},
    times: { ...state.times, confirmedAt: state.times.confirmedAt ?? null },
    severity: effectiveSeverity(state),
    derivedSeverity: deriveSeverity(state.impact),
    allowedTransitions: allowedTransitions(state, context),
    allowed: incidentAllowed(actor, state),
  };
}

/**
 * Fields of timeline events that name a channel or quote a delivery failure. Events recorded before channel
 * addresses were masked hold webhook URLs whole there; their bytes stay as stored (the hash chain covers them)
 * and every view of them masks the URLs instead.
 */
const CHANNEL_FIELDS: Record<string, readonly string[]> = {
  'notification.attempted': ['channel', 'reason'],
  'notification.skipped': ['reason'],
  'notification.escalated': ['reason'],
  'notification.exhausted': ['reason'],
  'notification.task_created': ['instruction'],
  'channel.compromised': ['channel'],
};

/** Whether an event of this type with this stored data text has fields that its views mask. */
export function maskedFieldsOf(type: string, dataText: string): boolean {
  if (type === 'obligation.submitted') return (JSON.parse(dataText) as { via?: unknown }).via === 'notification';
  return Object.hasOwn(CHANNEL_FIELDS, type);
}

function channelFields(event: StoredEvent): readonly string[] {
  if (event.type === 'obligation.submitted' && event.data.via === 'notification') return ['note'];
  return CHANNEL_FIELDS[event.type] ?? [];
}

/** A timeline entry as the API, the live stream and the web show it: never a channel's URL whole. */
export function timelineEventView(event: StoredEvent) {
  const { streamId, ...rest } = event;
  const fields = channelFields(event);
  if (fields.length === 0) return { ...rest, incidentId: streamId };
  return { ...rest, data: withUrlsMasked(event.data, fields), incidentId: streamId };
}

/** data with the URLs in the text of fields masked: the same shape, only text shortened. */
function withUrlsMasked<D extends Record<string, unknown>>(data: D, fields: readonly string[]): D {
  const masked: Record<string, unknown> = { ...data };
  for (const field of fields) {
    const value = masked[field];
    if (typeof value === 'string') masked[field] = redactUrls(value);
  }
  return masked as D;
}

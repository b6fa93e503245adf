import fc from 'fast-check';
import { IMPACT_LEVELS, type Impact, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Clock } from '../core/clock.ts';
import type { Deps } from '../core/deps.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { reportIncident } from '../incidents/report-incident.ts';

// Generated incident timelines for the response metrics' property test and bench: reports, decision points,
// milestones, customer messages and their deliveries, obligation stages met early or late, missed or waived,
// instruction requests and answers, each at its own time in a random order. They are written through the real
// report and append path (reportIncident, appendToIncident), so every projection sees them as it would in use.

const MINUTE = 60_000;
export const CATEGORIES_USED = ['malicious-code/infected-system', 'intrusions/system-compromise', 'availability/dos', null];
export const STAGE_REFS = ['gdpr-art-33/notification', 'nis2/early-warning', 'contract/first-notice'] as const;

type Action =
  | { kind: 'dp1'; at: number }
  | { kind: 'dismiss'; at: number }
  | { kind: 'dp2'; at: number }
  | { kind: 'milestone'; milestone: 'contained' | 'resolved'; at: number; backdate: number }
  | { kind: 'close'; at: number }
  | { kind: 'recategorise'; at: number; category: string | null }
  | { kind: 'override'; at: number; severity: (typeof SEVERITIES)[number] }
  | {
      kind: 'message';
      at: number;
      purpose: 'notify-customer' | 'coordinate-responders';
      type: 'message' | 'reminder' | 'instruction';
      deliveries: { after: number; how: 'accepted' | 'failed' | 'acknowledged' | 'answered' }[];
    }
  | {
      kind: 'stage';
      ref: (typeof STAGE_REFS)[number];
      at: number;
      outcome: 'early' | 'late' | 'missed' | 'waived' | 'missed-then-waived' | 'backdated';
      after: number;
    };

export interface IncidentSpec {
  /** Minutes after the base time at which it is reported. */
  reportedAfter: number;
  exercise: boolean;
  customer: number | null;
  category: string | null;
  impact: Impact | null;
  /** Minutes before the report it occurred and was detected (null: not known). */
  occurredBefore: number | null;
  detectedBefore: number | null;
  actions: Action[];
}

const offset = fc.integer({ min: 0, max: 20_000 });
const delay = fc.integer({ min: 1, max: 5_000 });

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('dp1' as const), at: offset }),
  fc.record({ kind: fc.constant('dismiss' as const), at: offset }),
  fc.record({ kind: fc.constant('dp2' as const), at: offset }),
  fc.record({
    kind: fc.constant('milestone' as const),
    milestone: fc.constantFrom('contained' as const, 'resolved' as const),
    at: offset,
    backdate: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({ kind: fc.constant('close' as const), at: offset }),
  fc.record({ kind: fc.constant('recategorise' as const), at: offset, category: fc.constantFrom(...CATEGORIES_USED) }),
  fc.record({ kind: fc.constant('override' as const), at: offset, severity: fc.constantFrom(...SEVERITIES) }),
  fc.record({
    kind: fc.constant('message' as const),
    at: offset,
    purpose: fc.constantFrom('notify-customer' as const, 'notify-customer' as const, 'coordinate-responders' as const),
    type: fc.constantFrom('message' as const, 'message' as const, 'reminder' as const, 'instruction' as const),
    deliveries: fc.array(
      fc.record({
        after: delay,
        how: fc.constantFrom('accepted' as const, 'failed' as const, 'acknowledged' as const, 'answered' as const),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constant('stage' as const),
    ref: fc.constantFrom(...STAGE_REFS),
    at: offset,
    outcome: fc.constantFrom(
      'early' as const,
      'late' as const,
      'missed' as const,
      'waived' as const,
      'missed-then-waived' as const,
      'backdated' as const,
    ),
    after: delay,
  }),
);

const level = fc.constantFrom(...IMPACT_LEVELS);

export function incidentSpec(customers: number): fc.Arbitrary<IncidentSpec> {
  return fc.record({
    // About nine months, so that the monthly groups and the from/to range have something to cut.
    reportedAfter: fc.integer({ min: 0, max: 270 * 24 * 60 }),
    exercise: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
    // Once a customer exists every incident belongs to one (the report path insists).
    customer: customers ? fc.integer({ min: 0, max: customers - 1 }) : fc.constant(null),
    category: fc.constantFrom(...CATEGORIES_USED),
    impact: fc.option(fc.record({ confidentiality: level, integrity: level, availability: level })),
    occurredBefore: fc.option(fc.integer({ min: 0, max: 10_000 })),
    detectedBefore: fc.option(fc.integer({ min: 0, max: 5_000 })),
    actions: fc.array(action, { maxLength: 8 }),
  });
}

type Step = { at: number; events: (state: IncidentState) => IncidentEvent[] };

/** The actions as steps in time order (minutes after the report), each the events appended at that time. */
function steps(spec: IncidentSpec, reportedMs: number): Step[] {
  const out: Step[] = [];
  const iso = (minutes: number) => new Date(reportedMs + minutes * MINUTE).toISOString();
  const transition = (state: IncidentState, to: IncidentState['status'], at: number): IncidentEvent => ({
    type: 'incident.transitioned',
    data: { from: state.status, to, reason: null, at: iso(at) },
  });
  spec.actions.forEach((a, index) => {
    const id = `n-${reportedMs}-${index}`;
    switch (a.kind) {
      case 'dp1':
      case 'dismiss':
        out.push({
          at: a.at,
          events: (s) => [
            {
              type: 'decision.recorded',
              data: { point: 'DP1', outcome: a.kind === 'dp1' ? 'incident' : 'false-positive', reason: null },
            },
            transition(s, a.kind === 'dp1' ? 'assessing' : 'dismissed', a.at),
          ],
        });
        break;
      case 'dp2':
        out.push({
          at: a.at,
          events: (s) => [
            {
              type: 'decision.recorded',
              data: {
                point: 'DP2',
                outcome: 'respond',
                reason: null,
                classification: { category: s.category, impact: s.impact, severity: null, tlp: s.tlp },
              },
            },
            transition(s, 'responding', a.at),
          ],
        });
        break;
      case 'milestone':
        out.push({
          at: a.at,
          events: () => [{ type: 'milestone.recorded', data: { milestone: a.milestone, at: iso(a.at - a.backdate) } }],
        });
        break;
      case 'close':
        out.push({ at: a.at, events: (s) => [transition(s, 'closed', a.at)] });
        break;
      case 'recategorise':
        out.push({
          at: a.at,
          events: (s) => [
            { type: 'incident.updated', data: { changes: { category: a.category }, previous: { category: s.category } } },
          ],
        });
        break;
      case 'override':
        out.push({
          at: a.at,
          events: () => [{ type: 'incident.severity_overridden', data: { severity: a.severity, reason: 'generated' } }],
        });
        break;
      case 'message': {
        out.push({
          at: a.at,
          events: () => [
            {
              type: 'notification.requested',
              data: { notificationId: id, purpose: a.purpose, kind: a.type, subject: 'Generated', levels: ['primary'] },
            },
          ],
        });
        let at = a.at;
        for (const d of a.deliveries) {
          at += d.after;
          const when = at;
          out.push({ at: when, events: () => [delivery(id, d.how, iso(when))] });
        }
        break;
      }
      case 'stage': {
        const [obligationId, stageId] = a.ref.split('/');
        const ref = { obligationId, stageId };
        const missed = (at: number): Step => ({
          at,
          events: () => [{ type: 'deadline.missed', data: { ...ref, obligation: obligationId, stage: stageId, dueAt: iso(at) } }],
        });
        const submitted = (at: number, recordedAt = at): Step => ({
          at: recordedAt,
          events: () => [
            {
              type: 'obligation.submitted',
              data: { ...ref, at: iso(at), reference: 'REF-1', via: 'manual', notificationId: null, note: '' },
            },
          ],
        });
        const waived = (at: number): Step => ({
          at,
          events: () => [{ type: 'obligation.waived', data: { ...ref, reason: 'Not owed', at: iso(at) } }],
        });
        if (a.outcome === 'early') out.push(submitted(a.at));
        if (a.outcome === 'late') out.push(missed(a.at), submitted(a.at + a.after));
        if (a.outcome === 'missed') out.push(missed(a.at));
        if (a.outcome === 'waived') out.push(waived(a.at));
        if (a.outcome === 'missed-then-waived') out.push(missed(a.at), waived(a.at + a.after));
        // Recorded after the miss, with a submission time before the due time: met on time.
        if (a.outcome === 'backdated') out.push(missed(a.at), submitted(a.at - Math.min(a.after, a.at), a.at + a.after));
        break;
      }
    }
  });
  return out.sort((x, y) => x.at - y.at);
}

function delivery(notificationId: string, how: 'accepted' | 'failed' | 'acknowledged' | 'answered', at: string): IncidentEvent {
  if (how === 'acknowledged') {
    return {
      type: 'notification.acknowledged',
      data: { notificationId, level: 'primary', by: 'Contact', via: 'link', note: '' },
    };
  }
  if (how === 'answered') {
    return {
      type: 'instruction.answered',
      data: { notificationId, stepRef: null, decision: 'approve', text: 'Go ahead', by: 'Contact', at },
    };
  }
  return {
    type: 'notification.attempted',
    data: {
      notificationId,
      level: 0,
      levelName: 'primary',
      at,
      channel: 'email',
      outcome: how,
      reason: how === 'failed' ? 'mailbox full' : null,
      providerId: null,
      attempt: 1,
    },
  };
}

/** A clock the seeding moves. */
export function settableClock(start: Date): Clock & { set(at: Date): void } {
  let now = start;
  return { now: () => now, set: (at) => (now = at) };
}

/**
 * Records one generated incident: reported at base + reportedAfter, then each step at its time, each its own
 * append (or, `merged`, all steps in one append at the last step's time: faster, for volume).
 */
export async function seedIncident(
  deps: Deps,
  clock: Clock & { set(at: Date): void },
  spec: IncidentSpec,
  base: Date,
  customerIds: string[],
  merged = false,
): Promise<string> {
  const reportedMs = base.getTime() + spec.reportedAfter * MINUTE;
  clock.set(new Date(reportedMs));
  const before = (minutes: number | null) => (minutes === null ? null : new Date(reportedMs - minutes * MINUTE).toISOString());
  const occurredAt = before(spec.occurredBefore === null ? null : spec.occurredBefore + (spec.detectedBefore ?? 0));
  const state = await reportIncident(
    deps,
    SYSTEM_ACTOR,
    {
      title: 'Generated incident',
      exercise: spec.exercise,
      customerId: spec.customer === null ? null : customerIds[spec.customer],
      category: spec.category,
      impact: spec.impact,
      occurredAt,
      detectedAt: before(spec.detectedBefore),
      tlp: 'TLP:AMBER',
    },
    'api',
  );
  const list = steps(spec, reportedMs);
  const groups =
    merged && list.length ? [{ at: list[list.length - 1].at, parts: list }] : list.map((s) => ({ at: s.at, parts: [s] }));
  for (const group of groups) {
    clock.set(new Date(reportedMs + group.at * MINUTE));
    await appendToIncident(deps, SYSTEM_ACTOR, state.id, {
      decide: (_tx, current) => {
        const events: IncidentEvent[] = [];
        let s = current;
        for (const part of group.parts) {
          const made = part.events(s);
          events.push(...made);
          // Transitions read the status the previous step left.
          for (const e of made) if (e.type === 'incident.transitioned') s = { ...s, status: e.data.to };
        }
        return events;
      },
    });
  }
  return state.id;
}

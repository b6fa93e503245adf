import type { Customer } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { toStoredEvents } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { verifyChain } from '../core/events/hash-chain.ts';
import { checkTimeZone } from '../core/print/print-time.ts';
import { listIncidentDeadlines } from '../deadlines/deadlines.queries.ts';
import { incidentSnapshot } from '../deadlines/incident-snapshot.ts';
import { effectsView } from '../effects/effects.views.ts';
import { listCustody } from '../evidence/custody.ts';
import { listIncidentEvidence } from '../evidence/evidence.queries.ts';
import type { IncidentRecord } from '../incidents/incidents.queries.ts';
import { incidentView, timelineEventView } from '../incidents/incidents.views.ts';
import { roleHolders } from '../incidents/role-holders.ts';
import { fillTemplate } from '../notifications/message.ts';
import { listIncidentNotifications } from '../notifications/notifications.queries.ts';
import { notificationView } from '../notifications/notifications.views.ts';
import { listIncidentObservables } from '../observables/observables.queries.ts';
import { observableView } from '../observables/observables.views.ts';
import { findPlanVersionSummary } from '../plans/plans.queries.ts';
import { listIncidentPreservations } from '../preservation/preservation.queries.ts';
import { custodyView, preservationAnswers, preservationItems, preservationStatus } from '../preservation/preservation.views.ts';
import { findRecord } from '../registry/records.queries.ts';
import { recordView } from '../registry/save-record.ts';
import { presentReview } from '../reviews/read-review.ts';
import { presentTasks } from '../tasks/list-tasks.ts';
import { listIncidentTasks } from '../tasks/tasks.queries.ts';
import { eventWords } from './report-event-words.ts';
import { decisionsOf, type IncidentReport, obligationStages, rolesOf } from './report-sections.ts';

export type { IncidentReport };

const PAGE = 10_000;

function isZone(zone: string | undefined): zone is string {
  if (!zone) return false;
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The incident report as one JSON-able object, the same for every format: the incident as its row holds it (the
 * timeline up to the row's head, so what it says and the head hash agree), each section read through its own
 * domain's queries. Times are RFC 3339 UTC; `timeZone` is the zone the printed forms show them in.
 */
export async function buildIncidentReport(
  deps: Deps,
  actor: Actor,
  record: IncidentRecord,
  options: { timeZone?: string } = {},
): Promise<IncidentReport> {
  const { db, dialect } = deps.database;
  const { state, headHash } = record;
  const now = deps.clock.now();
  if (options.timeZone !== undefined) checkTimeZone(options.timeZone);
  const customerRow = state.customerId ? await findRecord(db, dialect, 'customer', state.customerId) : undefined;
  const customer = customerRow ? recordView<Customer>(customerRow) : null;
  const timeZone = options.timeZone ?? (isZone(customer?.timeZone) ? customer.timeZone : 'UTC');

  const rows = [];
  for (let after = 0; after < state.version; ) {
    const page = await readStream(db, state.id, after, PAGE);
    rows.push(...page.filter((r) => r.seq <= state.version));
    if (page.length < PAGE) break;
    after = page[page.length - 1].seq;
  }
  const events = toStoredEvents(rows);

  const [plan, planVersion, holders, deadlines, taskRows, notifications, evidence, preservations, observables] =
    await Promise.all([
      incidentSnapshot(db, dialect, state, now),
      state.planVersionId ? findPlanVersionSummary(db, state.planVersionId) : undefined,
      roleHolders(db, dialect, state, now),
      listIncidentDeadlines(db, state.id),
      listIncidentTasks(db, state.id),
      listIncidentNotifications(db, state.id),
      listIncidentEvidence(db, state.id),
      listIncidentPreservations(db, state.id),
      listIncidentObservables(db, state.id),
    ]);
  const tasks = await presentTasks(db, actor, now, taskRows, () => state.exercise);
  const review = await presentReview(deps, actor, state);
  const custody = await Promise.all(evidence.map((item) => listCustody(db, item.id)));
  const preservationCustody = await Promise.all(preservations.map((row) => listCustody(db, row.id)));
  const sentAt = new Map(notifications.map((n) => [n.id, n.sentAt]));
  const shown = incidentView(state, actor, { openClocks: [] });
  const effects = effectsView(state, actor, deadlines);
  const serviceNames = new Map((plan?.snapshot.services ?? []).map((s) => [s.id, s.name]));

  return {
    kind: 'muster-incident-report',
    version: 1,
    generatedAt: now.toISOString(),
    generatedBy: { id: actor.id, name: actor.name },
    timeZone,
    tlp: state.tlp,
    exercise: state.exercise,
    incident: {
      id: state.id,
      key: state.key,
      title: state.title,
      description: state.description,
      status: state.status,
      category: state.category,
      origin: state.origin,
      impact: state.impact,
      severity: shown.severity,
      derivedSeverity: shown.derivedSeverity,
      severityOverride: state.severityOverride,
      tlp: state.tlp,
      exercise: state.exercise,
      personalData: state.personalData,
      source: state.source,
      customer: customer ? { id: customer.id, name: customer.name, code: customer.code } : null,
      services: state.serviceIds.map((id) => ({ id, name: serviceNames.get(id) ?? id })),
      plan: planVersion ? { id: planVersion.id, version: planVersion.version, sha256: planVersion.sha256 } : null,
      determinations: state.determinations ?? {},
      times: shown.times,
      version: state.version,
    },
    effects: {
      answered: effects.answered,
      total: effects.total,
      answers: effects.answers.map(({ hint: _hint, ...answer }) => answer),
      proposedImpact: effects.proposedImpact,
      warnings: effects.warnings,
    },
    decisions: decisionsOf(events),
    roles: rolesOf(state, holders),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      phase: t.phase,
      role: t.role,
      playbook: t.playbookName,
      assignee: t.assigneeName,
      status: t.status,
      dueAt: t.dueAt,
      needsInstruction: t.needsInstruction,
      override: t.override,
      note: t.note,
      updatedAt: t.updatedAt,
    })),
    notifications: notifications.map(notificationView).map((n) => ({
      id: n.id,
      purpose: n.purpose,
      kind: n.kind,
      // As the recipients read them: the templates filled with the incident's words.
      subject: fillTemplate(n.subject, { incident: { ...state, ...state.times } }),
      body: fillTemplate(n.body, { incident: { ...state, ...state.times } }),
      status: n.status,
      obligationRef: n.obligationRef,
      createdBy: n.createdBy,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
      acknowledgedAt: n.acknowledgedAt,
      acknowledgedBy: n.acknowledgedBy,
      attempts: n.attempts.map((a) => ({
        level: a.levelName,
        at: a.at,
        channel: a.channel,
        outcome: a.outcome,
        reason: a.reason,
      })),
      response: n.response,
    })),
    obligations: obligationStages(deadlines, state),
    evidence: evidence.map((item, i) => ({ ...item, custody: custody[i] })),
    preservation: preservations.map((row, i) => {
      const answers = preservationAnswers(row);
      return {
        id: row.id,
        status: preservationStatus(row, now),
        message: row.message,
        keepUntil: row.keep_until,
        expiresAt: row.expires_at,
        createdBy: row.created_by,
        createdAt: row.created_at,
        sentAt: sentAt.get(row.notification_id) ?? null,
        items: preservationItems(row).map((item) => ({ ...item, answer: answers[item.id] ?? null })),
        custody: preservationCustody[i].map(custodyView),
      };
    }),
    observables: observables.map((row) => {
      const { id, type, value, tlp, tags, description, firstSeen, lastSeen } = observableView(row, 0);
      return { id, type, value, tlp, tags, description, firstSeen, lastSeen };
    }),
    review: review && (({ allowed: _allowed, ...rest }) => rest)(review),
    timeline: {
      count: events.length,
      headSeq: state.version,
      headHash,
      integrity: verifyChain(events, { version: state.version, head: headHash }),
      events: events.map((e) => {
        const view = timelineEventView(e);
        return {
          seq: view.seq,
          at: view.occurredAt,
          actor: view.actor?.name ?? null,
          type: view.type,
          words: eventWords(e),
          data: view.data,
          hash: view.hash,
        };
      }),
    },
  };
}

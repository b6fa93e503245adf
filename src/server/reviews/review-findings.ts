import type { ReviewChannelProblem, ReviewFindings, ReviewOverride, ReviewTimelineEntry } from '../../shared/review-types.ts';
import type { TaskStatus } from '../../shared/task-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import { type StoredEvent, toStoredEvents } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { redactUrls } from '../core/redact.ts';
import { listIncidentDeadlines } from '../deadlines/deadlines.queries.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { listIncidentNotifications } from '../notifications/notifications.queries.ts';
import { decisionsOf } from '../reports/report-sections.ts';
import { listIncidentTasks } from '../tasks/tasks.queries.ts';

const PAGE = 10_000;
const MILESTONE_WORDS = { contained: 'Contained', eradicated: 'Eradicated', resolved: 'Resolved' } as const;
// The instruction gates are listed on their own; the timeline summary keeps the other decisions.
const GATE_DECISION = /^Done without the customer’s instruction/;

/** The incident's whole timeline, oldest first. */
export async function incidentEvents(tx: Tx, incidentId: string): Promise<StoredEvent<IncidentEvent>[]> {
  const rows = [];
  for (let after = 0; ; ) {
    const page = await readStream(tx, incidentId, after, PAGE);
    rows.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1].seq;
  }
  return toStoredEvents(rows) as StoredEvent<IncidentEvent>[];
}

/**
 * What the record says for the review, worked out now from the incident's timeline and its projections (clocks,
 * tasks, notifications): the key decisions and milestones, every instruction gate overridden, every clock missed
 * or met late, the time to the first report to the customer, channel failures and tasks not done.
 */
export async function reviewFindings(tx: Tx, state: IncidentState, now: Date): Promise<ReviewFindings> {
  const [events, deadlines, tasks, notifications] = await Promise.all([
    incidentEvents(tx, state.id),
    listIncidentDeadlines(tx, state.id),
    listIncidentTasks(tx, state.id),
    listIncidentNotifications(tx, state.id),
  ]);
  const firstSent = notifications
    .filter((n) => n.purpose === 'notify-customer' && n.sentAt)
    .sort((a, b) => (a.sentAt as string).localeCompare(b.sentAt as string))[0];
  const reportedAt = state.times.reportedAt;
  return {
    asOf: now.toISOString(),
    timeline: timelineOf(events),
    overriddenGates: overridesOf(events),
    missedClocks: deadlines
      .filter((d) => d.missed_at || d.status === 'met-late')
      .sort((a, b) => (a.due_at ?? '').localeCompare(b.due_at ?? ''))
      .map((d) => ({
        obligationId: d.obligation_id,
        obligation: d.obligation_name,
        stageId: d.stage_id,
        stage: d.stage_name,
        recipient: d.recipient,
        status: d.status,
        dueAt: d.due_at,
        missedAt: d.missed_at,
        submittedAt: d.submitted_at,
      })),
    firstCustomerReport: {
      reportedAt,
      sentAt: firstSent?.sentAt ?? null,
      notificationId: firstSent?.id ?? null,
      minutes: firstSent?.sentAt ? Math.round((Date.parse(firstSent.sentAt) - Date.parse(reportedAt)) / 60_000) : null,
    },
    channels: channelProblemsOf(events),
    tasksLeft: tasks
      .filter((t) => t.status !== 'done')
      .map((t) => ({
        taskId: t.id,
        title: t.title,
        status: t.status as TaskStatus,
        assignee: t.assignee_name,
        dueAt: t.due_at,
      })),
  };
}

function timelineOf(events: StoredEvent<IncidentEvent>[]): ReviewTimelineEntry[] {
  const entries: ReviewTimelineEntry[] = decisionsOf(events)
    .filter((d) => !GATE_DECISION.test(d.decision))
    .map((d) => ({ seq: d.seq, at: d.at, by: d.by, what: d.decision, reason: d.reason }));
  for (const e of events) {
    if (e.type === 'milestone.recorded') {
      entries.push({ seq: e.seq, at: e.data.at, by: e.actor.name, what: MILESTONE_WORDS[e.data.milestone], reason: null });
    }
  }
  return entries.sort((a, b) => a.seq - b.seq);
}

function overridesOf(events: StoredEvent<IncidentEvent>[]): ReviewOverride[] {
  const out: ReviewOverride[] = [];
  for (const e of events) {
    const at = { seq: e.seq, at: e.occurredAt, by: e.actor.name };
    if (e.type === 'step.completed' && e.data.override) {
      out.push({ ...at, title: e.data.title, reason: e.data.override, taskId: null, stepRef: e.data.stepRef });
    } else if (e.type === 'task.changed' && e.data.override) {
      out.push({ ...at, title: e.data.title, reason: e.data.override, taskId: e.data.taskId, stepRef: null });
    }
  }
  return out;
}

// Channels are named as every view names them: never a webhook's URL whole (incidents.views.ts).
const masked = (text: string | null) => (text === null ? null : redactUrls(text));

function channelProblemsOf(events: StoredEvent<IncidentEvent>[]): ReviewChannelProblem[] {
  const out: ReviewChannelProblem[] = [];
  for (const e of events) {
    const at = { seq: e.seq, at: e.occurredAt };
    if (e.type === 'notification.attempted' && e.data.outcome === 'failed') {
      out.push({
        ...at,
        kind: 'failed',
        channel: masked(e.data.channel),
        reason: masked(e.data.reason),
        notificationId: e.data.notificationId,
      });
    } else if (e.type === 'notification.exhausted') {
      out.push({ ...at, kind: 'exhausted', channel: null, reason: masked(e.data.reason), notificationId: e.data.notificationId });
    } else if (e.type === 'channel.compromised') {
      out.push({ ...at, kind: 'compromised', channel: masked(e.data.channel), reason: e.data.reason, notificationId: null });
    }
  }
  return out;
}

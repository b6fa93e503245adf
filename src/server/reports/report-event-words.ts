import type { StoredEvent } from '../core/events/event-store.ts';

// One line per timeline event for the printed report (HTML, PDF): what happened, in plain words. The JSON export
// carries each event's data whole; the web's fuller wording lives in src/web/incidents/describe-event.ts.

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);
const MAX = 300;
const cut = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);
const because = (reason: unknown) => (typeof reason === 'string' && reason ? ` — ${reason}` : '');

/** What the event says, in one line of at most 300 characters. */
export function eventWords(event: StoredEvent): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'incident.reported':
      return cut(`Reported: ${text(d.title)} (${text(d.tlp)}, via ${text(d.source)})`);
    case 'incident.updated':
      return cut(`Changed ${Object.keys((d.changes as object) ?? {}).join(', ')}`);
    case 'note.added':
      return cut(`Note: ${text(d.body)}`);
    case 'decision.recorded':
      return cut(`${text(d.point)}: ${text(d.outcome)}${because(d.reason)}`);
    case 'incident.transitioned':
      return cut(`Status ${text(d.from)} → ${text(d.to)}${because(d.reason)}`);
    case 'incident.severity_overridden':
      return cut(d.severity ? `Severity set to ${text(d.severity)}${because(d.reason)}` : 'Severity override removed');
    case 'milestone.recorded':
      return `Milestone: ${text(d.milestone)} at ${text(d.at)}`;
    case 'determination.recorded':
      return cut(`Determined ${text(d.name)}${because(d.reason)}`);
    case 'evidence.added':
      return cut(`Evidence ${text(d.name)} (SHA-256 ${text(d.sha256)})`);
    case 'role.assigned':
      return cut(`${text(d.role)} given to ${text(d.userName)}`);
    case 'role.removed':
      return cut(`${text(d.role)} taken from ${text(d.userName)}`);
    case 'notification.requested':
    case 'notification.prepared':
      return cut(
        `Notification ${event.type === 'notification.prepared' ? 'drafted' : 'sent'}: ${text(d.subject)} (${text(d.purpose)})`,
      );
    case 'notification.attempted':
      return cut(`Delivery ${text(d.outcome)} on ${text(d.levelName)}: ${text(d.channel)}${because(d.reason)}`);
    case 'notification.acknowledged':
      return cut(`Acknowledged by ${text(d.by)} (${text(d.via)})${because(d.note)}`);
    case 'obligation.submitted':
      return cut(
        `Submitted ${text(d.obligationId)}/${text(d.stageId)} at ${text(d.at)}, reference ${text(d.reference)} (${text(d.via)})`,
      );
    case 'obligation.waived':
      return cut(`Waived ${text(d.obligationId)}/${text(d.stageId)}${because(d.reason)}`);
    case 'deadline.missed':
      return cut(`Deadline missed: ${text(d.obligation)} — ${text(d.stage)} (due ${text(d.dueAt)})`);
    case 'task.created':
      return cut(`Task: ${text(d.title)}`);
    case 'task.changed':
      return cut(`Task ${text(d.title)}: ${Object.keys((d.changes as object) ?? {}).join(', ')} changed${because(d.override)}`);
    case 'action.created':
      return cut(`Review action: ${text(d.title)}${d.ownerName ? ` (owner ${text(d.ownerName)})` : ''}`);
    case 'action.changed':
      return cut(`Review action ${text(d.title)}: ${Object.keys((d.changes as object) ?? {}).join(', ')} changed`);
    case 'action.drafted':
      return cut(`Review action ${text(d.title)}: work started on ${text((d.target as { name?: string } | null)?.name)}`);
    case 'action.completed':
      return cut(`Review action ${text(d.title)} done: plan version ${text(d.version)} published`);
    case 'action.reminded':
      return cut(`Review action ${text(d.title)} fell due (${text(d.dueAt)})${d.ownerId ? '; its owner was reminded' : ''}`);
    case 'evidence.custody_recorded': {
      const where = [d.to ? `to ${text(d.to)}` : '', d.location ? `at ${text(d.location)}` : ''].filter(Boolean).join(' ');
      return cut(`Custody of ${text(d.name)}: ${text(d.action)}${where ? ` ${where}` : ''}${because(d.note)}`);
    }
    case 'evidence.verified':
      return cut(
        d.ok
          ? `Verified ${text(d.name)}: bytes intact`
          : `Verified ${text(d.name)}: ${d.actual === null ? 'stored file MISSING' : `bytes CHANGED (now SHA-256 ${text(d.actual)})`}`,
      );
    case 'preservation.requested':
      return cut(`Asked the customer to preserve: ${(d.items as string[]).join('; ')}`);
    case 'preservation.answered':
      return cut(
        `Preservation answered${d.by ? ` by ${text(d.by)}` : ''}: ${(
          d.answers as { item: string; status: string; location: string }[]
        )
          .map((a) => `${a.item} — ${a.status}${a.location ? ` at ${a.location}` : ''}`)
          .join('; ')}`,
      );
    case 'observable.added':
      return cut(`Observable ${text(d.type)} ${text(d.value)} (${text(d.tlp)})${d.again ? ', seen again' : ''}`);
    case 'observable.changed':
      return cut(`Observable ${text(d.type)} ${text(d.value)}: ${Object.keys((d.changes as object) ?? {}).join(', ')} changed`);
    case 'observable.removed':
      return cut(`Observable ${text(d.type)} ${text(d.value)} removed`);
    case 'review.opened':
      return d.required ? 'Review opened (required before closing)' : 'Review opened (not required before closing)';
    case 'review.updated':
      return cut(`Review: ${Object.keys((d.changes as object) ?? {}).join(', ')} changed`);
    case 'review.completed':
      return `Review completed at ${text(d.at)}`;
    case 'review.waived':
      return cut(`Review waived${because(d.reason)}`);
    case 'report.exported':
      return `Report exported as ${text(d.format).toUpperCase()} (SHA-256 ${text(d.sha256)}, key ${text(d.keyId)})`;
    default: {
      const facts = Object.entries(d)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        .map(([k, v]) => `${k} ${v}`);
      return cut(facts.join(', '));
    }
  }
}

import type {
  CompromisedService,
  ConnectionCheck,
  ConnectionCheckAnswer,
  ConnectionToCheck,
} from '../../shared/connection-check-types.ts';
import type { Service } from '../../shared/prepare-types.ts';
import { linkExpired } from '../customer-links/link-status.ts';
import type { ConnectionCheckRow } from './connection-checks.queries.ts';

export function checkConnections(row: Pick<ConnectionCheckRow, 'connections'>): ConnectionToCheck[] {
  return JSON.parse(row.connections);
}

export function checkAnswers(row: Pick<ConnectionCheckRow, 'answers'>): Record<string, ConnectionCheckAnswer> | null {
  return row.answers ? JSON.parse(row.answers) : null;
}

/** answered once used; expired once past its time unused; else sent (the link works). */
export function checkStatus(row: Pick<ConnectionCheckRow, 'answered_at' | 'expires_at'>, now: Date): ConnectionCheck['status'] {
  if (row.answered_at) return 'answered';
  return linkExpired(row, now) ? 'expired' : 'sent';
}

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * "Compromised" suggests adding the connected service: the customer's services whose name is a compromised
 * connection's target (ignoring case and spacing), each saying whether it is on the incident already. A target
 * that names none of them is left to the card, which suggests assessing and reporting it.
 */
export function compromisedServices(
  connections: ConnectionToCheck[],
  answers: Record<string, ConnectionCheckAnswer> | null,
  services: Pick<Service, 'id' | 'name'>[],
  onIncident: readonly string[],
): CompromisedService[] {
  const byName = new Map(services.map((s) => [nameKey(s.name), s]));
  const found = new Map<string, CompromisedService>();
  for (const c of connections) {
    if (answers?.[c.connectionId]?.status !== 'compromised') continue;
    const service = byName.get(nameKey(c.target));
    if (!service || service.id === c.serviceId) continue;
    const entry = found.get(service.id) ?? {
      id: service.id,
      name: service.name,
      connectionIds: [],
      onIncident: onIncident.includes(service.id),
    };
    entry.connectionIds.push(c.connectionId);
    found.set(service.id, entry);
  }
  return [...found.values()];
}

export function checkView(row: ConnectionCheckRow, now: Date, compromised: CompromisedService[] = []): ConnectionCheck {
  return {
    id: row.id,
    incidentId: row.incident_id,
    notificationId: row.notification_id,
    status: checkStatus(row, now),
    connections: checkConnections(row),
    answers: checkAnswers(row),
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    suggestedServiceIds: compromised.filter((s) => !s.onIncident).map((s) => s.id),
    compromisedServices: compromised,
  };
}

import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { type Actor, can, needsAccessList } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { type WorkerRow, workerCandidates } from './tasks.queries.ts';

const MAX_CANDIDATES = 500;

type Incident = Pick<IncidentState, 'id' | 'customerId' | 'tlp'>;

export interface Worker {
  id: string;
  name: string;
}

/**
 * Whether this person may work on the incident, by the same policy their own requests meet: they may change it in
 * its customer, and a TLP:RED incident has them on its access list. A task is never given to someone who could
 * not open it (its reminder would tell them what they may not know).
 */
function mayWork(row: WorkerRow, incident: Incident): boolean {
  const actor: Actor = {
    id: row.id,
    name: row.name,
    role: row.role as UserRole,
    via: 'session',
    memberships: incident.customerId && row.membership ? { [incident.customerId]: row.membership } : {},
  };
  if (needsAccessList(actor, incident) && !Number(row.listed)) return false;
  return can(actor, 'incident.change', incident.customerId);
}

/** Among these users, those who may work on the incident. */
export async function workersAmong(tx: Tx, incident: Incident, ids: string[]): Promise<Map<string, Worker>> {
  const unique = [...new Set(ids)];
  const rows = await workerCandidates(tx, incident, { ids: unique, limit: unique.length || 1 });
  return new Map(rows.filter((r) => mayWork(r, incident)).map((r) => [r.id, { id: r.id, name: r.name }]));
}

/** The person a task is given to, checked; 400 naming assigneeId for anyone who may not work on the incident. */
export async function assigneeFor(tx: Tx, incident: Incident, userId: string | null): Promise<Worker | null> {
  if (userId === null) return null;
  const worker = (await workersAmong(tx, incident, [userId])).get(userId);
  if (!worker) {
    throw new AppError(
      'invalid',
      `User ${userId} cannot be given this task: only an active user who may change the incident (and, for TLP:RED, is on its access list) can`,
      'assigneeId',
    );
  }
  return worker;
}

/** Everyone a task on the incident may be given to, by name (at most 500). */
export async function taskCandidates(tx: Tx, incident: Incident): Promise<Worker[]> {
  const rows = await workerCandidates(tx, incident, { limit: MAX_CANDIDATES });
  return rows.filter((r) => mayWork(r, incident)).map((r) => ({ id: r.id, name: r.name }));
}

import type { PreservationRequest } from '../../shared/preservation-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { listCustody } from '../evidence/custody.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { findNotification } from '../notifications/notifications.queries.ts';
import { listIncidentPreservations, type PreservationRow } from './preservation.queries.ts';
import { preservationView } from './preservation.views.ts';

/** One request as the API shows it: with where its message is on the ladder, and its custody log. */
export async function presentPreservation(deps: Deps, row: PreservationRow): Promise<PreservationRequest> {
  const { db, dialect } = deps.database;
  const [n, custody] = await Promise.all([findNotification(db, dialect, row.notification_id), listCustody(db, row.id)]);
  const delivery = {
    status: n?.status ?? 'unknown',
    level: (n && n.level >= 0 ? n.ladder[n.level]?.level : null) ?? null,
    acknowledgedAt: n?.acknowledgedAt ?? null,
    acknowledgedBy: n?.acknowledgedBy ?? null,
  };
  return preservationView(row, deps.clock.now(), delivery, custody);
}

/** The incident's preservation requests, newest first, for whoever may read the incident (404 otherwise). */
export async function listPreservations(deps: Deps, actor: Actor, incidentIdOrKey: string): Promise<PreservationRequest[]> {
  const { state } = await readIncident(deps, actor, incidentIdOrKey);
  const rows = await listIncidentPreservations(deps.database.db, state.id);
  return Promise.all(rows.map((row) => presentPreservation(deps, row)));
}

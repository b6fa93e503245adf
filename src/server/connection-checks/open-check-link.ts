import type { Deps } from '../core/deps.ts';
import { linkTokenHash } from '../customer-links/link-token.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { type ConnectionCheckRow, findCheckByTokenHash } from './connection-checks.queries.ts';
import { checkStatus } from './connection-checks.views.ts';

export interface OpenedCheckLink {
  check: ConnectionCheckRow;
  incident: IncidentState;
  /** Why the form is not offered: used already (first), or past its time; null: it may be answered. */
  closed: 'answered' | 'expired' | null;
}

/**
 * The check a link's token names, looked up by the token's SHA-256 (the table holds nothing else of it); null for
 * a token that names none. The token is the only key: whoever holds it may answer, once.
 */
export async function openCheckLink(deps: Deps, token: string): Promise<OpenedCheckLink | null> {
  const { db, dialect } = deps.database;
  const check = await findCheckByTokenHash(db, linkTokenHash(token));
  if (!check) return null;
  const incident = (await findIncident(db, dialect, check.incident_id))?.state;
  if (!incident) return null;
  const status = checkStatus(check, deps.clock.now());
  return { check, incident, closed: status === 'sent' ? null : status };
}

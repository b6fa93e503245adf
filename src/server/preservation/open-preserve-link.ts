import type { Deps } from '../core/deps.ts';
import { linkExpired } from '../customer-links/link-status.ts';
import { linkTokenHash } from '../customer-links/link-token.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { findPreservationByTokenHash, type PreservationRow } from './preservation.queries.ts';

export interface OpenedPreserveLink {
  request: PreservationRow;
  incident: IncidentState;
  /** The link works until it expires; answers may be changed until then. */
  expired: boolean;
}

/** The request a link's token names, looked up by the token's SHA-256; null for a token that names none. */
export async function openPreserveLink(deps: Deps, token: string): Promise<OpenedPreserveLink | null> {
  const { db, dialect } = deps.database;
  const request = await findPreservationByTokenHash(db, linkTokenHash(token));
  if (!request) return null;
  const incident = (await findIncident(db, dialect, request.incident_id))?.state;
  if (!incident) return null;
  return { request, incident, expired: linkExpired(request, deps.clock.now()) };
}

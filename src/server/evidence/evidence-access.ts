import { type Action, type Actor, assertCan } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { type EvidenceRow, findEvidence } from './evidence.queries.ts';

/**
 * The item, when the actor may do `action` on it: read it (download, custody log) whoever may read its incident;
 * change it (custody, verify) whoever may change the incident; TLP:RED access lists apply. While an item waits in
 * triage, the same rights on incidents of its customer. Anyone else gets the same 404 as for an item that does
 * not exist, and a reader who may not change gets 403.
 */
export async function assertEvidenceAccess(
  tx: Tx,
  deps: Pick<Deps, 'database'>,
  actor: Actor,
  id: string,
  action: Extract<Action, 'incident.read' | 'incident.change'>,
): Promise<EvidenceRow> {
  const notFound = `No evidence ${id}`;
  const row = await findEvidence(tx, id);
  if (!row) throw new AppError('not_found', notFound);
  if (row.incident_id) {
    const record = await findIncident(tx, deps.database.dialect, row.incident_id);
    if (!record) throw new AppError('not_found', notFound);
    // The incident's own words would tell the caller which incident the file belongs to.
    await assertIncidentAccess(tx, actor, record.state, 'incident.read', notFound);
    if (action !== 'incident.read') await assertIncidentAccess(tx, actor, record.state, action, notFound);
  } else {
    assertCan(actor, 'incident.read', { customerId: row.customer_id, notFound });
    if (action !== 'incident.read') assertCan(actor, action, { customerId: row.customer_id, notFound });
  }
  return row;
}

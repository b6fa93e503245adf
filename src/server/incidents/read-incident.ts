import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { assertIncidentAccess } from './incident-access.ts';
import { findIncident, type IncidentRecord } from './incidents.queries.ts';

/**
 * An incident the actor may read; 404 when it does not exist, belongs to a customer the actor cannot see, or is
 * TLP:RED and the actor is not on its access list.
 */
export async function readIncident(deps: Deps, actor: Actor, idOrKey: string): Promise<IncidentRecord> {
  const record = await findIncident(deps.database.db, deps.database.dialect, idOrKey);
  if (!record) throw new AppError('not_found', `No incident ${idOrKey}`);
  await assertIncidentAccess(deps.database.db, actor, record.state, 'incident.read', `No incident ${idOrKey}`);
  return record;
}

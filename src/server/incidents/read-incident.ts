import { type Actor, assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findIncident, type IncidentRecord } from './incidents.queries.ts';

/** An incident the actor may read; 404 when it does not exist or belongs to a customer the actor cannot see. */
export async function readIncident(deps: Deps, actor: Actor, idOrKey: string): Promise<IncidentRecord> {
  const record = await findIncident(deps.database.db, deps.database.dialect, idOrKey);
  if (!record) throw new AppError('not_found', `No incident ${idOrKey}`);
  assertCan(actor, 'incident.read', { customerId: record.state.customerId, notFound: `No incident ${idOrKey}` });
  return record;
}

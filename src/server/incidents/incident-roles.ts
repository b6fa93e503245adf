import type { Tx } from '../core/db/transaction.ts';
import { replaceIncidentRoles } from './incident-roles.queries.ts';
import type { IncidentState } from './incident-state.ts';

const rolesOf = (state: IncidentState | null) =>
  JSON.stringify(Object.entries(state?.assignments ?? {}).sort(([a], [b]) => a.localeCompare(b)));

/** Keeps the role table (the list's "Mine") in step with the incident's assignments, in the change's transaction. */
export async function projectRoles(tx: Tx, previous: IncidentState | null, next: IncidentState): Promise<void> {
  if (rolesOf(previous) === rolesOf(next)) return;
  await replaceIncidentRoles(tx, next.id, next.assignments ?? {});
}

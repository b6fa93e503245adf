import type { ObservableFields } from '../../shared/incident-events.ts';
import type { ObservableChanges, ObservableType } from '../../shared/observable-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { ObservablesTable } from '../core/db/observables-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident, type IncidentChange } from '../incidents/change-incident.ts';
import { cleanTags } from './add-observable.ts';
import { findObservable } from './observables.queries.ts';
import { projectObservables } from './project-observables.ts';

/**
 * Runs a change on the incident an observable belongs to. Whoever may not change (or not even read) that
 * incident gets the 404 of an observable that does not exist, so its id does not tell which incident holds it.
 */
export async function onObservableIncident(
  deps: Deps,
  actor: Actor,
  id: string,
  decide: (row: ObservablesTable) => IncidentChange['decide'],
): Promise<void> {
  const notFound = `No observable ${id}`;
  const row = await findObservable(deps.database.db, id);
  if (!row) throw new AppError('not_found', notFound);
  try {
    await appendToIncident(deps, actor, row.incident_id, {
      decide: decide(row),
      alongside: (tx, _next, events) => projectObservables(tx, events),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', notFound);
    throw error;
  }
}

/** Changes an observable's tags, TLP or description (one observable.changed event with what they were before). */
export async function changeObservable(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ObservableChanges,
): Promise<ObservablesTable> {
  await onObservableIncident(deps, actor, id, () => async (tx) => {
    const row = await findObservable(tx, id);
    if (!row) throw new AppError('not_found', `No observable ${id}`);
    const before: ObservableFields = {
      tags: JSON.parse(row.tags) as string[],
      tlp: row.tlp as ObservableFields['tlp'],
      description: row.description,
    };
    const after: Partial<ObservableFields> = {
      ...(input.tags !== undefined ? { tags: cleanTags(input.tags) } : {}),
      ...(input.tlp !== undefined ? { tlp: input.tlp } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    };
    const changes: Partial<ObservableFields> = {};
    const previous: Partial<ObservableFields> = {};
    for (const field of Object.keys(after) as (keyof ObservableFields)[]) {
      if (JSON.stringify(after[field]) === JSON.stringify(before[field])) continue;
      Object.assign(changes, { [field]: after[field] });
      Object.assign(previous, { [field]: before[field] });
    }
    if (Object.keys(changes).length === 0) return [];
    const data = { observableId: id, type: row.type as ObservableType, value: row.value, changes, previous };
    return [{ type: 'observable.changed', data }];
  });
  return (await findObservable(deps.database.db, id)) as ObservablesTable;
}

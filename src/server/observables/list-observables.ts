import type { IncidentStatus, Tlp } from '../../shared/incident-vocabulary.ts';
import type { Observable, ObservableType, Sightings } from '../../shared/observable-types.ts';
import { normaliseObservable } from '../../shared/observable-values.ts';
import { type Actor, listReader, visibleCustomers } from '../auth/policy.ts';
import type { ObservablesTable } from '../core/db/observables-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { countOtherSightings, listIncidentObservables, listSightings, type ReaderScope } from './observables.queries.ts';
import { observableView, valueKey } from './observables.views.ts';

const scopeOf = (actor: Actor): ReaderScope => ({ visible: visibleCustomers(actor), reader: listReader(actor) });

/** An incident's observables, each with the number of other incidents the actor may read where it was seen too. */
export async function listObservables(deps: Deps, actor: Actor, incidentIdOrKey: string): Promise<Observable[]> {
  const { db } = deps.database;
  const { state } = await readIncident(deps, actor, incidentIdOrKey);
  const rows = await listIncidentObservables(db, state.id);
  const counts = await countOtherSightings(db, scopeOf(actor), state.id, rows);
  return rows.map((row) => observableView(row, counts.get(valueKey(row)) ?? 0));
}

/** One observable as the API shows it, with its count of other incidents the actor may read. */
export async function presentObservable(deps: Deps, actor: Actor, row: ObservablesTable): Promise<Observable> {
  const counts = await countOtherSightings(deps.database.db, scopeOf(actor), row.incident_id, [row]);
  return observableView(row, counts.get(valueKey(row)) ?? 0);
}

const SIGHTINGS_LIMIT = 500;

/**
 * Where a value was seen: the incidents holding it, only among those the actor may read (their customer's
 * members; TLP:RED ones only for the people on their access list), most recently seen first. The value is
 * normalised as on adding, so any spelling of it finds it.
 */
export async function findSightings(deps: Deps, actor: Actor, raw: string, type?: ObservableType): Promise<Sightings> {
  const normalised = normaliseObservable(raw, type);
  if (!normalised.ok) throw new AppError('invalid', normalised.message, normalised.field);
  const rows = await listSightings(deps.database.db, scopeOf(actor), normalised.type, normalised.value, SIGHTINGS_LIMIT);
  return {
    type: normalised.type,
    value: normalised.value,
    items: rows.map((r) => ({
      observableId: r.observable_id,
      incidentId: r.incident_id,
      incidentKey: r.key,
      incidentTitle: r.title,
      customerId: r.customer_id,
      customerName: r.customer_data ? ((JSON.parse(r.customer_data) as { name?: string }).name ?? null) : null,
      status: r.status as IncidentStatus,
      exercise: r.exercise === 1,
      incidentTlp: r.incident_tlp as Tlp,
      tlp: r.tlp as Tlp,
      tags: JSON.parse(r.tags) as string[],
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
    })),
  };
}

import type { Tlp } from '../../shared/incident-vocabulary.ts';
import type { Observable, ObservableType } from '../../shared/observable-types.ts';
import type { ObservablesTable } from '../core/db/observables-schema.ts';

/** An observable as the API shows it. */
export function observableView(row: ObservablesTable, otherIncidents: number): Observable {
  return {
    id: row.id,
    incidentId: row.incident_id,
    type: row.type as ObservableType,
    value: row.value,
    tags: JSON.parse(row.tags) as string[],
    tlp: row.tlp as Tlp,
    description: row.description,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    addedBy: { id: row.added_by_id, name: row.added_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    otherIncidents,
  };
}

/** The key countOtherSightings answers under. */
export const valueKey = (row: { type: string; value: string }) => `${row.type} ${row.value}`;

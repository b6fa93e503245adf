import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { deleteObservable, findObservable, insertObservable, updateObservable } from './observables.queries.ts';

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Keeps the observables table in step with the observable events just appended to an incident, in their
 * transaction: each event's data is the observable as it is after it, so the rows can be rebuilt from the timeline.
 */
export async function projectObservables(tx: Tx, events: StoredEvent<IncidentEvent>[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'observable.added': {
        const d = event.data;
        const row = await findObservable(tx, d.observableId);
        const fields = { tags: JSON.stringify(d.tags), tlp: d.tlp, description: d.description, updated_at: event.recordedAt };
        if (row) {
          await updateObservable(tx, row.id, {
            ...fields,
            first_seen: earlier(row.first_seen, d.seenAt),
            last_seen: later(row.last_seen, d.seenAt),
          });
        } else {
          await insertObservable(tx, {
            id: d.observableId,
            incident_id: event.streamId,
            type: d.type,
            value: d.value,
            ...fields,
            first_seen: d.seenAt,
            last_seen: d.seenAt,
            added_by_id: event.actor.id,
            added_by_name: event.actor.name,
            created_at: event.recordedAt,
          });
        }
        break;
      }
      case 'observable.changed': {
        const { tags, tlp, description } = event.data.changes;
        await updateObservable(tx, event.data.observableId, {
          ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
          ...(tlp !== undefined ? { tlp } : {}),
          ...(description !== undefined ? { description } : {}),
          updated_at: event.recordedAt,
        });
        break;
      }
      case 'observable.removed':
        await deleteObservable(tx, event.data.observableId);
        break;
    }
  }
}

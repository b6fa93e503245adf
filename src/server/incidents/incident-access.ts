import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { type Action, type Actor, assertCan, needsAccessList } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { IncidentAccessTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import type { AccessLookup } from '../core/events/event-feed.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import {
  deleteAccess,
  incidentReaders,
  insertAccess,
  insertUserAccess,
  isOnAccessList,
  RED,
  usersAmong,
} from './incident-access.queries.ts';
import type { IncidentState } from './incident-state.ts';

/**
 * The one check before anything of an incident is read or changed: the customer must be visible and the action
 * allowed there, and a TLP:RED incident needs the actor on its access list. Whoever fails it gets the same 404 as
 * for an incident that does not exist. (Lists use the same rule in SQL: readableIncident.)
 */
export async function assertIncidentAccess(
  tx: Tx,
  actor: Actor,
  incident: Pick<IncidentState, 'id' | 'customerId' | 'tlp'>,
  action: Action,
  notFound: string,
): Promise<void> {
  if (needsAccessList(actor, incident) && !(await isOnAccessList(tx, incident.id, actor.id))) {
    throw new AppError('not_found', notFound);
  }
  assertCan(actor, action, { customerId: incident.customerId, notFound });
}

/**
 * Keeps the access list projection in step with the events just appended, in their transaction. Besides the
 * explicit access.granted / access.revoked events, the reporter, whoever sets TLP:RED and everyone given a role
 * (through the assignments or role.assigned) join the list: all of it follows from the timeline, so the list can be rebuilt from it.
 */
export async function projectAccess(tx: Tx, dialect: Dialect, events: StoredEvent<IncidentEvent>[]): Promise<void> {
  for (const event of events) {
    const entry = (userId: string, userName: string, reason: string): IncidentAccessTable => ({
      incident_id: event.streamId,
      user_id: userId,
      user_name: userName,
      reason,
      added_by_id: event.actor.id,
      added_by_name: event.actor.name,
      added_at: event.recordedAt,
    });
    const assigned = async (assignments: Record<string, string> | undefined) => {
      for (const user of await usersAmong(tx, [...new Set(Object.values(assignments ?? {}))]))
        await insertAccess(tx, entry(user.id, user.name, 'assigned'));
    };
    switch (event.type) {
      case 'incident.reported':
        await insertUserAccess(tx, dialect, entry(event.actor.id, event.actor.name, 'reporter'));
        await assigned(event.data.assignments);
        break;
      case 'incident.updated':
        if (event.data.changes.tlp === RED)
          await insertUserAccess(tx, dialect, entry(event.actor.id, event.actor.name, 'set-red'));
        await assigned(event.data.changes.assignments);
        break;
      case 'role.assigned':
        await insertAccess(tx, entry(event.data.userId, event.data.userName, 'assigned'));
        break;
      case 'access.granted': {
        const { userId, userName, breakGlass } = event.data;
        await insertAccess(tx, entry(userId, userName, breakGlass ? 'break-glass' : 'added'));
        break;
      }
      case 'access.revoked':
        await deleteAccess(tx, event.streamId, event.data.userId);
        break;
    }
  }
}

/** For the live feed: the current customer and, for TLP:RED, the access list of the incidents among `events`. */
export function currentIncidentAccess(database: { db: Tx }): AccessLookup {
  return (events) => {
    const ids = new Set(events.filter((e) => e.streamType === 'incident').map((e) => e.streamId));
    return incidentReaders(database.db, [...ids]);
  };
}

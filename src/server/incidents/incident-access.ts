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
 * What one event does to the access list. Besides the explicit access.granted / access.revoked events, the reporter,
 * whoever sets TLP:RED and everyone given a role (through the assignments or role.assigned) join the list: all of it
 * follows from the timeline and the users that exist, so the list can be rebuilt from it (verify does).
 * - add: the entry joins unless its user is already on the list (who is keeps the entry and reason they have);
 *   ifUser: only when user_id is a user (intake, alert rules and signed links are nobody's reader);
 * - addHolders: each of these role holders that is a user joins, under their name as a user;
 * - remove: the user leaves the list.
 */
export type AccessStep =
  | { add: IncidentAccessTable; ifUser: boolean }
  | { addHolders: string[]; entry: Omit<IncidentAccessTable, 'user_id' | 'user_name'> }
  | { remove: string };

export function accessStepsOf(event: StoredEvent<IncidentEvent>): AccessStep[] {
  const by = {
    incident_id: event.streamId,
    added_by_id: event.actor.id,
    added_by_name: event.actor.name,
    added_at: event.recordedAt,
  };
  const entry = (userId: string, userName: string, reason: string): IncidentAccessTable => ({
    ...by,
    user_id: userId,
    user_name: userName,
    reason,
  });
  const holders = (assignments: Record<string, string> | undefined): AccessStep[] => {
    const ids = [...new Set(Object.values(assignments ?? {}))];
    return ids.length ? [{ addHolders: ids, entry: { ...by, reason: 'assigned' } }] : [];
  };
  switch (event.type) {
    case 'incident.reported':
      return [{ add: entry(event.actor.id, event.actor.name, 'reporter'), ifUser: true }, ...holders(event.data.assignments)];
    case 'incident.updated':
      return [
        ...(event.data.changes.tlp === RED ? [{ add: entry(event.actor.id, event.actor.name, 'set-red'), ifUser: true }] : []),
        ...holders(event.data.changes.assignments),
      ];
    case 'role.assigned':
      return [{ add: entry(event.data.userId, event.data.userName, 'assigned'), ifUser: false }];
    case 'access.granted': {
      const { userId, userName, breakGlass } = event.data;
      return [{ add: entry(userId, userName, breakGlass ? 'break-glass' : 'added'), ifUser: false }];
    }
    case 'access.revoked':
      return [{ remove: event.data.userId }];
    default:
      return [];
  }
}

/** Keeps the access list projection in step with the events just appended, in their transaction (accessStepsOf). */
export async function projectAccess(tx: Tx, dialect: Dialect, events: StoredEvent<IncidentEvent>[]): Promise<void> {
  for (const event of events) {
    for (const step of accessStepsOf(event)) {
      if ('remove' in step) await deleteAccess(tx, event.streamId, step.remove);
      else if ('addHolders' in step) {
        for (const user of await usersAmong(tx, step.addHolders))
          await insertAccess(tx, { ...step.entry, user_id: user.id, user_name: user.name });
      } else if (step.ifUser) await insertUserAccess(tx, dialect, step.add);
      else await insertAccess(tx, step.add);
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

import type { MembershipRole } from '../../shared/prepare-types.ts';
import { listUsers } from '../auth/auth.queries.ts';
import { type Actor, can } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { membershipsOf, membershipsOfUsers } from '../customers/memberships.queries.ts';
import { findRecord } from '../registry/records.queries.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { activeUser } from './incident-access.queries.ts';
import type { IncidentState } from './incident-state.ts';

// Who may hold a role on an incident: an active user who may read it by the same rule as every reader (policy.can:
// an admin, a member of its customer, or anyone of our organisation for an incident of no customer). On a TLP:RED
// incident, taking a role puts them on its access list (projectAccess), as it always has for the people named on it.

type Person = { id: string; name: string; role: string };

function mayRead(user: Person, memberships: Record<string, MembershipRole>, customerId: string | null): boolean {
  const asActor: Actor = { id: user.id, name: user.name, role: user.role as Actor['role'], via: 'session', memberships };
  return can(asActor, 'incident.read', customerId);
}

/** The active users who may be given a role on the incident, by name (the Roles card's picker). */
export async function roleCandidates(
  tx: Tx,
  incident: Pick<IncidentState, 'customerId'>,
): Promise<{ id: string; name: string }[]> {
  const users = await listUsers(tx, 'active');
  const memberships = await membershipsOfUsers(
    tx,
    users.map((u) => u.id),
  );
  return users
    .filter((u) => mayRead(u, memberships.get(u.id) ?? {}, incident.customerId))
    .map((u) => ({ id: u.id, name: u.name }));
}

/** The user to be given a role; 400 naming userId, in words that say what to do, for anyone who may not hold it. */
export async function eligibleHolder(
  tx: Tx,
  dialect: Dialect,
  incident: Pick<IncidentState, 'customerId' | 'key'>,
  userId: string,
): Promise<{ id: string; name: string }> {
  const user = await activeUser(tx, userId);
  if (!user)
    throw new AppError(
      'invalid',
      `There is no active account ${userId}; choose one of the people who can read ${incident.key}`,
      'userId',
    );
  if (!mayRead(user, await membershipsOf(tx, user.id), incident.customerId)) {
    const customer = incident.customerId ? await findRecord(tx, dialect, CUSTOMER.kind, incident.customerId) : undefined;
    const name = customer ? (JSON.parse(customer.data) as { name: string }).name : 'this incident’s customer';
    throw new AppError(
      'invalid',
      `${user.name} is not a member of ${name}; add them on the customer’s Members tab first`,
      'userId',
    );
  }
  return { id: user.id, name: user.name };
}

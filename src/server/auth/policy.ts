import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { AppError } from '../core/errors.ts';

/** The authenticated caller of a use-case. */
export interface Actor {
  id: string;
  name: string;
  role: UserRole;
  via: 'session' | 'token' | 'system';
  /** The customers this user is a member of, with the role held there. Admins need none: they see everything. */
  memberships: Readonly<Record<string, MembershipRole>>;
}

export type Action =
  | 'incident.read'
  | 'incident.report'
  | 'incident.change'
  | 'registry.read'
  | 'registry.change'
  | 'members.manage'
  | 'plan.publish'
  | 'customer.create'
  | 'user.manage';

// Inside a customer the membership role decides; outside any customer (our own organisation's contacts,
// default ladders and playbooks, incidents filed before customers existed) the user's own role decides.
const CUSTOMER_RULES: Record<Action, readonly MembershipRole[]> = {
  'incident.read': ['manager', 'responder', 'viewer'],
  'incident.report': ['manager', 'responder'],
  'incident.change': ['manager', 'responder'],
  'registry.read': ['manager', 'responder', 'viewer'],
  'registry.change': ['manager'],
  'members.manage': ['manager'],
  'plan.publish': ['manager'],
  'customer.create': [],
  'user.manage': [],
};

const ORGANISATION_RULES: Record<Action, readonly UserRole[]> = {
  'incident.read': ['admin', 'responder', 'viewer'],
  'incident.report': ['admin', 'responder'],
  'incident.change': ['admin', 'responder'],
  'registry.read': ['admin', 'responder', 'viewer'],
  'registry.change': ['admin'],
  'members.manage': ['admin'],
  'plan.publish': ['admin'],
  'customer.create': ['admin'],
  'user.manage': ['admin'],
};

/** Whether the actor may know that something of this customer exists at all (null: belongs to no customer). */
export function canSee(actor: Actor, customerId: string | null): boolean {
  return actor.role === 'admin' || customerId === null || customerId in actor.memberships;
}

export function can(actor: Actor, action: Action, customerId: string | null = null): boolean {
  if (actor.role === 'admin') return true;
  if (customerId === null) return ORGANISATION_RULES[action].includes(actor.role);
  const membership = actor.memberships[customerId];
  return membership !== undefined && CUSTOMER_RULES[action].includes(membership);
}

/**
 * First line of every use-case. What the actor may not see answers 404 with notFound's words (never 403, so
 * that nobody learns another customer's objects exist); what it may see but not do answers 403.
 */
export function assertCan(actor: Actor, action: Action, scope?: { customerId: string | null; notFound: string }): void {
  if (scope && !canSee(actor, scope.customerId)) throw new AppError('not_found', scope.notFound);
  if (!can(actor, action, scope?.customerId ?? null)) {
    const where = scope?.customerId ? ' for this customer' : '';
    throw new AppError('forbidden', `Your role does not allow ${action.replace('.', ' ')}${where}`);
  }
}

/**
 * Need-to-know: whether reading this incident needs the actor on its access list. TLP:RED incidents are for the
 * people on their list only, admins and managers included; Muster's own work (jobs, intake, links) is not a reader.
 */
export function needsAccessList(actor: Actor, incident: { tlp: string }): boolean {
  return incident.tlp === 'TLP:RED' && actor.via !== 'system';
}

/** The user whose access list entries count for list queries; null: the system, which reads everything. */
export function listReader(actor: Actor): string | null {
  return actor.via === 'system' ? null : actor.id;
}

/** Names everything about the actor that what they may read and do depends on (for keeping answers per reader). */
export function readerKey(actor: Actor): string {
  return `${actor.via} ${actor.id} ${actor.role} ${JSON.stringify(actor.memberships)}`;
}

/** The customers whose objects the actor may see; null means all of them. */
export function visibleCustomers(actor: Actor): string[] | null {
  return actor.role === 'admin' ? null : Object.keys(actor.memberships);
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Muster', role: 'admin', via: 'system', memberships: {} };

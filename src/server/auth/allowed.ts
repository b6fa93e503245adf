import type {
  CustomerAllowed,
  IncidentAllowed,
  NotificationAllowed,
  RecordAllowed,
  SessionAllowed,
  TriageItemAllowed,
} from '../../shared/allowed.ts';
import { type Action, type Actor, can, visibleCustomers } from './policy.ts';

// The `allowed` flags the API sends with each object (docs/api.md#allowed), so that the web shows only what the
// server will then accept. Each flag is the very check the use-case behind that action makes, from data the
// route already holds: no query per object. The caller has already passed the read check for the object.

/** Whether the actor may do this for some customer it sees. One who sees them all: as for our organisation. */
function forSomeCustomer(actor: Actor, action: Action): boolean {
  const customers = visibleCustomers(actor);
  return customers === null ? can(actor, action, null) : customers.some((customerId) => can(actor, action, customerId));
}

/** Whether the actor may do this for our organisation or for some customer. */
const anywhere = (actor: Actor, action: Action) => can(actor, action, null) || forSomeCustomer(actor, action);

/** `customersExist`: once one does, every new incident must belong to a customer (resolveIncidentCustomer). */
export function sessionAllowed(actor: Actor, { customersExist }: { customersExist: boolean }): SessionAllowed {
  return {
    reportIncident: customersExist ? forSomeCustomer(actor, 'incident.report') : can(actor, 'incident.report'),
    createCustomer: can(actor, 'customer.create'),
    editOrganisation: can(actor, 'registry.change'),
    manageUsers: can(actor, 'user.manage'),
    // Every alert source, grouping rule and silence belongs to a customer.
    manageAlertSources: forSomeCustomer(actor, 'registry.change'),
    retryJobs: can(actor, 'user.manage'),
    manageIntake: can(actor, 'user.manage'),
    // grantIncidentAccess: a manager of the incident's customer may add themselves to a TLP:RED incident.
    breakGlass: anywhere(actor, 'members.manage'),
  };
}

/** changeIncident, notes, transitions, notifications and steps all need incident.change in its customer. */
export function incidentAllowed(actor: Actor, incident: { customerId: string | null }): IncidentAllowed {
  return { change: can(actor, 'incident.change', incident.customerId) };
}

/** The customer record: its registry, members, plan, and whether incidents may be reported for it. */
export function customerAllowed(actor: Actor, customer: { id: string }): CustomerAllowed {
  return {
    edit: can(actor, 'registry.change', customer.id),
    // changeRecord archives a customer with customer.create's right.
    archive: can(actor, 'customer.create', customer.id),
    manageMembers: can(actor, 'members.manage', customer.id),
    publish: can(actor, 'plan.publish', customer.id),
    reportIncident: can(actor, 'incident.report', customer.id),
  };
}

/** Any other registry record, of a customer or (customerId null) of our organisation. */
export function recordAllowed(actor: Actor, record: { customerId: string | null }): RecordAllowed {
  const edit = can(actor, 'registry.change', record.customerId);
  return { edit, archive: edit };
}

/** Opening, attaching and dismissing all go through itemToDecide: incident.report in the item's customer. */
export function triageItemAllowed(actor: Actor, item: { customerId: string | null }): TriageItemAllowed {
  return { decide: can(actor, 'incident.report', item.customerId) };
}

/**
 * An incident's notification changes the incident (incident.change in its customer, passed as `incidentCustomerId`);
 * a channel test changes the registry of its customer.
 */
export function notificationAllowed(
  actor: Actor,
  notification: { incidentId: string | null; customerId: string | null },
  incidentCustomerId: string | null = notification.customerId,
): NotificationAllowed {
  return {
    acknowledge: notification.incidentId
      ? can(actor, 'incident.change', incidentCustomerId)
      : can(actor, 'registry.change', notification.customerId),
  };
}

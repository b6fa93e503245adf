import { MEMBERSHIP_ROLES, type MembershipRole } from '../../shared/prepare-types.ts';
import type { User } from '../auth/auth-api.ts';

/** The signed-in user and the customers they are a member of (`GET /auth/me`). */
export interface Access {
  user: User;
  memberships: Record<string, MembershipRole>;
}

// The same rules as the server's policy (src/server/auth/policy.ts), used only to hide what would be refused:
// the server decides. Inside a customer the membership role counts; our own organisation's objects follow the
// user's own role.

export const isAdmin = (access: Access | undefined): boolean => access?.user.role === 'admin';

/** May edit the customer's registry (services, contacts, roster…) or, for null, our organisation's. */
export function canEditRegistry(access: Access | undefined, customerId: string | null): boolean {
  if (!access) return false;
  if (isAdmin(access)) return true;
  return customerId !== null && access.memberships[customerId] === 'manager';
}

/** May add, change and remove the customer's members. */
export const canManageMembers = (access: Access | undefined, customerId: string): boolean => canEditRegistry(access, customerId);

/** May report and change incidents of this customer (null: incidents outside any customer). */
export function canReportFor(access: Access | undefined, customerId: string | null): boolean {
  if (!access) return false;
  if (isAdmin(access)) return true;
  if (customerId === null) return access.user.role === 'responder';
  const role = access.memberships[customerId];
  return role === 'manager' || role === 'responder';
}

export const MEMBERSHIP_LABELS: Record<MembershipRole, string> = {
  manager: 'Manager',
  responder: 'Responder',
  viewer: 'Viewer',
};

export const MEMBERSHIP_DESCRIPTIONS: Record<MembershipRole, string> = {
  manager: 'Edits the customer’s services, contacts, roster and plans, manages members, publishes the plan',
  responder: 'Reports and works the customer’s incidents; reads its plan',
  viewer: 'Reads the customer’s incidents and plan',
};

export const ROLE_OPTIONS = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_LABELS[r] }));

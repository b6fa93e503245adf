import { MEMBERSHIP_ROLES, type MembershipRole } from '../../shared/prepare-types.ts';

// How the UI names customer roles. What each role may do is the server's to say (`allowed` on each object).

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

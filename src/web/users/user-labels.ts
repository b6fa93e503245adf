import { USER_ROLES, type UserRole } from '../../shared/incident-vocabulary.ts';

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Administrator',
  responder: 'Responder',
  viewer: 'Viewer',
};

export const USER_ROLE_DESCRIPTIONS: Record<UserRole, string> = {
  admin: 'Sees every customer; manages users, customers and settings',
  responder: 'Reports and works incidents; sees the customers they are a member of',
  viewer: 'Reads; sees the customers they are a member of',
};

export const USER_ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: USER_ROLE_LABELS[r] }));

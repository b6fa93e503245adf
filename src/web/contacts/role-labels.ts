import { INCIDENT_ROLES, type IncidentRole } from '../../shared/incident-vocabulary.ts';

export const ROLE_ORDER: readonly IncidentRole[] = INCIDENT_ROLES;

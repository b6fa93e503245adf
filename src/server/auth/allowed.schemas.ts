import { Type } from 'typebox';
import {
  CUSTOMER_ALLOWED,
  INCIDENT_ALLOWED,
  NOTIFICATION_ALLOWED,
  RECORD_ALLOWED,
  SESSION_ALLOWED,
  TRIAGE_ITEM_ALLOWED,
} from '../../shared/allowed.ts';

// The `allowed` object of each response, for the route schemas (and so the OpenAPI document).
const flags = (keys: readonly string[], what: string) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Boolean()])), {
    additionalProperties: false,
    description: `What the caller may do ${what}; the server still checks every request`,
  });

export const SessionAllowedSchema = flags(SESSION_ALLOWED, 'outside any one object');
export const IncidentAllowedSchema = flags(INCIDENT_ALLOWED, 'with this incident');
export const CustomerAllowedSchema = flags(CUSTOMER_ALLOWED, 'with this customer');
export const RecordAllowedSchema = flags(RECORD_ALLOWED, 'with this record');
export const TriageItemAllowedSchema = flags(TRIAGE_ITEM_ALLOWED, 'with this triage item');
export const NotificationAllowedSchema = flags(NOTIFICATION_ALLOWED, 'with this notification');

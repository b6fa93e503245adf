// What the signed-in user may do, as the API answers it in `allowed` on each object it shows (docs/api.md#allowed).
// The server computes every flag from the same policy its use-cases check; the web only reads them. Keys are
// the verbs the screens need. Shared by the server and the web UI: names and shapes only, no logic.

/** On `GET /auth/me`: what the user may do outside any one object. */
export const SESSION_ALLOWED = [
  'reportIncident',
  'createCustomer',
  'editOrganisation',
  'manageUsers',
  'manageAlertSources',
  'retryJobs',
  'manageIntake',
  'breakGlass',
] as const;

/** On each incident. */
export const INCIDENT_ALLOWED = ['change'] as const;

/** On each customer. */
export const CUSTOMER_ALLOWED = ['edit', 'archive', 'manageMembers', 'publish', 'reportIncident'] as const;

/** On each other registry record (service, contact, roster, PACE plan, obligation, playbook). */
export const RECORD_ALLOWED = ['edit', 'archive'] as const;

/** On each triage item: open an incident from it, attach it to one, or dismiss it. */
export const TRIAGE_ITEM_ALLOWED = ['decide'] as const;

/** On each notification: record an acknowledgement or the customer's answer. */
export const NOTIFICATION_ALLOWED = ['acknowledge'] as const;

type Flags<K extends readonly string[]> = Readonly<Record<K[number], boolean>>;
export type SessionAllowed = Flags<typeof SESSION_ALLOWED>;
export type IncidentAllowed = Flags<typeof INCIDENT_ALLOWED>;
export type CustomerAllowed = Flags<typeof CUSTOMER_ALLOWED>;
export type RecordAllowed = Flags<typeof RECORD_ALLOWED>;
export type TriageItemAllowed = Flags<typeof TRIAGE_ITEM_ALLOWED>;
export type NotificationAllowed = Flags<typeof NOTIFICATION_ALLOWED>;

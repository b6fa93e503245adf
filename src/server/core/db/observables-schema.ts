// The row shape of observables (see schema.ts for the conventions of every row shape).

/**
 * An observable on an incident: a projection of the observable.* events on the incident's timeline, written in
 * the same transaction as they are appended. Its customer and need-to-know are its incident's, read by joining
 * incidents, so that moving an incident or marking it TLP:RED needs no copy kept in step.
 */
export interface ObservablesTable {
  id: string;
  incident_id: string;
  /** One of OBSERVABLE_TYPES. */
  type: string;
  /** Normalised (see shared/observable-values.ts): equal indicators have equal values. */
  value: string;
  /** JSON string[]. */
  tags: string;
  tlp: string;
  description: string;
  first_seen: string;
  last_seen: string;
  added_by_id: string;
  added_by_name: string;
  created_at: string;
  updated_at: string;
}

import type { FieldChanges } from './field-changes.ts';
import type { MembershipRole, PlanVersionSource } from './prepare-types.ts';

// One stream type's part of the event vocabulary (see timeline-events.ts for the rules every event type follows).

/** The kinds of registry object, each on its own stream (`<kind>.created`, `.updated`, `.archived`). */
export const RECORD_KINDS = ['customer', 'service', 'contact', 'roster', 'pace-plan', 'obligation', 'playbook'] as const;
export type RecordKindName = (typeof RECORD_KINDS)[number];

/**
 * A registry object's fields as created (its data in `records`, plus its customer). Their shape is each kind's
 * (prepare-types.ts), checked by its schema; the history treats them as named values.
 */
export type RecordCreated = {
  customerId: string | null;
  [field: string]: unknown;
};

/** Data of each event type on a registry object's stream. */
export type RecordEventData = { [K in `${RecordKindName}.created`]: RecordCreated } & {
  [K in `${RecordKindName}.updated`]: FieldChanges<Record<string, unknown>>;
} & { [K in `${RecordKindName}.archived`]: Record<string, never> } & {
  'customer.member_set': { userId: string; userName: string; role: MembershipRole };
  'customer.member_removed': { userId: string };
  /** A plan version frozen, on the customer's stream. */
  'plan.published': {
    planVersionId: string;
    version: number;
    sha256: string;
    approver: string;
    /** The reviews whose actions this version completed (absent on versions published before reviews). */
    fromReviews?: PlanVersionSource[];
  };
};

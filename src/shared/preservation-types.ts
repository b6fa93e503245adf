// The customer is asked to preserve what only they hold (docs/preservation-requests.md): the list sent to them,
// their answer per item through a no-account link, and the request's custody log. Shared by the server and the web
// UI: values and shapes only, no logic.

/** What the customer says of one item, in the words of the link's page. */
export const PRESERVE_ANSWERS = ['preserved', 'not-preserved'] as const;
export type PreserveAnswerStatus = (typeof PRESERVE_ANSWERS)[number];
export const PRESERVE_ANSWER_LABELS: Record<PreserveAnswerStatus, string> = {
  preserved: 'Preserved',
  'not-preserved': 'Cannot preserve',
};

/** Asked for when neither the incident's playbooks nor its category's say what to preserve. */
export const DEFAULT_PRESERVE_ITEMS = [
  'Logs of the affected systems (system, application and security logs), as they are now',
  'Disk images of the affected hosts',
  'Memory images of the affected hosts, taken before they are shut down or restarted',
  'Mailboxes involved, with full message headers',
  'Firewall and proxy records covering the incident period',
] as const;

export const MAX_PRESERVE_ITEMS = 50;
export const PRESERVE_ITEM_MAX = 300;

/** One thing to keep, as sent; the id is stable within the request ("item-1"…). */
export interface PreservationItem {
  id: string;
  text: string;
}

export interface PreservationAnswer {
  status: PreserveAnswerStatus;
  /** Where they keep it (preserved); may be empty. */
  location: string;
  /** Why not (not preserved), or anything they add; may be empty. */
  note: string;
  /** Who answered: the name they typed, else whom the link was sent to. */
  by: string;
  at: string;
}

/** sent: waiting for answers; answered: every item answered; expired: the link ran out before every item was. */
export type PreservationStatus = 'sent' | 'answered' | 'expired';

/** One step of the request's chain of custody, as the incident page shows it. */
export interface PreservationCustodyEntry {
  seq: number;
  action: 'preservation_requested' | 'preserved' | 'not_preserved';
  by: string;
  at: string;
  location: string | null;
  note: string;
  itemId: string | null;
  item: string;
  hash: string;
}

/** GET /incidents/:id/preservation-requests: one request, each item with its latest answer, and the custody log. */
export interface PreservationRequest {
  id: string;
  incidentId: string;
  notificationId: string;
  status: PreservationStatus;
  items: (PreservationItem & { answer: PreservationAnswer | null })[];
  message: string;
  /** The date they are asked to keep it until (YYYY-MM-DD); null: until we say. */
  keepUntil: string | null;
  /** The link works until then; answers may be changed until then too. */
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  /** The message that carried the list and the link: where it is on the ladder. */
  delivery: { status: string; level: string | null; acknowledgedAt: string | null; acknowledgedBy: string | null };
  custody: PreservationCustodyEntry[];
}

/** GET /incidents/:id/preservation-requests/suggested-items: what the request form starts with, and from where. */
export interface SuggestedPreserveItems {
  items: string[];
  /** The playbooks they come from (applied to the incident, else its category's); empty: the default list. */
  from: string[];
}

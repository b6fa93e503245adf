import type { ChannelType, MoveOnRule, PaceLevelName } from './prepare-types.ts';

// Notifications as the API shows them (docs/webhooks.md, docs/api.md): a message walking a customer's PACE
// ladder, each delivery try on the record. Shared by the server and the web UI: types only, no logic.

/** One rung of the ladder a notification walks, resolved to a real channel (or a task for a person). */
export interface LadderStep {
  level: PaceLevelName;
  contactId: string | null;
  contactName: string;
  channelId: string | null;
  channelType: ChannelType | null;
  /**
   * E-mail address, phone number or webhook URL; empty for manual steps without a channel. The API shows a
   * webhook URL as `scheme://host/…` only.
   */
  address: string;
  /** The channel's label ("#ir-acme"); absent on ladders stored before it was kept. */
  label?: string;
  clearedForRed: boolean;
  /** A person does this step (manual and voice channels, levels without a channel). */
  manual: boolean;
  /** For manual steps: what the person must do. */
  instruction: string;
  moveOn: MoveOnRule;
}

/** One try to deliver on one level, as the notification panel shows it. */
export interface DeliveryAttempt {
  /** Index of the ladder step. */
  level: number;
  levelName: PaceLevelName;
  at: string;
  channel: string;
  /** accepted by the channel, failed, skipped (compromised), or a task handed to a person. */
  outcome: 'accepted' | 'failed' | 'skipped' | 'task';
  reason: string | null;
  providerId: string | null;
  attempt: number;
}

export interface InstructionAnswer {
  decision: 'approve' | 'decline' | 'instruct';
  text: string;
  by: string;
  at: string;
}

export type NotificationKind = 'message' | 'instruction' | 'reminder' | 'test';

export type NotificationStatus =
  | 'draft'
  | 'delivering'
  | 'delivered'
  | 'awaiting-person'
  | 'failed'
  | 'acknowledged'
  | 'answered'
  | 'exhausted';

/** A notification as the API and the engine see it. */
export interface Notification {
  id: string;
  incidentId: string | null;
  customerId: string | null;
  /** A PACE purpose, or "test" for a channel test. */
  purpose: string;
  kind: NotificationKind;
  status: NotificationStatus;
  /** Index of the ladder step it is on; -1 before it starts. */
  level: number;
  ladder: LadderStep[];
  /** Templates: {{incident.key}}, {{incident.title}}, {{incident.description}}… */
  subject: string;
  body: string;
  attempts: DeliveryAttempt[];
  /** Delivering it submits this obligation stage: "obligationId/stageId". */
  obligationRef: string | null;
  /** The playbook step an instruction request is about: "playbookSlug/stepId". */
  stepRef: string | null;
  response: InstructionAnswer | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** A channel declared compromised, for one incident or for every incident of the customer. */
export interface CompromisedChannel {
  id: string;
  channelId: string;
  /** The channel as people name it: "email ola@acme.example (Ola Nordmann)". */
  channel: string;
  scope: 'incident' | 'customer';
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

/** GET /incidents/:id/notifications. */
export interface IncidentNotifications {
  items: Notification[];
  compromisedChannels: CompromisedChannel[];
}

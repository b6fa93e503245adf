import { randomUUIDv7 } from 'node:crypto';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import type { Notification } from '../notifications/notifications.queries.ts';
import { type NotificationCompanion, sendNotification } from '../notifications/send-notification.ts';
import { LINK_LIFETIME_MS } from '../notifications/signed-links.ts';
import { type CustomerLinkKind, linkToken, linkTokenHash } from './link-token.ts';

/** The link a request is sent with, made before the request's row: the row stores its hash and expiry. */
export interface NewLink {
  id: string;
  tokenHash: string;
  /** As long as the acknowledgement link in the same message works. */
  expiresAt: string;
}

/** What a domain sends with a customer link (a connection check, a preservation request). */
export interface LinkedRequest<Row> {
  kind: CustomerLinkKind;
  /** Said (409) when the incident has no customer to send it to. */
  noCustomer: string;
  /** Refuses, or decides the request's row (all but its notification) and the message's words; again on a retry. */
  prepare(
    tx: Tx,
    incident: IncidentState & { customerId: string },
    now: Date,
    link: NewLink,
  ): Promise<{ row: Row; subject: string; body: string }>;
  /** Its events on the incident's timeline, just before the notification's own. */
  events(row: Row, notificationId: string): IncidentEvent[];
  /** Writes its rows with the notification's (and anything else of the same transaction, e.g. custody). */
  write(tx: Tx, row: Row, notification: Notification, now: Date): Promise<void>;
}

/**
 * Sends a request up the customer's notify-customer ladder with a single link where they answer it, without an
 * account: the request's rows and events commit with the notification, or nothing does. The incident's change
 * rights are checked as for any notification (404 to those who may not read it, 403 to those who may not change it);
 * an incident without a notify-customer ladder is refused (409) naming what to set up. Returns the request's id.
 */
export async function sendWithLink<Row>(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  request: LinkedRequest<Row>,
): Promise<string> {
  const secret = await instanceSecret(deps.database);
  // Decided inside the transaction (again on a retry), written with the notification once it has its id.
  let made: Row | null = null;
  let id = '';
  const companion: NotificationCompanion = {
    async prepare(tx, incident, now) {
      const { customerId } = incident;
      if (!customerId) throw new AppError('conflict', request.noCustomer, 'customerId');
      id = randomUUIDv7();
      const link = {
        id,
        tokenHash: linkTokenHash(linkToken(secret, request.kind, id)),
        expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
      };
      const prepared = await request.prepare(tx, { ...incident, customerId }, now, link);
      made = prepared.row;
      return { subject: prepared.subject, body: prepared.body };
    },
    events: (n) => request.events(made as Row, n.id),
    write: (tx, n, now) => request.write(tx, made as Row, n, now),
  };
  await sendNotification(deps, actor, incidentIdOrKey, { purpose: 'notify-customer' }, companion);
  return id;
}

import type { ConnectionToCheck } from '../../shared/connection-check-types.ts';
import type { Service } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { ConnectionChecksTable } from '../core/db/connection-checks-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { sendWithLink } from '../customer-links/send-with-link.ts';
import { checkListLines, connectionsToCheck } from '../plans/check-list.ts';
import { listRecords } from '../registry/records.queries.ts';
import { recordView } from '../registry/save-record.ts';
import { type ConnectionCheckRow, findCheck, insertCheck } from './connection-checks.queries.ts';

export interface CheckRequest {
  /** Some of the incident's affected services; absent: all of them. */
  serviceIds?: string[];
  /** The opening words of the message; absent: a standard text. */
  message?: string;
}

/** More would make a page nobody finishes, and a form past the form body limit. */
export const MAX_CONNECTIONS = 200;

const INTRO =
  'We are handling a security incident that concerns you. The affected services have connections to other systems of yours, which an attacker may have used to move on.';

function messageBody(intro: string | undefined, connections: ConnectionToCheck[]): string {
  return [
    intro?.trim() || INTRO,
    '',
    'Please check these connections and tell us, for each, whether you checked it and found it clean, found it compromised, or could not check it:',
    ...checkListLines(connections),
  ].join('\n');
}

/**
 * Sends the "check these" list of the incident's affected services' connections up the customer's notify-customer
 * ladder, with a single-use link where they answer per connection. The check's row and its
 * connection_check.requested event commit with the notification, or nothing does.
 */
export async function requestConnectionCheck(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: CheckRequest,
): Promise<ConnectionCheckRow> {
  const id = await sendWithLink<Omit<ConnectionChecksTable, 'notification_id'>>(deps, actor, incidentIdOrKey, {
    kind: 'check',
    noCustomer: 'The incident has no customer: set its customer and affected services first',
    async prepare(tx, incident, now, link) {
      const wanted = input.serviceIds ? [...new Set(input.serviceIds)] : incident.serviceIds;
      const stranger = wanted.find((id) => !incident.serviceIds.includes(id));
      if (stranger) {
        throw new AppError('invalid', `Service ${stranger} is not an affected service of this incident`, 'serviceIds');
      }
      if (wanted.length === 0) {
        throw new AppError('conflict', 'The incident has no affected services: set them in its details first', 'serviceIds');
      }
      const services = (await listRecords(tx, { kind: 'service', customerId: incident.customerId, visible: null })).map((row) =>
        recordView<Service>(row),
      );
      const connections = connectionsToCheck(services, wanted);
      if (connections.length === 0) {
        throw new AppError(
          'conflict',
          'The affected services have no connections recorded: add them to the services on the customer’s page first',
          'serviceIds',
        );
      }
      if (connections.length > MAX_CONNECTIONS) {
        throw new AppError(
          'invalid',
          `The affected services have ${connections.length} connections, more than ${MAX_CONNECTIONS} for one check: choose fewer services`,
          'serviceIds',
        );
      }
      const row = {
        id: link.id,
        incident_id: incident.id,
        customer_id: incident.customerId,
        connections: JSON.stringify(connections),
        answers: null,
        token_hash: link.tokenHash,
        expires_at: link.expiresAt,
        answered_at: null,
        answered_by: null,
        created_by: actor.name,
        created_at: now.toISOString(),
      };
      return {
        row,
        subject: 'Please check these connections: {{incident.key}} {{incident.title}}',
        body: messageBody(input.message, connections),
      };
    },
    events(row, notificationId) {
      const data = {
        checkId: row.id,
        notificationId,
        connections: JSON.parse(row.connections),
        expiresAt: row.expires_at,
      };
      return [{ type: 'connection_check.requested', data }];
    },
    write: (tx, row, n) => insertCheck(tx, { ...row, notification_id: n.id }),
  });
  return (await findCheck(deps.database.db, deps.database.dialect, id)) as ConnectionCheckRow;
}

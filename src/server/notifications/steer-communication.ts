import { randomUUID } from 'node:crypto';
import type { PaceLevelName } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { communicationContents } from '../plans/plan-contents.ts';
import { publicAddress } from '../registry/public-address.ts';
import { RECONSIDER_JOB } from './deliver-notification.ts';
import { insertCompromisedChannel, listOpenNotifications } from './notifications.queries.ts';

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new AppError('invalid', 'Say why', 'reason');
  return trimmed;
}

/** Every open notification of the incident looks again at its level, as a durable job of the same transaction. */
async function reconsiderOpen(tx: Tx, incidentId: string, reason: string, now: Date) {
  for (const n of await listOpenNotifications(tx, incidentId)) {
    await enqueue(tx, { name: RECONSIDER_JOB, payload: { notificationId: n.id, reason } }, now);
  }
}

/**
 * "Move this incident's communication to level A/C/E": new notifications start there, and those under way on a
 * lower level move up now. Moving back down is allowed too (the primary channel is trusted again).
 */
export async function setCommunicationLevel(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  level: PaceLevelName,
  reason: string,
): Promise<IncidentState> {
  const why = requireReason(reason);
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    decide: (_tx, incident) => {
      if ((incident.communicationLevel ?? 'primary') === level) return [];
      return [{ type: 'communication.level_set', data: { from: incident.communicationLevel ?? 'primary', level, reason: why } }];
    },
    alongside: (tx, next, _events, now) => reconsiderOpen(tx, next.id, `communication moved to ${level}: ${why}`, now),
  });
  return state;
}

/**
 * "Declare channel compromised" for this incident or for the whole customer: from now on no notification uses
 * it, and one waiting on it moves to the next level now.
 */
export async function declareChannelCompromised(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: { channelId: string; scope: 'incident' | 'customer'; reason: string },
): Promise<void> {
  const why = requireReason(input.reason);
  let channelName = '';
  await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      if (input.scope === 'customer' && !incident.customerId) {
        throw new AppError('invalid', 'This incident has no customer: declare the channel compromised for the incident', 'scope');
      }
      const { contacts } = await communicationContents(tx, deps.database.dialect, incident.customerId, now);
      const contact = contacts.find((c) => c.channels.some((ch) => ch.id === input.channelId));
      const channel = contact?.channels.find((ch) => ch.id === input.channelId);
      if (!contact || !channel)
        throw new AppError('not_found', `No channel ${input.channelId} among this incident's contacts`, 'channelId');
      channelName = `${channel.type} ${publicAddress(channel)} (${contact.name})`;
      return [
        {
          type: 'channel.compromised',
          data: { channelId: input.channelId, channel: channelName, scope: input.scope, reason: why },
        },
      ];
    },
    async alongside(tx, next, _events, now) {
      await insertCompromisedChannel(tx, {
        id: randomUUID(),
        channel_id: input.channelId,
        channel: channelName,
        customer_id: next.customerId,
        incident_id: input.scope === 'incident' ? next.id : null,
        reason: why,
        declared_by: actor.name,
        declared_at: now.toISOString(),
      });
      await reconsiderOpen(tx, next.id, `channel ${channelName} declared compromised: ${why}`, now);
    },
  });
}

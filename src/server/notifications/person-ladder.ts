import { type Contact, PACE_LEVELS } from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { findRecord } from '../registry/records.queries.ts';
import { CONTACT } from '../registry/registry-kinds.ts';
import { type LadderStep, singleChannelLadder } from './ladder.ts';
import { findPersonToTell } from './notifications.queries.ts';

const BY_ITSELF = new Set(['email', 'sms', 'slack', 'teams', 'mattermost', 'webhook']);

/**
 * The ladder that reaches one user (a role given, a task due): the channels of the contact the user is linked to,
 * in the contact's order, that Muster can use by itself (at most four); else the account's e-mail address.
 * A channel that fails moves the message on to the next; nobody has to acknowledge a message to themselves.
 */
export async function personLadder(tx: Tx, dialect: Dialect, userId: string): Promise<LadderStep[]> {
  const user = await findPersonToTell(tx, userId);
  if (!user) throw new AppError('invalid', `No active user ${userId}`, 'userId');
  const row = user.contact_id ? await findRecord(tx, dialect, CONTACT.kind, user.contact_id) : undefined;
  const linked = row && !row.archived_at ? ({ ...JSON.parse(row.data), id: row.id } as Contact) : null;
  const usable = linked?.channels.filter((channel) => BY_ITSELF.has(channel.type)) ?? [];
  const contact: Contact =
    linked && usable.length
      ? { ...linked, channels: usable }
      : {
          ...(linked ?? emptyContact(user)),
          name: linked?.name ?? user.name,
          channels: [
            {
              id: 'account-email',
              type: 'email',
              address: user.email,
              label: 'Account e-mail',
              verified: true,
              lastTestedAt: null,
            },
          ],
        };
  return contact.channels.slice(0, PACE_LEVELS.length).map((channel, index) => ({
    ...singleChannelLadder(contact, channel)[0],
    level: PACE_LEVELS[index],
    moveOn: { noAckMinutes: null, onDeliveryFailure: true, onChannelCompromised: true },
  }));
}

function emptyContact(user: { id: string; name: string }): Contact {
  const at = new Date(0).toISOString();
  return {
    id: `user:${user.id}`,
    version: 0,
    createdAt: at,
    updatedAt: at,
    customerId: null,
    kind: 'person',
    name: user.name,
    organisation: '',
    role: '',
    timeZone: 'UTC',
    workingHours: '',
    channels: [],
    notes: '',
  };
}

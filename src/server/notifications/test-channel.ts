import { randomUUIDv7 } from 'node:crypto';
import type { Contact } from '../../shared/prepare-types.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import { withTransaction } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { CONTACT } from '../registry/registry-kinds.ts';
import { readRecord } from '../registry/save-record.ts';
import { singleChannelLadder } from './ladder.ts';
import { findNotification, insertNotification, type Notification } from './notifications.queries.ts';
import { deliverJob } from './walk-ladder.ts';

/**
 * "Test this channel": sends a test message with an acknowledgement link; the acknowledgement marks the channel
 * tested (time and seconds taken), which the PACE plan's warnings read.
 */
export async function testChannel(deps: Deps, actor: Actor, contactId: string, channelId: string): Promise<Notification> {
  const { db, dialect } = deps.database;
  const { record } = await readRecord(db, dialect, actor, CONTACT, contactId);
  const contact = record as unknown as Contact;
  assertCan(actor, 'registry.change', { customerId: contact.customerId, notFound: `No contact ${contactId}` });
  const channel = contact.channels.find((c) => c.id === channelId);
  if (!channel) throw new AppError('not_found', `Contact ${contact.name} has no channel ${channelId}`, 'channelId');
  const ladder = singleChannelLadder(contact, channel);
  if (ladder[0].manual)
    throw new AppError(
      'invalid',
      `A ${channel.type} channel is tested by a person: try it and record the result on the contact`,
      'channelId',
    );
  const id = randomUUIDv7();
  const now = deps.clock.now().toISOString();
  await withTransaction(deps.database, async (tx) => {
    await insertNotification(tx, {
      id,
      incident_id: null,
      customer_id: contact.customerId,
      purpose: 'test',
      kind: 'test',
      status: 'delivering',
      level: 0,
      ladder: JSON.stringify(ladder),
      subject: `Muster channel test for ${contact.name}`,
      body: `This is a test of the channel "${channel.label || channel.type}" that the incident plan uses to reach ${contact.name}.\nPlease acknowledge it with the link below, so that we know it works.`,
      attempts: '[]',
      obligation_ref: null,
      step_ref: null,
      response: null,
      created_by: actor.name,
      created_at: now,
      updated_at: now,
      sent_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
    });
    await enqueue(tx, deliverJob(id, 0, 1), deps.clock.now());
  });
  deps.jobs.wake();
  return (await findNotification(db, dialect, id)) as Notification;
}

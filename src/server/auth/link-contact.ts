import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { findRecord } from '../registry/records.queries.ts';
import { CONTACT } from '../registry/registry-kinds.ts';
import { setUserContact } from './auth.queries.ts';
import { type Actor, can } from './policy.ts';

/**
 * Links a user to the registry contact whose channels reach them (null: unlinks). The contact must be a person
 * the actor may read; its channels are then how Muster tells the user of a role given or a task due.
 */
export async function linkContact(tx: Tx, dialect: Dialect, actor: Actor, userId: string, contactId: string | null) {
  if (contactId !== null) {
    const row = await findRecord(tx, dialect, CONTACT.kind, contactId);
    if (!row || row.archived_at || !can(actor, 'registry.read', row.customer_id))
      throw new AppError('invalid', `No contact ${contactId} to link`, 'contactId');
    if (JSON.parse(row.data).kind !== 'person')
      throw new AppError('invalid', 'Link a person, not a function: a role or a task is told to one person', 'contactId');
  }
  await setUserContact(tx, userId, contactId);
}

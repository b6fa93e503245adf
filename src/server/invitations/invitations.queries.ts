import type { InvitationsTable } from '../core/db/people-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export async function insertInvitation(db: Tx, row: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export function findInvitationByHash(db: Tx, tokenHash: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findInvitation(db: Tx, id: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Invitations newest first; customerId undefined: every customer's and none; pendingAt: only those still open then. */
export function listInvitations(db: Tx, filter: { customerId?: string; pendingAt?: string }): Promise<InvitationsTable[]> {
  let query = db.selectFrom('invitations').selectAll();
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.pendingAt !== undefined) {
    query = query.where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', filter.pendingAt);
  }
  return query.orderBy('created_at', 'desc').limit(500).execute();
}

/** Spends a pending invitation (compare-and-set): false when it was accepted, revoked or expired meanwhile. */
export async function markInvitationAccepted(db: Tx, id: string, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_user_id: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws an invitation that is still open; false when it was accepted or revoked already. */
export async function markInvitationRevoked(db: Tx, id: string, byId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now, revoked_by_id: byId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws the open invitations of an address into the same place (a new invitation replaces them). */
export async function revokeOpenInvitationsOf(
  db: Tx,
  email: string,
  customerId: string | null,
  byId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now, revoked_by_id: byId })
    .where('email', '=', email)
    .where((eb) => (customerId === null ? eb('customer_id', 'is', null) : eb('customer_id', '=', customerId)))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { Invitation, InvitationStatus } from '../../shared/invitation-types.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { InvitationsTable } from '../core/db/people-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { findRecord } from '../registry/records.queries.ts';

export type InvitationView = Invitation;

export function statusOf(row: InvitationsTable, now: Date): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'pending';
}

/** The customer's name, for the invitation page and mail; null when it belongs to none (or is gone). */
export async function customerNameOf(tx: Tx, dialect: Dialect, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const row = await findRecord(tx, dialect, 'customer', customerId);
  return row ? ((JSON.parse(row.data) as { name?: string }).name ?? null) : null;
}

export async function invitationViews(tx: Tx, dialect: Dialect, rows: InvitationsTable[], now: Date): Promise<InvitationView[]> {
  const names = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.customer_id).filter((c): c is string => c !== null))) {
    names.set(id, await customerNameOf(tx, dialect, id));
  }
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role as UserRole,
    customerId: row.customer_id,
    customerName: row.customer_id ? (names.get(row.customer_id) ?? null) : null,
    customerRole: row.customer_role as MembershipRole | null,
    invitedBy: { id: row.invited_by_id, name: row.invited_by_name },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: statusOf(row, now),
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  }));
}

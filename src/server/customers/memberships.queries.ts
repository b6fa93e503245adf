import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { Tx } from '../core/db/transaction.ts';

export async function membershipsOf(db: Tx, userId: string): Promise<Record<string, MembershipRole>> {
  const rows = await db.selectFrom('memberships').select(['customer_id', 'role']).where('user_id', '=', userId).execute();
  return Object.fromEntries(rows.map((r) => [r.customer_id, r.role as MembershipRole]));
}

export function listMembers(db: Tx, customerId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.user_id as userId',
      'memberships.customer_id as customerId',
      'memberships.role as role',
      'users.name as userName',
      'users.email as userEmail',
    ])
    .where('memberships.customer_id', '=', customerId)
    .orderBy('users.name')
    .execute();
}

export async function upsertMembership(
  db: Tx,
  row: { user_id: string; customer_id: string; role: MembershipRole; created_at: string },
) {
  await db
    .insertInto('memberships')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'customer_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export async function deleteMembership(db: Tx, userId: string, customerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('memberships')
    .where('user_id', '=', userId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

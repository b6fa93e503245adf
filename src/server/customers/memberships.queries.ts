import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { Tx } from '../core/db/transaction.ts';

export async function membershipsOf(db: Tx, userId: string): Promise<Record<string, MembershipRole>> {
  const rows = await db.selectFrom('memberships').select(['customer_id', 'role']).where('user_id', '=', userId).execute();
  return Object.fromEntries(rows.map((r) => [r.customer_id, r.role as MembershipRole]));
}

/** The memberships of several users at once: user id → customer id → role (users with none are absent). */
export async function membershipsOfUsers(db: Tx, userIds: string[]): Promise<Map<string, Record<string, MembershipRole>>> {
  const result = new Map<string, Record<string, MembershipRole>>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'customer_id', 'role'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) {
    const own = result.get(r.user_id) ?? {};
    own[r.customer_id] = r.role as MembershipRole;
    result.set(r.user_id, own);
  }
  return result;
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

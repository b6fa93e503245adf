import type { PlanVersionsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

const SUMMARY_COLUMNS = [
  'id',
  'customer_id',
  'version',
  'owner',
  'approver',
  'published_at',
  'published_by',
  'review_by',
  'sha256',
  'from_reviews',
] as const;

export type PlanVersionSummaryRow = Omit<PlanVersionsTable, 'snapshot'>;

export async function insertPlanVersion(tx: Tx, row: PlanVersionsTable): Promise<void> {
  await tx.insertInto('plan_versions').values(row).execute();
}

export function findPlanVersion(tx: Tx, id: string): Promise<PlanVersionsTable | undefined> {
  return tx.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlanVersionSummary(tx: Tx, id: string): Promise<PlanVersionSummaryRow | undefined> {
  return tx.selectFrom('plan_versions').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The customer's newest published version: the plan in force. */
export function latestPlanVersion(tx: Tx, customerId: string): Promise<PlanVersionSummaryRow | undefined> {
  return tx
    .selectFrom('plan_versions')
    .select(SUMMARY_COLUMNS)
    .where('customer_id', '=', customerId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listPlanVersions(tx: Tx, customerId: string): Promise<PlanVersionSummaryRow[]> {
  return tx
    .selectFrom('plan_versions')
    .select(SUMMARY_COLUMNS)
    .where('customer_id', '=', customerId)
    .orderBy('version', 'desc')
    .execute();
}

/** Every customer's plan in force (its newest version), for the dashboard. */
export function listCurrentPlanVersions(tx: Tx, customerIds: string[] | null): Promise<PlanVersionSummaryRow[]> {
  let query = tx
    .selectFrom('plan_versions as p')
    .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('plan_versions as newer')
            .select('newer.id')
            .whereRef('newer.customer_id', '=', 'p.customer_id')
            .whereRef('newer.version', '>', 'p.version'),
        ),
      ),
    );
  if (customerIds !== null) query = query.where('p.customer_id', 'in', customerIds.length ? customerIds : ['']);
  return query.orderBy('p.review_by').execute();
}

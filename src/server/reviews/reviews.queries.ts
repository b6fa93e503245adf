import type { ReviewsTable } from '../core/db/review-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type ReviewRow = ReviewsTable;

export function findReview(tx: Tx, incidentId: string): Promise<ReviewRow | undefined> {
  return tx.selectFrom('reviews').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

export async function insertReview(tx: Tx, row: ReviewRow): Promise<void> {
  await tx.insertInto('reviews').values(row).execute();
}

export async function updateReview(tx: Tx, row: ReviewRow): Promise<void> {
  const { incident_id, ...set } = row;
  await tx.updateTable('reviews').set(set).where('incident_id', '=', incident_id).execute();
}

/** Freezes the findings worked out at completion (the event says when; the row keeps what they were). */
export async function setReviewFindings(tx: Tx, incidentId: string, findings: string): Promise<void> {
  await tx.updateTable('reviews').set({ findings }).where('incident_id', '=', incidentId).execute();
}

export async function updateReviewCustomer(tx: Tx, incidentId: string, customerId: string | null): Promise<void> {
  await tx.updateTable('reviews').set({ customer_id: customerId }).where('incident_id', '=', incidentId).execute();
}

import { createHash, randomUUID } from 'node:crypto';
import { addMonths } from 'date-fns/addMonths';
import type { PlanVersionSource, PlanVersionSummary } from '../../shared/prepare-types.ts';
import { completePlanActions } from '../actions/complete-actions.ts';
import type { Actor } from '../auth/policy.ts';
import type { PlanVersionsTable } from '../core/db/schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { changeRecord } from '../registry/save-record.ts';
import { currentPlanContents } from './plan-contents.ts';
import { findPlanVersion, insertPlanVersion, latestPlanVersion, type PlanVersionSummaryRow } from './plans.queries.ts';

export function planSummary(row: PlanVersionSummaryRow, now: Date, newest = true): PlanVersionSummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    version: row.version,
    owner: row.owner,
    approver: row.approver,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    reviewBy: row.review_by,
    sha256: row.sha256,
    reviewOverdue: newest && Date.parse(row.review_by) < now.getTime(),
    fromReviews: row.from_reviews ? (JSON.parse(row.from_reviews) as PlanVersionSource[]) : [],
  };
}

/**
 * Freezes the customer's plan as it is now into a new immutable version with its SHA-256, and records the
 * publication on the customer's stream, in one transaction. New incidents of the customer link this version.
 */
export async function publishPlan(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: { owner?: string; approver: string; reviewBy?: string },
): Promise<PlanVersionSummary> {
  const now = deps.clock.now();
  const reviewBy = input.reviewBy ?? addMonths(now, 12).toISOString();
  if (Date.parse(reviewBy) <= now.getTime()) throw new AppError('invalid', 'The review date must be in the future', 'reviewBy');
  let row: PlanVersionsTable | undefined;
  await changeRecord(deps, actor, CUSTOMER, customerId, {
    action: 'plan.publish',
    event: async (tx) => {
      const snapshot = await currentPlanContents(tx, deps.database.dialect, customerId, now);
      const snapshotText = canonicalJson(snapshot);
      const previous = await latestPlanVersion(tx, customerId);
      const id = randomUUID();
      const version = (previous?.version ?? 0) + 1;
      const before = previous ? await findPlanVersion(tx, previous.id) : undefined;
      // The actions this version carries out are done with it, on their incidents' timelines, in this transaction.
      const fromReviews = await completePlanActions(tx, deps, actor, {
        customerId,
        planVersionId: id,
        version,
        snapshot: JSON.parse(snapshotText),
        previous: before ? JSON.parse(before.snapshot) : null,
      });
      row = {
        id,
        customer_id: customerId,
        version,
        owner: input.owner?.trim() || actor.name,
        approver: input.approver.trim(),
        published_at: now.toISOString(),
        published_by: actor.name,
        review_by: new Date(reviewBy).toISOString(),
        sha256: createHash('sha256').update(snapshotText).digest('hex'),
        snapshot: snapshotText,
        from_reviews: fromReviews.length ? JSON.stringify(fromReviews) : null,
      };
      await insertPlanVersion(tx, row);
      return {
        type: 'plan.published',
        data: {
          planVersionId: row.id,
          version: row.version,
          sha256: row.sha256,
          approver: row.approver,
          ...(fromReviews.length ? { fromReviews } : {}),
        },
      };
    },
  });
  if (!row) throw new Error('the plan was not stored');
  return planSummary(row, now);
}

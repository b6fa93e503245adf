import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PlanVersionsTable } from '../core/db/schema.ts';
import { checkStream } from './check-stream.ts';
import { findPlanVersionWithSnapshot, planPublications } from './integrity.queries.ts';
import type { PlanPublication } from './record-replay.ts';

/**
 * What is wrong with a published plan version, in words, or null: its snapshot must still give its SHA-256, and
 * that SHA-256 must be the one its publication recorded on the customer's hash-chained stream (which catches a
 * snapshot replaced together with its SHA-256).
 */
export function planVersionProblem(row: PlanVersionsTable, publication: PlanPublication | undefined): string | null {
  const actual = createHash('sha256').update(row.snapshot).digest('hex');
  if (actual !== row.sha256) {
    return `its snapshot (plan_versions.snapshot) no longer gives its SHA-256 ${row.sha256.slice(0, 16)}… (it gives ${actual.slice(0, 16)}…): the published plan was changed`;
  }
  if (!publication) {
    return "no publication on the customer's record names it (no plan.published event): it was added outside Muster";
  }
  if (publication.sha256 !== row.sha256) {
    return `its SHA-256 ${row.sha256.slice(0, 16)}… is not the ${publication.sha256.slice(0, 16)}… recorded when it was published: snapshot and SHA-256 were both replaced`;
  }
  if (publication.customerId !== row.customer_id || publication.version !== Number(row.version)) {
    return `it says version ${row.version} of customer ${row.customer_id}, but it was published as version ${publication.version} of customer ${publication.customerId}`;
  }
  return null;
}

export function planLabel(row: { version: number; customer_id: string }): string {
  return `plan version ${row.version} of customer ${row.customer_id}`;
}

/** One plan version (the one an incident links), with the customer's stream its publication is on. */
export async function checkPlanVersion(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await findPlanVersionWithSnapshot(db, id);
  if (!row) return `the plan version it links (${id}) does not exist`;
  const customer = await checkStream(db, 'record', row.customer_id);
  if (customer && !customer.valid)
    return `the customer's record, which holds the publication of ${planLabel(row)}, is broken: ${customer.problem}`;
  const events = await planPublications(db, row.customer_id);
  const publication = events
    .map((e) => ({ ...(JSON.parse(e.data) as PlanPublication), customerId: e.stream_id }))
    .find((p) => p.planVersionId === row.id);
  const problem = planVersionProblem(row, publication);
  return problem && `${planLabel(row)}: ${problem}`;
}

import type { Customer, PlanVersion } from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { checkTimeZone } from '../core/print/print-time.ts';
import { findRecord } from '../registry/records.queries.ts';
import { recordView } from '../registry/save-record.ts';

const isZone = (zone: string | undefined): zone is string => {
  if (!zone) return false;
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
};

/**
 * The zone a printed plan (kit, PDF, PACE card) shows its times in: the one asked for (`?timeZone=`, 400 naming
 * timeZone when unknown), else the customer's zone as the customer record has it now (so correcting it corrects
 * the next print of every version), else the zone frozen in the plan, else UTC. Never the reader's browser zone:
 * the binder is read by the customer's people, next to their clocks.
 */
export async function printTimeZone(tx: Tx, dialect: Dialect, plan: PlanVersion, requested: string | undefined): Promise<string> {
  if (requested !== undefined) {
    checkTimeZone(requested);
    return requested;
  }
  const row = await findRecord(tx, dialect, 'customer', plan.customerId);
  const current = row ? recordView<Customer>(row).timeZone : undefined;
  if (isZone(current)) return current;
  return isZone(plan.snapshot.customer.timeZone) ? plan.snapshot.customer.timeZone : 'UTC';
}

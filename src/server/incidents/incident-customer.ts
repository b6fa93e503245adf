import { type Actor, canSee } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { latestPlanVersion } from '../plans/plans.queries.ts';
import { anyRecordOfKind, findRecord } from '../registry/records.queries.ts';

/**
 * Checks the customer and affected services an incident is filed under, and finds the customer's plan in force.
 * Once any customer exists every incident must belong to one; the services must be that customer's.
 */
export async function resolveIncidentCustomer(
  tx: Tx,
  dialect: Dialect,
  actor: Actor,
  customerId: string | null,
  serviceIds: readonly string[],
): Promise<{ planVersionId: string | null }> {
  if (customerId === null) {
    if (await anyRecordOfKind(tx, 'customer'))
      throw new AppError('invalid', 'Choose the customer this incident belongs to (customerId)', 'customerId');
    if (serviceIds.length)
      throw new AppError('invalid', 'Services belong to a customer: choose the customer first', 'serviceIds');
    return { planVersionId: null };
  }
  const customer = await findRecord(tx, dialect, 'customer', customerId);
  if (!customer || customer.archived_at || !canSee(actor, customerId))
    throw new AppError('invalid', `No customer ${customerId}`, 'customerId');
  for (const serviceId of serviceIds) {
    const service = await findRecord(tx, dialect, 'service', serviceId);
    if (!service || service.customer_id !== customerId)
      throw new AppError('invalid', `No service ${serviceId} for this customer`, 'serviceIds');
  }
  const plan = await latestPlanVersion(tx, customerId);
  return { planVersionId: plan?.id ?? null };
}

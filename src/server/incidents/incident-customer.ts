import { type Actor, canSee } from '../auth/policy.ts';
import type { Database } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { latestPlanVersion } from '../plans/plans.queries.ts';
import { anyRecordOfKind, findRecord } from '../registry/records.queries.ts';

// Whether any customer exists changes only when a customer is created or archived. The answer is remembered for
// a moment so that reporting an incident does not ask every time; changes made here forget it at once, changes
// made by another instance are seen within CUSTOMERS_EXIST_MS.
const CUSTOMERS_EXIST_MS = 2000;
const customersExist = new WeakMap<object, { value: boolean; until: number }>();

export function forgetWhetherCustomersExist(database: object): void {
  customersExist.delete(database);
}

async function anyCustomer(tx: Tx, database: object): Promise<boolean> {
  const known = customersExist.get(database);
  if (known && known.until > Date.now()) return known.value;
  const value = await anyRecordOfKind(tx, 'customer');
  customersExist.set(database, { value, until: Date.now() + CUSTOMERS_EXIST_MS });
  return value;
}

/** Whether any customer exists (remembered for a moment, as above). */
export const anyCustomerExists = (database: Database): Promise<boolean> => anyCustomer(database.db, database);

/**
 * Checks the customer and affected services an incident is filed under, and finds the customer's plan in force.
 * Once any customer exists every incident must belong to one; the services must be that customer's.
 */
export async function resolveIncidentCustomer(
  tx: Tx,
  database: Database,
  actor: Actor,
  customerId: string | null,
  serviceIds: readonly string[],
): Promise<{ planVersionId: string | null }> {
  if (customerId === null) {
    if (await anyCustomer(tx, database))
      throw new AppError('invalid', 'Choose the customer this incident belongs to (customerId)', 'customerId');
    if (serviceIds.length)
      throw new AppError('invalid', 'Services belong to a customer: choose the customer first', 'serviceIds');
    return { planVersionId: null };
  }
  const customer = await findRecord(tx, database.dialect, 'customer', customerId);
  if (!customer || customer.archived_at || !canSee(actor, customerId))
    throw new AppError('invalid', `No customer ${customerId}`, 'customerId');
  for (const serviceId of serviceIds) {
    const service = await findRecord(tx, database.dialect, 'service', serviceId);
    if (!service || service.customer_id !== customerId)
      throw new AppError('invalid', `No service ${serviceId} for this customer`, 'serviceIds');
  }
  const plan = await latestPlanVersion(tx, customerId);
  return { planVersionId: plan?.id ?? null };
}

import {
  type Contact,
  type Customer,
  type CustomerObligation,
  PACE_PURPOSES,
  type PacePlan,
  type PlanSnapshot,
  type Playbook,
  type Roster,
  type Service,
} from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { paceWarnings } from '../pace/pace-warnings.ts';
import { PLAYBOOK_LIBRARY } from '../playbooks/playbook-library.ts';
import { findRecord, listRecords } from '../registry/records.queries.ts';
import { recordView, type StoredRecord } from '../registry/save-record.ts';

const all = async <T>(tx: Tx, kind: string, customerId: string | null | undefined, visible: string[] | null = null) =>
  (await listRecords(tx, { kind, customerId, visible })).map((row) => recordView<T>(row));

/** A PACE plan as shown: with the warnings its levels raise against the contacts it can use. */
export function withWarnings(plan: StoredRecord<Omit<PacePlan, 'warnings'>>, contacts: Contact[], now: Date): PacePlan {
  return { ...plan, warnings: paceWarnings(plan.levels, contacts, now) };
}

/**
 * The playbooks in force for a customer: the library's, replaced slug by slug by our organisation's own
 * versions, replaced in turn by the customer's.
 */
export async function effectivePlaybooks(tx: Tx, customerId: string | null): Promise<Playbook[]> {
  const bySlug = new Map<string, Playbook>();
  for (const p of PLAYBOOK_LIBRARY) {
    bySlug.set(p.id, { ...p, slug: p.id, customerId: null, basedOn: null, createdAt: '', updatedAt: '' });
  }
  for (const p of await all<Playbook>(tx, 'playbook', null)) bySlug.set(p.slug, p);
  if (customerId) for (const p of await all<Playbook>(tx, 'playbook', customerId)) bySlug.set(p.slug, p);
  return [...bySlug.values()];
}

/**
 * What a customer's contingency plan holds right now (what publishing would freeze): the customer's services,
 * its contacts and ours, its roster (or the default), its switched-on obligations, a PACE ladder per purpose
 * (its own, or the default) and the playbooks in force.
 */
export async function currentPlanContents(tx: Tx, dialect: Dialect, customerId: string, now: Date): Promise<PlanSnapshot> {
  const row = await findRecord(tx, dialect, 'customer', customerId);
  if (!row) throw new AppError('not_found', `No customer ${customerId}`);
  const customer = recordView<Customer>(row);
  const { contacts, pacePlans } = await customerLadders(tx, customerId, now);
  const rosters = await all<Roster>(tx, 'roster', undefined, [customerId]);
  const obligations = (await all<CustomerObligation>(tx, 'obligation', customerId)).filter((o) => o.enabled);
  return {
    customer,
    services: await all<Service>(tx, 'service', customerId),
    contacts,
    roster: rosters.find((r) => r.customerId === customerId) ?? rosters.find((r) => r.customerId === null) ?? null,
    obligations,
    pacePlans,
    playbooks: await effectivePlaybooks(tx, customerId),
  };
}

/** The customer's contacts and ours, and a PACE ladder per purpose: its own, or the default. */
async function customerLadders(tx: Tx, customerId: string, now: Date): Promise<Pick<PlanSnapshot, 'contacts' | 'pacePlans'>> {
  const contacts = await all<Contact>(tx, 'contact', undefined, [customerId]);
  const paces = await all<Omit<PacePlan, 'warnings'>>(tx, 'pace-plan', undefined, [customerId]);
  const pacePlans = PACE_PURPOSES.flatMap((purpose) => {
    const own = paces.find((p) => p.purpose === purpose && p.customerId === customerId);
    const chosen = own ?? paces.find((p) => p.purpose === purpose && p.customerId === null);
    return chosen ? [withWarnings(chosen, contacts, now)] : [];
  });
  return { contacts, pacePlans };
}

/** The customer's services with these ids as they are now (one added since the plan was published included). */
export async function currentServices(tx: Tx, customerId: string, ids: readonly string[]): Promise<Service[]> {
  if (ids.length === 0) return [];
  return (await all<Service>(tx, 'service', customerId)).filter((s) => ids.includes(s.id));
}

/**
 * Who can be reached and how, right now: the contacts and the PACE ladder per purpose of a customer, or (null) of
 * our organisation alone. Only those two are read: every notification asks.
 */
export async function communicationContents(
  tx: Tx,
  _dialect: Dialect,
  customerId: string | null,
  now: Date,
): Promise<Pick<PlanSnapshot, 'contacts' | 'pacePlans'>> {
  if (customerId) return customerLadders(tx, customerId, now);
  const contacts = await all<Contact>(tx, 'contact', null);
  const paces = await all<Omit<PacePlan, 'warnings'>>(tx, 'pace-plan', null);
  return { contacts, pacePlans: paces.map((p) => withWarnings(p, contacts, now)) };
}

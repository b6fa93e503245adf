import { randomUUIDv7 } from 'node:crypto';
import type { AlertRule, AlertRuleBody } from '../../shared/triage-types.ts';
import { type Actor, assertCan, canSee } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Database, Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { findRecord } from '../registry/records.queries.ts';
import {
  type AlertRuleRow,
  deleteAlertRule,
  findAlertRule,
  insertAlertRule,
  listAlertRules,
  nextRulePosition,
  updateAlertRule,
} from './alert-rules.queries.ts';

function ruleView(row: AlertRuleRow): AlertRule {
  const body = JSON.parse(row.rule) as Omit<AlertRuleBody, 'name' | 'customerId'>;
  return {
    ...body,
    id: row.id,
    name: row.name,
    customerId: row.customer_id,
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Ingestion reads the rules for every request; they change rarely. A change here clears the cache at once;
// other instances pick it up within CACHE_MS.
const CACHE_MS = 2_000;
const cache = new WeakMap<Database, { rules: AlertRule[]; until: number }>();

/** The grouping rules in the order they are tried. */
export async function activeRules(database: Database): Promise<AlertRule[]> {
  const hit = cache.get(database);
  if (hit && hit.until > Date.now()) return hit.rules;
  const rules = (await listAlertRules(database.db)).map(ruleView);
  cache.set(database, { rules, until: Date.now() + CACHE_MS });
  return rules;
}

export async function listRules(deps: Deps, actor: Actor): Promise<AlertRule[]> {
  assertCan(actor, 'registry.read');
  return (await listAlertRules(deps.database.db)).map(ruleView).filter((rule) => canSee(actor, rule.customerId));
}

export async function createRule(deps: Deps, actor: Actor, body: AlertRuleBody & { position?: number }): Promise<AlertRule> {
  assertCan(actor, 'registry.change', { customerId: body.customerId, notFound: `No customer ${body.customerId}` });
  await checkRule(deps.database.db, deps.database.dialect, actor, body);
  const now = deps.clock.now().toISOString();
  const row = await commit(deps, async (tx) => {
    const row: AlertRuleRow = {
      id: randomUUIDv7(),
      position: body.position ?? (await nextRulePosition(tx)),
      created_by: actor.name,
      created_at: now,
      ...stored(body, now),
    };
    await insertAlertRule(tx, row);
    return row;
  });
  cache.delete(deps.database);
  return ruleView(row);
}

export async function replaceRule(
  deps: Deps,
  actor: Actor,
  id: string,
  body: AlertRuleBody & { position?: number },
): Promise<AlertRule> {
  const now = deps.clock.now().toISOString();
  const row = await commit(deps, async (tx) => {
    const row = await ruleToChange(tx, actor, id);
    assertCan(actor, 'registry.change', { customerId: body.customerId, notFound: `No customer ${body.customerId}` });
    await checkRule(tx, deps.database.dialect, actor, body);
    const changes = { ...stored(body, now), ...(body.position !== undefined ? { position: body.position } : {}) };
    await updateAlertRule(tx, id, changes);
    return { ...row, ...changes };
  });
  cache.delete(deps.database);
  return ruleView(row);
}

export async function removeRule(deps: Deps, actor: Actor, id: string): Promise<void> {
  await commit(deps, async (tx) => {
    await ruleToChange(tx, actor, id);
    await deleteAlertRule(tx, id);
  });
  cache.delete(deps.database);
}

async function ruleToChange(tx: Parameters<typeof findAlertRule>[0], actor: Actor, id: string): Promise<AlertRuleRow> {
  const row = await findAlertRule(tx, id);
  // Missing first: a missing rule and another customer's both answer 404, never 403.
  if (!row) throw new AppError('not_found', `No grouping rule ${id}`);
  assertCan(actor, 'registry.change', { customerId: row.customer_id, notFound: `No grouping rule ${id}` });
  return row;
}

function stored(body: AlertRuleBody & { position?: number }, now: string) {
  const { name, customerId, position: _position, ...rule } = body;
  return { name, customer_id: customerId, rule: JSON.stringify(rule), updated_at: now };
}

/** The rule's customer exists; an attach rule's incident is one the actor sees, of that customer: alerts never cross customers. */
async function checkRule(tx: Tx, dialect: Dialect, actor: Actor, body: AlertRuleBody): Promise<void> {
  if (body.action !== 'attach' && body.incident) {
    throw new AppError('invalid', 'incident is only for rules that attach to an incident', 'incident');
  }
  if (body.customerId !== null) {
    const customer = await findRecord(tx, dialect, 'customer', body.customerId);
    if (!customer || customer.archived_at) throw new AppError('invalid', `No customer ${body.customerId}`, 'customerId');
  }
  if (!body.incident) return;
  const found = await findIncident(tx, dialect, body.incident);
  if (!found || !canSee(actor, found.state.customerId)) {
    throw new AppError('invalid', `There is no incident ${body.incident}`, 'incident');
  }
  if (found.state.customerId !== body.customerId) {
    throw new AppError(
      'invalid',
      `${found.state.key} is another customer's incident; a rule attaches only to its own customer's incidents`,
      'incident',
    );
  }
}

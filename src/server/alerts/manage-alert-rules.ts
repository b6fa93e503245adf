import { randomUUIDv7 } from 'node:crypto';
import type { AlertRule, AlertRuleBody } from '../../shared/triage-types.ts';
import { type Actor, assertCan, canSee } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Database } from '../core/db/database.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
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
  checkRule(body);
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
  checkRule(body);
  const now = deps.clock.now().toISOString();
  const row = await commit(deps, async (tx) => {
    const row = await ruleToChange(tx, actor, id);
    assertCan(actor, 'registry.change', { customerId: body.customerId, notFound: `No customer ${body.customerId}` });
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
  assertCan(actor, 'registry.change', { customerId: row?.customer_id ?? null, notFound: `No grouping rule ${id}` });
  if (!row) throw new AppError('not_found', `No grouping rule ${id}`);
  return row;
}

function stored(body: AlertRuleBody & { position?: number }, now: string) {
  const { name, customerId, position: _position, ...rule } = body;
  return { name, customer_id: customerId, rule: JSON.stringify(rule), updated_at: now };
}

function checkRule(body: AlertRuleBody): void {
  if (body.action !== 'attach' && body.incident) {
    throw new AppError('invalid', 'incident is only for rules that attach to an incident', 'incident');
  }
}

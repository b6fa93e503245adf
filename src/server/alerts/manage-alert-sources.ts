import { randomUUIDv7 } from 'node:crypto';
import type { AlertSource } from '../../shared/triage-types.ts';
import { newSecret } from '../auth/credentials.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findRecord } from '../registry/records.queries.ts';
import { type AlertSourceRow, findAlertSource, insertAlertSource, updateAlertSource } from './alert-sources.queries.ts';
import { forgetSources, sourceTokenHash } from './source-token.ts';

// Source tokens say what they are, so that a leaked one is recognised (and not mistaken for a user's token).
const TOKEN_PREFIX = 'msrc_';

export function alertSourceView(row: AlertSourceRow): AlertSource {
  return {
    id: row.id,
    name: row.name,
    customerId: row.customer_id,
    serviceId: row.service_id,
    fingerprintLabels: JSON.parse(row.fingerprint_labels),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Registers a monitoring system for a customer; the token is returned once and stored only as its SHA-256. */
export async function createAlertSource(
  deps: Deps,
  actor: Actor,
  input: { name: string; customerId: string; serviceId?: string | null; fingerprintLabels?: string[] },
): Promise<{ source: AlertSource; token: string }> {
  assertCan(actor, 'registry.change', { customerId: input.customerId, notFound: `No customer ${input.customerId}` });
  const token = TOKEN_PREFIX + newSecret().secret;
  const row = await commit(deps, async (tx) => {
    const customer = await findRecord(tx, deps.database.dialect, 'customer', input.customerId);
    if (!customer || customer.archived_at) throw new AppError('invalid', `No customer ${input.customerId}`, 'customerId');
    if (input.serviceId) {
      const service = await findRecord(tx, deps.database.dialect, 'service', input.serviceId);
      if (!service || service.customer_id !== input.customerId) {
        throw new AppError('invalid', `No service ${input.serviceId} of this customer`, 'serviceId');
      }
    }
    const row: AlertSourceRow = {
      id: randomUUIDv7(),
      name: input.name,
      customer_id: input.customerId,
      service_id: input.serviceId ?? null,
      token_hash: sourceTokenHash(token),
      fingerprint_labels: JSON.stringify(input.fingerprintLabels ?? []),
      created_by: actor.name,
      created_at: deps.clock.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await insertAlertSource(tx, row);
    return row;
  });
  return { source: alertSourceView(row), token };
}

/** Revoking takes effect at once on this instance and within seconds on others (the token cache). */
export async function revokeAlertSource(deps: Deps, actor: Actor, id: string): Promise<AlertSource> {
  return changeSource(deps, actor, id, async (tx, row) => {
    const revoked = row.revoked_at ?? deps.clock.now().toISOString();
    await updateAlertSource(tx, id, { revoked_at: revoked });
    return { ...row, revoked_at: revoked };
  }).then(({ row }) => alertSourceView(row));
}

/** A new token for the source; the old one stops working. */
export async function rotateAlertSourceToken(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ source: AlertSource; token: string }> {
  const token = TOKEN_PREFIX + newSecret().secret;
  const { row } = await changeSource(deps, actor, id, async (tx, row) => {
    if (row.revoked_at) throw new AppError('conflict', 'This source is revoked; create a new one');
    await updateAlertSource(tx, id, { token_hash: sourceTokenHash(token) });
    return row;
  });
  return { source: alertSourceView(row), token };
}

async function changeSource(
  deps: Deps,
  actor: Actor,
  id: string,
  change: (tx: Tx, row: AlertSourceRow) => Promise<AlertSourceRow>,
): Promise<{ row: AlertSourceRow }> {
  const result = await commit(deps, async (tx) => {
    const row = await findAlertSource(tx, id);
    assertCan(actor, 'registry.change', { customerId: row?.customer_id ?? '-', notFound: `No alert source ${id}` });
    if (!row) throw new AppError('not_found', `No alert source ${id}`);
    return { row: await change(tx, row) };
  });
  forgetSources();
  return result;
}

import { randomUUIDv7 } from 'node:crypto';
import type { AlertSilence } from '../../shared/triage-types.ts';
import { type Actor, assertCan, visibleCustomers } from '../auth/policy.ts';
import { type Tx, withTransaction } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { type AlertSilenceRow, endSilence, findSilence, insertSilences, listSilences } from './alert-silences.queries.ts';

const RECENT_DAYS = 7;

function silenceView(row: AlertSilenceRow, now: Date): AlertSilence {
  return {
    id: row.id,
    customerId: row.customer_id,
    fingerprint: row.fingerprint,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    active: row.expires_at > now.toISOString(),
  };
}

/** Running silences and those that ended in the last week. */
export async function listAlertSilences(deps: Deps, actor: Actor): Promise<AlertSilence[]> {
  assertCan(actor, 'registry.read');
  const now = deps.clock.now();
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  return (await listSilences(deps.database.db, since, visibleCustomers(actor))).map((row) => silenceView(row, now));
}

/**
 * While silenced, a fingerprint's alerts are still counted but start no group in the triage queue.
 * Inside the caller's transaction, so that dismissing a group and silencing its alerts commit together.
 */
export async function silenceFingerprints(
  tx: Tx,
  actor: Actor,
  input: { customerId: string; fingerprints: string[]; minutes: number; reason: string },
  now: Date,
): Promise<AlertSilenceRow[]> {
  assertCan(actor, 'incident.change', { customerId: input.customerId, notFound: `No customer ${input.customerId}` });
  const rows = input.fingerprints.map((fingerprint) => ({
    id: randomUUIDv7(),
    customer_id: input.customerId,
    fingerprint,
    reason: input.reason,
    created_by: actor.name,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.minutes * 60_000).toISOString(),
  }));
  await insertSilences(tx, rows);
  return rows;
}

export async function silenceAlert(
  deps: Deps,
  actor: Actor,
  input: { customerId: string; fingerprint: string; minutes: number; reason: string },
): Promise<AlertSilence> {
  const now = deps.clock.now();
  const [row] = await withTransaction(deps.database, (tx) =>
    silenceFingerprints(tx, actor, { ...input, fingerprints: [input.fingerprint] }, now),
  );
  return silenceView(row, now);
}

/** Ends a silence now; it stays listed as ended. */
export async function expireSilence(deps: Deps, actor: Actor, id: string): Promise<AlertSilence> {
  const now = deps.clock.now();
  const row = await withTransaction(deps.database, async (tx) => {
    const row = await findSilence(tx, id);
    assertCan(actor, 'incident.change', { customerId: row?.customer_id ?? '-', notFound: `No silence ${id}` });
    if (!row) throw new AppError('not_found', `No silence ${id}`);
    const at = now.toISOString();
    if (row.expires_at <= at) return row;
    await endSilence(tx, id, at);
    return { ...row, expires_at: at };
  });
  return silenceView(row, now);
}

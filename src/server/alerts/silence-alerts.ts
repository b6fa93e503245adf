import { randomUUIDv7 } from 'node:crypto';
import type { AlertSilence } from '../../shared/triage-types.ts';
import { type Actor, assertCan, visibleCustomers } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import {
  type AlertSilenceRow,
  endSilence,
  extendSilence,
  findSilence,
  insertSilences,
  listSilences,
  runningSilences,
} from './alert-silences.queries.ts';

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
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000).toISOString();
  // A fingerprint silenced already keeps its one silence, lengthened if this one runs longer.
  const running = new Map((await runningSilences(tx, input.customerId, input.fingerprints, at)).map((r) => [r.fingerprint, r]));
  const result: AlertSilenceRow[] = [];
  const fresh: AlertSilenceRow[] = [];
  for (const fingerprint of new Set(input.fingerprints)) {
    const current = running.get(fingerprint);
    if (current && current.expires_at >= expiresAt) {
      result.push(current);
    } else if (current) {
      await extendSilence(tx, current.id, { expires_at: expiresAt, reason: input.reason });
      result.push({ ...current, expires_at: expiresAt, reason: input.reason });
    } else {
      const row = {
        id: randomUUIDv7(),
        customer_id: input.customerId,
        fingerprint,
        reason: input.reason,
        created_by: actor.name,
        created_at: at,
        expires_at: expiresAt,
      };
      fresh.push(row);
      result.push(row);
    }
  }
  await insertSilences(tx, fresh);
  return result;
}

export async function silenceAlert(
  deps: Deps,
  actor: Actor,
  input: { customerId: string; fingerprint: string; minutes: number; reason: string },
): Promise<AlertSilence> {
  const now = deps.clock.now();
  const [row] = await commit(deps, (tx) => silenceFingerprints(tx, actor, { ...input, fingerprints: [input.fingerprint] }, now));
  return silenceView(row, now);
}

/** Ends a silence now; it stays listed as ended. */
export async function expireSilence(deps: Deps, actor: Actor, id: string): Promise<AlertSilence> {
  const now = deps.clock.now();
  const row = await commit(deps, async (tx) => {
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

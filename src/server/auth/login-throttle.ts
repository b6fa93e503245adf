import { createHmac } from 'node:crypto';
import type { Deps } from '../core/deps.ts';
import { RetryLaterError } from '../core/errors.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import * as q from './auth.queries.ts';

// Per-account throttling (ASVS 2.2.1), beside the per-address rate limit: an attacker who spreads guesses over
// many addresses still gets a handful per account and hour. It counts by the submitted e-mail address whether
// or not an account has it, so its answers say nothing about which accounts exist. Counts live in the database,
// so every instance enforces the same budget.

/** Attempts allowed before the first lock-out. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
/** The lock-out doubles with every further failure up to this; longer would let anyone lock a colleague out for long. */
const MAX_LOCK_MS = 15 * 60_000;
/** After this long without an attempt, the count starts over. */
const QUIET_RESET_MS = 60 * 60_000;

/** How long attempt number `attempt` (since the last success) locks the address: 0, then 1, 2, 4, 8, 15 minutes. */
export function lockMsAfter(attempt: number): number {
  if (attempt < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (attempt - FREE_ATTEMPTS), MAX_LOCK_MS);
}

export type Reservation = { allowed: true; key: string } | { allowed: false; retryAfterSeconds: number };

/** The row key: an HMAC of the normalised address, so the table does not list the addresses people typed. */
async function throttleKey(deps: Deps, email: string): Promise<string> {
  const secret = await instanceSecret(deps.database);
  return createHmac('sha256', secret).update(`login:${email.trim().toLowerCase()}`).digest('hex');
}

/**
 * Counts one attempt for the address before the password is checked, so that parallel requests cannot slip
 * past the limit: the attempt that reaches the limit sets the lock-out itself. A success then calls
 * `forgetLoginFailures`. Refuses while the address is locked, saying for how long.
 */
export async function reserveLoginAttempt(deps: Deps, email: string): Promise<Reservation> {
  const key = await throttleKey(deps, email);
  const db = deps.database.db;
  // Compare-and-set: when another request (on any instance) changed the row between read and write, read again.
  for (let round = 0; round < 20; round++) {
    const now = deps.clock.now();
    const seen = await q.findLoginThrottle(db, key);
    if (seen?.locked_until && seen.locked_until > now.toISOString()) {
      return { allowed: false, retryAfterSeconds: Math.ceil((Date.parse(seen.locked_until) - now.getTime()) / 1000) };
    }
    const quietSince = new Date(now.getTime() - QUIET_RESET_MS).toISOString();
    const failures = !seen || seen.last_attempt_at < quietSince ? 1 : seen.failures + 1;
    const lockMs = lockMsAfter(failures);
    const next = {
      failures,
      last_attempt_at: now.toISOString(),
      locked_until: lockMs ? new Date(now.getTime() + lockMs).toISOString() : null,
    };
    if (seen) {
      if (await q.updateLoginThrottle(db, seen, next)) return { allowed: true, key };
    } else {
      // New rows are where the table grows (one per address tried), so this is where forgotten ones go.
      await q.deleteQuietLoginThrottles(db, quietSince);
      if (await q.insertLoginThrottle(db, { key_hash: key, ...next })) return { allowed: true, key };
    }
  }
  // Only a flood of simultaneous attempts on one address gets here; it is refused like a lock-out.
  return { allowed: false, retryAfterSeconds: 1 };
}

/** A correct password clears the address's count and lock-out. */
export async function forgetLoginFailures(deps: Deps, key: string): Promise<void> {
  await q.deleteLoginThrottle(deps.database.db, key);
}

/** "2 minutes": the wait in words a person can act on. */
function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The refusal while an address is locked out: 429, Retry-After, and what to do. */
export function lockedOut(retryAfterSeconds: number): RetryLaterError {
  return new RetryLaterError(
    `Too many failed attempts for this e-mail address. Wait ${describeWait(retryAfterSeconds)} before trying again; ` +
      'if you have forgotten your password, ask a Muster administrator to reset it.',
    retryAfterSeconds,
  );
}

import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findUserByEmail } from './auth.queries.ts';
import type { PublicUser } from './create-user.ts';
import { forgetLoginFailures, lockedOut, reserveLoginAttempt } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Checks an e-mail and password. Unknown, disabled and known accounts go through the same steps (throttle,
 * one argon2 verification) and get the same answers, so neither the reply nor its timing tells them apart.
 */
export async function logIn(deps: Deps, email: string, password: string): Promise<PublicUser> {
  const reservation = await reserveLoginAttempt(deps, email);
  if (!reservation.allowed) throw lockedOut(reservation.retryAfterSeconds);
  const row = await findUserByEmail(deps.database.db, email.trim());
  const ok = await verifyPassword(row && !row.disabled_at ? row.password_hash : null, password);
  if (!row || !ok) throw new AppError('unauthenticated', 'Email or password is incorrect');
  await forgetLoginFailures(deps, reservation.key);
  return { id: row.id, email: row.email, name: row.name, role: row.role as UserRole };
}

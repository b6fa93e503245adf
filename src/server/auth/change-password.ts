import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import * as q from './auth.queries.ts';
import { forgetCredentialsOf } from './credentials.ts';
import { forgetLoginFailures, lockedOut, reserveLoginAttempt } from './login-throttle.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import type { Actor } from './policy.ts';

/**
 * Changes the actor's own password. The current password is required and counts against the same per-account
 * budget as sign-in, so a stolen session cannot be used to guess it. On success every other session of the
 * user ends (the one given in `keepSession`, the caller's, stays); API tokens are left as they are.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSession: string | null },
): Promise<void> {
  const user = await q.findUserWithPassword(deps.database.db, actor.id);
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  // Judged first: a weak choice costs no attempt of the budget.
  await assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const reservation = await reserveLoginAttempt(deps, user.email);
  if (!reservation.allowed) throw lockedOut(reservation.retryAfterSeconds);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('invalid', 'The current password is not correct', 'currentPassword');
  }
  await forgetLoginFailures(deps, reservation.key);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('invalid', 'The new password is the same as the current one; choose another', 'newPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await commit(deps, async (tx) => {
    await q.updatePasswordHash(tx, user.id, passwordHash);
    await q.deleteOtherSessions(tx, user.id, input.keepSession);
  });
  forgetCredentialsOf(user.id);
  deps.log.info({ userId: user.id }, 'password changed; other sessions ended');
}

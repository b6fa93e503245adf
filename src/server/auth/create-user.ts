import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { isUniqueViolation } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { insertUser } from './auth.queries.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { type Actor, assertCan } from './policy.ts';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a user with an argon2id password. Fails with 409 when the e-mail is taken. */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<PublicUser> {
  assertCan(actor, 'user.manage');
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('invalid', `"${input.email}" is not an e-mail address`, 'email');
  const name = input.name.trim();
  if (!name) throw new AppError('invalid', 'The name must not be empty', 'name');
  checkPasswordStrength(input.password);
  const user = { id: randomUUID(), email, name, role: input.role };
  try {
    await insertUser(deps.database.db, {
      ...user,
      password_hash: await hashPassword(input.password),
      created_at: deps.clock.now().toISOString(),
      disabled_at: null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A user with the e-mail ${email} already exists`, 'email');
    throw error;
  }
  return user;
}

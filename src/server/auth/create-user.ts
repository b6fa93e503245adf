import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { UsersTable } from '../core/db/people-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { isUniqueViolation } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { insertUser } from './auth.queries.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { type Actor, assertCan } from './policy.ts';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a new user's fields and hashes the password: the slow part, done before any transaction so that it
 * holds no lock. Fails with 400 naming the field.
 */
export async function prepareUser(
  deps: Deps,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<UsersTable> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('invalid', `"${input.email}" is not an e-mail address`, 'email');
  const name = input.name.trim();
  if (!name) throw new AppError('invalid', 'The name must not be empty', 'name');
  await assertStrongPassword(input.password, { email, name });
  return {
    id: randomUUID(),
    email,
    name,
    role: input.role,
    password_hash: await hashPassword(input.password),
    created_at: deps.clock.now().toISOString(),
    disabled_at: null,
    contact_id: null,
  };
}

/** Stores a prepared user. Fails with 409 when the e-mail is taken. */
export async function insertPreparedUser(db: Tx, row: UsersTable): Promise<PublicUser> {
  try {
    await insertUser(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A user with the e-mail ${row.email} already exists`, 'email');
    throw error;
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role as UserRole };
}

/** Creates a user with an argon2id password. Fails with 400 on a weak password and 409 when the e-mail is taken. */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<PublicUser> {
  assertCan(actor, 'user.manage');
  return insertPreparedUser(deps.database.db, await prepareUser(deps, input));
}

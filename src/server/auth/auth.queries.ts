import type { Kysely } from 'kysely';
import type { UsersTable } from '../core/db/people-schema.ts';
import type { DB } from '../core/db/schema.ts';

type Db = Kysely<DB>;

export function findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'contact_id as contactId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserWithPassword(db: Db, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
}

/** Users by name; `status` active (the default) or inactive keeps only those, all keeps everyone. */
export function listUsers(db: Db, status: 'active' | 'inactive' | 'all' = 'active') {
  let query = db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at', 'disabled_at', 'contact_id']);
  if (status === 'active') query = query.where('disabled_at', 'is', null);
  if (status === 'inactive') query = query.where('disabled_at', 'is not', null);
  return query.orderBy('name').execute();
}

export async function setUserContact(db: Db, id: string, contactId: string | null): Promise<void> {
  await db.updateTable('users').set({ contact_id: contactId }).where('id', '=', id).execute();
}

export async function setUserName(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('users').set({ name }).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertUser(db: Db, user: UsersTable): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function insertSession(db: Db, row: DB['sessions']): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionUser(db: Db, idHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The users behind those session hashes that are still valid now (one query for many open streams). */
export function findLiveSessions(db: Db, idHashes: string[], now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash as hash', 'users.id', 'users.name', 'users.role'])
    .where('sessions.id_hash', 'in', idHashes)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .execute();
}

/** The users behind those token hashes whose tokens are neither revoked nor expired (one query for many open streams). */
export function findLiveTokens(db: Db, tokenHashes: string[], now: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.token_hash as hash', 'users.id', 'users.name', 'users.role'])
    .where('api_tokens.token_hash', 'in', tokenHashes)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.disabled_at', 'is', null)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: Db, row: DB['api_tokens']): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findTokenUser(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.expires_at as expiresAt',
      'users.id',
      'users.name',
      'users.email',
      'users.role',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'label', 'created_at', 'last_used_at', 'revoked_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes a token that is still active; userId null: whoever it belongs to (an admin's revocation). */
export async function revokeApiToken(db: Db, id: string, userId: string | null, now: string): Promise<string | null> {
  let query = db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId !== null) query = query.where('user_id', '=', userId);
  const row = await query.returning('token_hash').executeTakeFirst();
  return row?.token_hash ?? null;
}

export async function touchApiToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Stores the setup token, replacing any earlier one (there is one slot). */
export async function replaceSetupToken(db: Db, row: Omit<DB['setup_tokens'], 'slot'>): Promise<void> {
  await db
    .insertInto('setup_tokens')
    .values({ slot: 'first-admin', ...row })
    .onConflict((oc) => oc.column('slot').doUpdateSet(row))
    .execute();
}

export async function consumeSetupToken(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .deleteFrom('setup_tokens')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteAllSetupTokens(db: Db): Promise<void> {
  await db.deleteFrom('setup_tokens').execute();
}

export async function setUserRole(db: Db, id: string, role: string): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

export async function setUserDisabled(db: Db, id: string, disabledAt: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

/** Ends every session of the user and revokes every token (deactivation). */
export async function endAllCredentialsOf(db: Db, userId: string, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function findUserRecord(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'disabled_at', 'contact_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Ends every session of a user but one (null: all of them). */
export async function deleteOtherSessions(db: Db, userId: string, keepIdHash: string | null): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  await query.execute();
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export function findLoginThrottle(db: Db, keyHash: string) {
  return db.selectFrom('login_throttle').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Records the first attempt for a key; false when another request recorded one first. */
export async function insertLoginThrottle(db: Db, row: DB['login_throttle']): Promise<boolean> {
  const result = await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Replaces a key's counts only if they are still those read (compare-and-set); false when another request won. */
export async function updateLoginThrottle(
  db: Db,
  seen: DB['login_throttle'],
  next: Omit<DB['login_throttle'], 'key_hash'>,
): Promise<boolean> {
  const result = await db
    .updateTable('login_throttle')
    .set(next)
    .where('key_hash', '=', seen.key_hash)
    .where('failures', '=', seen.failures)
    .where('last_attempt_at', '=', seen.last_attempt_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteLoginThrottle(db: Db, keyHash: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key_hash', '=', keyHash).execute();
}

export async function deleteQuietLoginThrottles(db: Db, quietSince: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('last_attempt_at', '<', quietSince).execute();
}

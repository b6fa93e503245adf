import { hash as digest, randomBytes, randomUUID } from 'node:crypto';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { membershipsOf, membershipsOfUsers } from '../customers/memberships.queries.ts';
import * as q from './auth.queries.ts';
import { type Actor, can } from './policy.ts';

export const SESSION_COOKIE = 'muster_session';
export const SESSION_DAYS = 14;

/** A new 256-bit secret, URL-safe. Only its SHA-256 is stored: fast to check, useless if the table leaks. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: sha256(secret) };
}

// The one-shot hash(): about twice as fast as createHash() for short input, and this runs on every API call.
export const sha256 = (value: string): string => digest('sha256', value, 'hex');

// Resolving a credential is on every request's path; a few seconds of caching keeps it off the database.
// Logout and revocation clear the local entry at once; other instances forget it within CACHE_MS.
const CACHE_MS = 5_000;
const cache = new Map<string, { actor: Actor; tokenId?: string; until: number }>();
const tokenLastTouched = new Map<string, number>();

function cached(hash: string, now: number) {
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit;
  if (hit) cache.delete(hash);
  return null;
}

function remember(hash: string, actor: Actor, now: number, tokenId?: string, expiresAt?: string | null) {
  if (cache.size > 10_000) cache.clear();
  // A token that expires sooner than the cache would keep it is remembered only until then.
  const until = Math.min(now + CACHE_MS, expiresAt ? Date.parse(expiresAt) : Number.POSITIVE_INFINITY);
  cache.set(hash, { actor, tokenId, until });
}

export function forgetCredential(hash: string): void {
  cache.delete(hash);
}

/** Forgets a user's cached credentials here; other instances forget them within CACHE_MS. */
export function forgetCredentialsOf(userId: string): void {
  for (const [hash, entry] of cache) if (entry.actor.id === userId) cache.delete(hash);
}

/** Forgets every cached credential, so that a change of role or membership applies to the next request. */
export function forgetAllCredentials(): void {
  cache.clear();
}

async function toActor(deps: Deps, u: { id: string; name: string; role: string }, via: Actor['via']): Promise<Actor> {
  const role = u.role as UserRole;
  // Admins see every customer, so only other users' memberships matter.
  const memberships = role === 'admin' ? {} : await membershipsOf(deps.database.db, u.id);
  return { id: u.id, name: u.name, role, via, memberships };
}

/** A session or token as stored: what a long-lived connection is re-checked by. */
export interface Credential {
  kind: 'session' | 'token';
  hash: string;
}

const CHUNK = 500;

/**
 * The actors these credentials stand for now, read from the database (never the cache), with their current role
 * and memberships, in a few queries whatever their number. A credential missing from the result was revoked,
 * ended or expired, or its user was deactivated.
 */
export async function currentActors(deps: Deps, credentials: Credential[]): Promise<Map<string, Actor>> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const rows: { hash: string; id: string; name: string; role: string; via: Actor['via'] }[] = [];
  for (const kind of ['session', 'token'] as const) {
    const hashes = [...new Set(credentials.filter((c) => c.kind === kind).map((c) => c.hash))];
    for (let i = 0; i < hashes.length; i += CHUNK) {
      const chunk = hashes.slice(i, i + CHUNK);
      const found = kind === 'session' ? await q.findLiveSessions(db, chunk, now) : await q.findLiveTokens(db, chunk, now);
      rows.push(...found.map((r) => ({ ...r, via: kind })));
    }
  }
  const memberships = new Map<string, Record<string, MembershipRole>>();
  const userIds = [...new Set(rows.filter((r) => r.role !== 'admin').map((r) => r.id))];
  for (let i = 0; i < userIds.length; i += CHUNK) {
    for (const [id, m] of await membershipsOfUsers(db, userIds.slice(i, i + CHUNK))) memberships.set(id, m);
  }
  return new Map(
    rows.map((r) => [
      r.hash,
      { id: r.id, name: r.name, role: r.role as UserRole, via: r.via, memberships: memberships.get(r.id) ?? {} },
    ]),
  );
}

export async function createSession(deps: Deps, userId: string): Promise<{ secret: string; expiresAt: Date }> {
  const { secret, hash } = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await q.insertSession(deps.database.db, {
    id_hash: hash,
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { secret, expiresAt };
}

export async function resolveSession(deps: Deps, secret: string): Promise<Actor | null> {
  const hash = sha256(secret);
  const now = deps.clock.now();
  const hit = cached(hash, now.getTime());
  if (hit) return hit.actor;
  const user = await q.findSessionUser(deps.database.db, hash, now.toISOString());
  if (!user) return null;
  const actor = await toActor(deps, user, 'session');
  remember(hash, actor, now.getTime());
  return actor;
}

export async function endSession(deps: Deps, secret: string): Promise<void> {
  const hash = sha256(secret);
  forgetCredential(hash);
  await q.deleteSession(deps.database.db, hash);
}

/**
 * Creates an API token for the user; the secret is in the answer only, never stored. expiresAt (RFC 3339) must lie
 * in the future (400 naming the field otherwise); null: the token works until it is revoked.
 */
export async function createApiToken(
  deps: Deps,
  userId: string,
  label: string,
  expiresAt: string | null = null,
): Promise<{ id: string; token: string; label: string; createdAt: string; expiresAt: string | null }> {
  const now = deps.clock.now();
  let expires: string | null = null;
  if (expiresAt !== null) {
    const at = Date.parse(expiresAt);
    if (Number.isNaN(at)) throw new AppError('invalid', `"${expiresAt}" is not a date and time`, 'expiresAt');
    if (at <= now.getTime()) throw new AppError('invalid', 'The expiry must lie in the future', 'expiresAt');
    expires = new Date(at).toISOString();
  }
  const name = label.trim();
  if (!name) throw new AppError('invalid', 'Give the token a label, e.g. what uses it', 'label');
  const { secret, hash } = newSecret();
  const id = randomUUID();
  await q.insertApiToken(deps.database.db, {
    id,
    user_id: userId,
    label: name,
    token_hash: hash,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
    expires_at: expires,
  });
  return { id, token: `mst_${secret}`, label: name, createdAt: now.toISOString(), expiresAt: expires };
}

export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith('mst_')) return null;
  const hash = sha256(token.slice(4));
  const now = deps.clock.now();
  let hit = cached(hash, now.getTime());
  if (!hit) {
    const row = await q.findTokenUser(deps.database.db, hash, now.toISOString());
    if (!row) return null;
    remember(hash, await toActor(deps, row, 'token'), now.getTime(), row.tokenId, row.expiresAt);
    hit = cached(hash, now.getTime());
  }
  if (!hit) return null;
  // last_used_at is kept to the minute: writing it on every call would turn every read into a write.
  const tokenId = hit.tokenId as string;
  if ((tokenLastTouched.get(tokenId) ?? 0) < now.getTime() - 60_000) {
    tokenLastTouched.set(tokenId, now.getTime());
    q.touchApiToken(deps.database.db, tokenId, now.toISOString()).catch((err) =>
      deps.log.warn({ err }, 'could not record token use'),
    );
  }
  return hit.actor;
}

/**
 * Revokes an active token: one's own, or anyone's for an admin. It fails here at once and on other instances
 * within the 5 s credential cache; false when there is no such active token the actor may revoke.
 */
export async function revokeToken(deps: Deps, actor: Actor, tokenId: string): Promise<boolean> {
  const owner = can(actor, 'user.manage') ? null : actor.id;
  const hash = await q.revokeApiToken(deps.database.db, tokenId, owner, deps.clock.now().toISOString());
  if (hash) forgetCredential(hash);
  if (hash) deps.log.info({ tokenId, by: actor.id }, 'API token revoked');
  return hash !== null;
}

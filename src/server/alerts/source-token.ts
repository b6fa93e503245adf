import { sha256 } from '../auth/credentials.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { type AlertSourceRow, findAlertSourceByToken, updateAlertSource } from './alert-sources.queries.ts';

export const sourceTokenHash = (token: string): string => sha256(token);

// Every alert request resolves its token; during a storm that must not cost a query each time.
// Revocation clears the local cache at once; other instances forget within CACHE_MS.
const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;
const cache = new Map<string, { source: AlertSourceRow; until: number }>();
const touched = new Map<string, number>();

export function forgetSources(): void {
  cache.clear();
}

/** The source a request's "Authorization: Bearer <source token>" names; 401 when there is none or it is unknown. */
export async function authenticateSource(deps: Deps, authorization: string | undefined): Promise<AlertSourceRow> {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new AppError('unauthenticated', 'Send the alert source\'s token as "Authorization: Bearer <token>"');
  }
  const hash = sourceTokenHash(token.trim());
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.source;
  const source = await findAlertSourceByToken(deps.database.db, hash);
  if (!source) throw new AppError('unauthenticated', 'The alert source token is not valid or has been revoked');
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { source, until: now + CACHE_MS });
  // When a source last posted is worth knowing, but not worth a write per request.
  if ((touched.get(source.id) ?? 0) + TOUCH_MS < now) {
    touched.set(source.id, now);
    await updateAlertSource(deps.database.db, source.id, { last_used_at: deps.clock.now().toISOString() });
  }
  return source;
}

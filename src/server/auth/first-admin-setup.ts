import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import * as q from './auth.queries.ts';
import { createUser, type PublicUser } from './create-user.ts';
import { newSecret, sha256 } from './credentials.ts';
import { SYSTEM_ACTOR } from './policy.ts';

const SETUP_TOKEN_HOURS = 24;

/** On an empty database, issues a one-time setup URL for creating the first admin; null once a user exists. */
export async function issueSetupUrl(deps: Deps): Promise<string | null> {
  if ((await q.countUsers(deps.database.db)) > 0) return null;
  const { secret, hash } = newSecret();
  const now = deps.clock.now();
  await q.insertSetupToken(deps.database.db, {
    token_hash: hash,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000).toISOString(),
  });
  return `${deps.config.publicUrl}/setup?token=${secret}`;
}

export async function isSetupNeeded(deps: Deps): Promise<boolean> {
  return (await q.countUsers(deps.database.db)) === 0;
}

/** Creates the first admin with a valid setup token; the token and its siblings are spent. */
export async function completeSetup(
  deps: Deps,
  input: { token: string; email: string; name: string; password: string },
): Promise<PublicUser> {
  const refused = new AppError(
    'forbidden',
    'This setup link is invalid, used or expired; restart Muster to print a new one',
    'token',
  );
  return commit(deps, async (tx) => {
    if ((await q.countUsers(tx)) > 0) throw new AppError('conflict', 'Muster is already set up; sign in instead');
    if (!(await q.consumeSetupToken(tx, sha256(input.token), deps.clock.now().toISOString()))) throw refused;
    const user = await createUser({ ...deps, database: { ...deps.database, db: tx } }, SYSTEM_ACTOR, { ...input, role: 'admin' });
    await q.deleteAllSetupTokens(tx);
    return user;
  });
}

import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { withTransaction } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { countActiveAdmins, endAllCredentialsOf, findUserRecord, setUserDisabled, setUserRole } from './auth.queries.ts';
import { forgetAllCredentials } from './credentials.ts';
import { linkContact } from './link-contact.ts';
import { type Actor, assertCan } from './policy.ts';

export interface ManagedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  active: boolean;
  contactId: string | null;
}

/**
 * Changes a user's role or deactivates (or reactivates) the account. Deactivation ends every session and revokes
 * every token at once: requests fail here at once and on other instances within the 5 s credential cache, and
 * open live streams end within their re-check. Muster never runs without an active admin.
 */
export async function changeUser(
  deps: Deps,
  actor: Actor,
  id: string,
  changes: { role?: UserRole; active?: boolean; contactId?: string | null },
): Promise<ManagedUser> {
  assertCan(actor, 'user.manage');
  const now = deps.clock.now().toISOString();
  const user = await withTransaction(deps.database, async (tx) => {
    const found = await findUserRecord(tx, id);
    if (!found) throw new AppError('not_found', `No user ${id}`);
    const role = changes.role ?? (found.role as UserRole);
    const active = changes.active ?? found.disabled_at === null;
    const wasActiveAdmin = found.role === 'admin' && found.disabled_at === null;
    if (wasActiveAdmin && (role !== 'admin' || !active) && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError(
        'conflict',
        `${found.name} is the only active admin; make someone else admin first`,
        changes.active === false ? 'active' : 'role',
      );
    }
    if (role !== found.role) await setUserRole(tx, id, role);
    if (!active && found.disabled_at === null) {
      await setUserDisabled(tx, id, now);
      await endAllCredentialsOf(tx, id, now);
    }
    if (active && found.disabled_at !== null) await setUserDisabled(tx, id, null);
    if (changes.contactId !== undefined) await linkContact(tx, deps.database.dialect, actor, id, changes.contactId);
    const contactId = changes.contactId === undefined ? found.contact_id : changes.contactId;
    return { id, email: found.email, name: found.name, role, active, contactId };
  });
  forgetAllCredentials();
  deps.log.info({ userId: id, by: actor.id, changes }, 'user changed');
  return user;
}

import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findUserById, setUserName } from './auth.queries.ts';
import type { PublicUser } from './create-user.ts';
import { forgetCredentialsOf } from './credentials.ts';
import { linkContact } from './link-contact.ts';
import type { Actor } from './policy.ts';

/**
 * Changes the actor's own display name (what timelines record from now on; past events keep the name they had)
 * and the contact whose channels reach them. The e-mail address is the sign-in name and is not changed here.
 */
export async function changeProfile(
  deps: Deps,
  actor: Actor,
  changes: { name?: string; contactId?: string | null },
): Promise<PublicUser & { contactId: string | null }> {
  if (actor.via === 'system') throw new AppError('forbidden', 'Only a person has a profile');
  const name = changes.name?.trim();
  if (name === '') throw new AppError('invalid', 'The name must not be empty', 'name');
  const user = await commit(deps, async (tx) => {
    const found = await findUserById(tx, actor.id);
    if (!found) throw new AppError('unauthenticated', 'Sign in to continue');
    if (name) await setUserName(tx, actor.id, name);
    if (changes.contactId !== undefined) await linkContact(tx, deps.database.dialect, actor, actor.id, changes.contactId);
    return {
      ...found,
      name: name ?? found.name,
      contactId: changes.contactId === undefined ? found.contactId : changes.contactId,
    };
  });
  forgetCredentialsOf(actor.id);
  deps.log.info({ userId: actor.id }, 'profile changed');
  return { id: user.id, email: user.email, name: user.name, role: user.role as PublicUser['role'], contactId: user.contactId };
}

import { type Actor, can, canSee } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { membershipsOf } from '../customers/memberships.queries.ts';
import { appendToIncident } from './change-incident.ts';
import { activeUser, isOnAccessList } from './incident-access.queries.ts';
import { assertIncidentAccess } from './incident-access.ts';

/**
 * Puts a person on an incident's access list (a timeline event). Who may change the incident and is on its list
 * adds others who may see its customer. A customer's manager or an admin who is not on a TLP:RED incident's list
 * may add only themselves: break-glass, recorded as such for everyone on the list to see. Anyone else gets 404.
 */
export async function grantIncidentAccess(deps: Deps, actor: Actor, idOrKey: string, userId: string): Promise<void> {
  const notFound = `No incident ${idOrKey}`;
  let breakGlass = false;
  await appendToIncident(deps, actor, idOrKey, {
    async authorize(tx, state) {
      breakGlass = false;
      try {
        await assertIncidentAccess(tx, actor, state, 'incident.change', notFound);
      } catch (error) {
        const mayBreakGlass =
          userId === actor.id && canSee(actor, state.customerId) && can(actor, 'members.manage', state.customerId);
        if (!(error instanceof AppError && error.code === 'not_found' && mayBreakGlass)) throw error;
        breakGlass = true;
      }
    },
    async decide(tx, state) {
      const user = await activeUser(tx, userId);
      if (!user) throw new AppError('invalid', `No active user ${userId}`, 'userId');
      const member = state.customerId === null || state.customerId in (await membershipsOf(tx, user.id));
      if (user.role !== 'admin' && !member)
        throw new AppError('invalid', `${user.name} is not a member of this incident's customer`, 'userId');
      if (await isOnAccessList(tx, state.id, user.id)) return [];
      return [{ type: 'access.granted', data: { userId: user.id, userName: user.name, breakGlass } }];
    },
  });
}

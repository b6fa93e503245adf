import { type Actor, assertCan } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findInvitation, markInvitationRevoked } from './invitations.queries.ts';

/** Withdraws an open invitation: its link stops working at once. Admins, or the managers of its customer. */
export async function revokeInvitation(deps: Deps, actor: Actor, id: string): Promise<void> {
  const notFound = `No invitation ${id}`;
  await commit(deps, async (tx) => {
    const row = await findInvitation(tx, id);
    if (!row) throw new AppError('not_found', notFound);
    if (row.customer_id) assertCan(actor, 'members.manage', { customerId: row.customer_id, notFound });
    else assertCan(actor, 'user.manage');
    if (!(await markInvitationRevoked(tx, id, actor.id, deps.clock.now().toISOString())))
      throw new AppError('conflict', `The invitation to ${row.email} was already ${row.accepted_at ? 'accepted' : 'withdrawn'}`);
  });
  deps.log.info({ invitationId: id, by: actor.id }, 'invitation withdrawn');
}

import { type Actor, assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { type InvitationView, invitationViews } from './invitation-view.ts';
import { listInvitations as listRows } from './invitations.queries.ts';

/**
 * Invitations, newest first: every one for admins; a customer's for its managers (customerId required then).
 * By default only the open ones; `all` adds the accepted, withdrawn and expired ones (the record of who invited whom).
 */
export async function listInvitations(
  deps: Deps,
  actor: Actor,
  filter: { customerId?: string; status?: 'pending' | 'all' },
): Promise<InvitationView[]> {
  if (filter.customerId)
    assertCan(actor, 'members.manage', { customerId: filter.customerId, notFound: `No customer ${filter.customerId}` });
  else assertCan(actor, 'user.manage');
  const now = deps.clock.now();
  const rows = await listRows(deps.database.db, {
    customerId: filter.customerId,
    pendingAt: filter.status === 'all' ? undefined : now.toISOString(),
  });
  return invitationViews(deps.database.db, deps.database.dialect, rows, now);
}

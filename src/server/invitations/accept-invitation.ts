import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { findUserRecord } from '../auth/auth.queries.ts';
import { insertPreparedUser, type PublicUser, prepareUser } from '../auth/create-user.ts';
import { forgetAllCredentials, sha256 } from '../auth/credentials.ts';
import { type Actor, can } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { InvitationsTable } from '../core/db/people-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { membershipsOf, upsertMembership } from '../customers/memberships.queries.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { changeRecord } from '../registry/save-record.ts';
import { statusOf } from './invitation-view.ts';
import { findInvitationByHash, markInvitationAccepted } from './invitations.queries.ts';

/** The open invitation behind a link; a clear 404 or 409 for one that is unknown, used, withdrawn or expired. */
export async function openInvitation(deps: Deps, token: string): Promise<InvitationsTable> {
  const row = await findInvitationByHash(deps.database.db, sha256(token));
  if (!row) throw new AppError('not_found', 'This invitation link is not valid; check that you copied all of it', 'token');
  const status = statusOf(row, deps.clock.now());
  if (status === 'accepted') throw new AppError('conflict', `This invitation was already used; sign in as ${row.email}`, 'token');
  if (status === 'revoked')
    throw new AppError('conflict', `This invitation was withdrawn; ask ${row.invited_by_name} for a new one`, 'token');
  if (status === 'expired') {
    const on = row.expires_at.replace('T', ' ').slice(0, 16);
    throw new AppError('conflict', `This invitation expired on ${on} UTC; ask ${row.invited_by_name} for a new one`, 'token');
  }
  return row;
}

/**
 * Accepts an invitation: creates the account with the invited e-mail and roles and, for a customer's invitation,
 * the membership (an event on the customer's stream, by the inviter). The link is spent in the same transaction,
 * so it works once. The inviter must still be allowed to give what the invitation gives.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  input: { name: string; password: string },
): Promise<PublicUser> {
  const invitation = await openInvitation(deps, token);
  const inviter = await inviterActor(deps, invitation);
  const customerId = invitation.customer_id;
  const allowed =
    inviter !== null &&
    (customerId ? can(inviter, 'members.manage', customerId) : can(inviter, 'user.manage')) &&
    (invitation.role === 'viewer' || can(inviter, 'user.manage'));
  if (!allowed) {
    throw new AppError(
      'conflict',
      `${invitation.invited_by_name} may no longer give what this invitation offers; ask an administrator for a new one`,
      'token',
    );
  }
  const row = await prepareUser(deps, {
    email: invitation.email,
    name: input.name,
    role: invitation.role as UserRole,
    password: input.password,
  });
  const now = deps.clock.now().toISOString();
  let user: PublicUser | null = null;
  const create = async (tx: Tx) => {
    if (!(await markInvitationAccepted(tx, invitation.id, row.id, now)))
      throw new AppError('conflict', 'This invitation was used, withdrawn or expired a moment ago', 'token');
    user = await insertPreparedUser(tx, row);
  };
  if (customerId && inviter) {
    const customerRole = invitation.customer_role as MembershipRole;
    await changeRecord(deps, inviter, CUSTOMER, customerId, {
      action: 'members.manage',
      event: { type: 'customer.member_set', data: { userId: row.id, userName: row.name, role: customerRole } },
      effect: async (tx) => {
        await create(tx);
        await upsertMembership(tx, { user_id: row.id, customer_id: customerId, role: customerRole, created_at: now });
      },
    });
    forgetAllCredentials();
  } else {
    await commit(deps, create);
  }
  if (!user) throw new Error('invitation accepted without a user');
  deps.log.info(
    { invitationId: invitation.id, userId: row.id, invitedBy: invitation.invited_by_id, customerId },
    'invitation accepted; user created',
  );
  return user;
}

/**
 * The inviter as they are now, with their current role and memberships, to act for on the customer's stream;
 * null when their account is gone or deactivated. This is Muster carrying out the inviter's earlier decision.
 */
async function inviterActor(deps: Deps, invitation: InvitationsTable): Promise<Actor | null> {
  const found = await findUserRecord(deps.database.db, invitation.invited_by_id);
  if (!found || found.disabled_at) return null;
  const role = found.role as UserRole;
  const memberships = role === 'admin' ? {} : await membershipsOf(deps.database.db, found.id);
  return { id: found.id, name: found.name, role, via: 'system', memberships };
}

import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { findUserByEmail } from '../auth/auth.queries.ts';
import { newSecret } from '../auth/credentials.ts';
import { type Actor, assertCan, can } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findRecord } from '../registry/records.queries.ts';
import { type MailOutcome, sendInvitationMail } from './invitation-mail.ts';
import { type InvitationView, invitationViews } from './invitation-view.ts';
import { insertInvitation, revokeOpenInvitationsOf } from './invitations.queries.ts';

export interface InviteInput {
  email: string;
  /** The global role; viewer when absent. Only admins give another. */
  role?: UserRole;
  customerId?: string;
  customerRole?: MembershipRole;
}

export interface Invited {
  invitation: InvitationView;
  mail: MailOutcome;
  /** The link to pass on by hand; only when the e-mail was not sent (the secret is not kept, so it is shown once). */
  link: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invites a person by e-mail: a single-use link (256-bit, stored as SHA-256) that expires after INVITATION_DAYS.
 * Admins invite with any global role and optionally into a customer; a customer's managers invite into that
 * customer only, with a customer role (the global role is then viewer). A new invitation to the same address
 * and place replaces the open ones.
 */
export async function inviteUser(deps: Deps, actor: Actor, input: InviteInput): Promise<Invited> {
  const customerId = input.customerId ?? null;
  if (customerId) assertCan(actor, 'members.manage', { customerId, notFound: `No customer ${customerId}` });
  else assertCan(actor, 'user.manage');
  const role = input.role ?? 'viewer';
  if (role !== 'viewer' && !can(actor, 'user.manage'))
    throw new AppError('forbidden', 'Only admins give a global role; invite with a role for this customer instead', 'role');
  if (customerId && !input.customerRole) throw new AppError('invalid', 'Choose the role for this customer', 'customerRole');
  if (!customerId && input.customerRole)
    throw new AppError('invalid', 'A customer role needs the customer it applies to', 'customerId');
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('invalid', `"${input.email}" is not an e-mail address`, 'email');

  const now = deps.clock.now();
  const { secret, hash } = newSecret();
  const id = randomUUID();
  const [invitation] = await commit(deps, async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      const hint = customerId ? '; add them under Members instead' : '';
      throw new AppError('conflict', `${email} already has an account${hint}`, 'email');
    }
    if (customerId) {
      const customer = await findRecord(tx, deps.database.dialect, 'customer', customerId);
      if (!customer || customer.archived_at) throw new AppError('invalid', `No customer ${customerId}`, 'customerId');
    }
    await revokeOpenInvitationsOf(tx, email, customerId, actor.id, now.toISOString());
    const row = {
      id,
      token_hash: hash,
      email,
      role,
      customer_id: customerId,
      customer_role: customerId ? (input.customerRole ?? null) : null,
      invited_by_id: actor.id,
      invited_by_name: actor.name,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + deps.config.invitationDays * 86_400_000).toISOString(),
      accepted_at: null,
      accepted_user_id: null,
      revoked_at: null,
      revoked_by_id: null,
    };
    await insertInvitation(tx, row);
    return invitationViews(tx, deps.database.dialect, [row], now);
  });
  deps.log.info({ invitationId: id, email, role, customerId, by: actor.id }, 'invitation created');
  const link = `${deps.config.publicUrl}/invitations/${secret}`;
  const mail = await sendInvitationMail(deps, invitation, link);
  return { invitation, mail, link: mail.sent ? null : link };
}

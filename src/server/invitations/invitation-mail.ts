import { MEMBERSHIP_ROLES } from '../../shared/prepare-types.ts';
import type { Deps } from '../core/deps.ts';
import { deliverEmail } from '../notifications/channels/email.ts';
import type { InvitationView } from './invitation-view.ts';

export interface MailOutcome {
  sent: boolean;
  /** Why it was not sent, in words the inviter can act on; null when sent. */
  reason: string | null;
}

/** The invitation's words: who invites, to what, until when, and the link. */
export function invitationText(invitation: InvitationView, link: string): { subject: string; text: string } {
  const where =
    invitation.customerName && invitation.customerRole && MEMBERSHIP_ROLES.includes(invitation.customerRole)
      ? ` to work on ${invitation.customerName} as ${invitation.customerRole}`
      : ` as ${invitation.role}`;
  return {
    subject: `${invitation.invitedBy.name} invited you to Muster`,
    text: [
      `${invitation.invitedBy.name} invited you to Muster, the security incident management platform,${where}.`,
      '',
      'Choose your name and password here to create your account:',
      link,
      '',
      `The link works once and until ${invitation.expiresAt.replace('T', ' ').slice(0, 16)} UTC.`,
      'If you did not expect this invitation, ignore this message; nothing happens without the link.',
    ].join('\n'),
  };
}

/**
 * Sends the invitation through the configured SMTP server (the same pooled transport as notifications). Never
 * throws: when mail is not configured or sending fails, the inviter gets the link to pass on themselves.
 */
export async function sendInvitationMail(deps: Deps, invitation: InvitationView, link: string): Promise<MailOutcome> {
  const { notify } = deps.config;
  if (!notify.smtpUrl) return { sent: false, reason: 'E-mail is not configured (SMTP_URL is not set)' };
  const result = await deliverEmail(
    { type: 'email', address: invitation.email },
    { id: `invitation.${invitation.id}`, ...invitationText(invitation, link), ackUrl: null, incident: null },
    { ...notify, webhookKey: '' },
  );
  if (result.outcome === 'accepted') return { sent: true, reason: null };
  deps.log.warn({ invitationId: invitation.id, reason: result.reason }, 'invitation e-mail not sent');
  return { sent: false, reason: result.reason };
}

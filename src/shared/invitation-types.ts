import type { UserRole } from './incident-vocabulary.ts';
import type { MembershipRole } from './prepare-types.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** An invitation as the API shows it; never its secret, which is not stored. */
export interface Invitation {
  id: string;
  email: string;
  role: UserRole;
  customerId: string | null;
  customerName: string | null;
  customerRole: MembershipRole | null;
  invitedBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
  acceptedAt: string | null;
  revokedAt: string | null;
}

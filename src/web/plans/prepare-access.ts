import { useQuery } from '@tanstack/react-query';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';

interface MeWithMemberships {
  user: { id: string; name: string; email: string; role: UserRole };
  memberships: Record<string, MembershipRole>;
}

/** The signed-in user with their customer memberships (the plain `useMe` keeps only the user). */
function useMemberships() {
  return useQuery({
    // Same key and shape as the customer pages' access query: a membership change refreshes both.
    queryKey: ['registry', 'access'],
    queryFn: ({ signal }) => api<MeWithMemberships>('/auth/me', { signal }),
    staleTime: 60_000,
  });
}

export interface PrepareAccess {
  /** May change the registry of this scope (a customer's ladders, obligations, playbooks; or ours). */
  canEdit: boolean;
  /** May publish this customer's contingency plan. */
  canPublish: boolean;
  /** The signed-in user's name, e.g. the default plan owner. */
  userName: string;
  loading: boolean;
}

/**
 * What the signed-in user may do in one scope (a customer, or null for our organisation), mirroring the
 * server's policy: inside a customer the membership role decides (managers edit and publish); our
 * organisation's own objects are edited by admins. The server still checks every request.
 */
export function usePrepareAccess(customerId: string | null): PrepareAccess {
  const { data, isPending } = useMemberships();
  if (!data) return { canEdit: false, canPublish: false, userName: '', loading: isPending };
  const admin = data.user.role === 'admin';
  const manager = customerId !== null && data.memberships?.[customerId] === 'manager';
  const canEdit = admin || manager;
  return { canEdit, canPublish: canEdit && customerId !== null, userName: data.user.name, loading: false };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { Invitation } from '../../shared/invitation-types.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { authKeys, type User } from '../auth/auth-api.ts';
import { api } from '../core/api.ts';
import { registryKeys } from '../customers/registry-api.ts';

export interface ListedUser extends User {
  active: boolean;
  createdAt: string;
}

export type UserStatus = 'active' | 'inactive' | 'all';

export interface Invited {
  invitation: Invitation;
  mail: { sent: boolean; reason: string | null };
  /** Only when the e-mail was not sent: the link to pass on by hand. */
  link: string | null;
}

export interface InvitationOffer {
  email: string;
  role: UserRole;
  customerName: string | null;
  customerRole: MembershipRole | null;
  invitedByName: string;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

export const peopleKeys = {
  users: (status: UserStatus) => ['people', 'users', status] as const,
  invitations: (customerId: string | null) => ['people', 'invitations', customerId ?? 'all'] as const,
  tokens: ['people', 'tokens'] as const,
};

export function useUserList(status: UserStatus) {
  return useQuery({
    queryKey: peopleKeys.users(status),
    queryFn: ({ signal }) => api<{ items: ListedUser[] }>('/users', { signal, query: { status } }),
    select: (r) => r.items,
  });
}

function useRefreshPeople() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['people'] });
    void client.invalidateQueries({ queryKey: registryKeys.users });
  };
}

/** Changes a user's global role or linked contact, or deactivates / reactivates the account (admins). */
export function useChangeUser() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: UserRole; active?: boolean; contactId?: string | null }) =>
      api<ListedUser>(`/users/${id}`, { method: 'PATCH', body }),
    onSettled: refresh,
  });
}

/** Open invitations: all of them (admins) or one customer's (its managers). */
export function useInvitations(customerId: string | null, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.invitations(customerId),
    queryFn: ({ signal }) => api<{ items: Invitation[] }>('/invitations', { signal, query: { customerId } }),
    select: (r) => r.items,
    enabled,
  });
}

export function useInvite() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (body: { email: string; role?: UserRole; customerId?: string; customerRole?: MembershipRole }) =>
      api<Invited>('/invitations', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRevokeInvitation() {
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/invitations/${id}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
}

/** What an invitation link offers (public; no sign-in needed). */
export function useInvitationOffer(token: string) {
  return useQuery({
    queryKey: ['invitation-offer', token],
    queryFn: ({ signal }) =>
      api<InvitationOffer>(`/invitations/${encodeURIComponent(token)}`, { signal, redirectOnUnauthenticated: false }),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; password: string }) =>
      api<{ user: User }>(`/invitations/${encodeURIComponent(token)}/accept`, {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
    onSuccess: ({ user }) => {
      // Whatever an earlier account left in this browser goes; the offer stays, or its page would ask again (409).
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'invitation-offer' });
      client.setQueryData(authKeys.me, user);
    },
  });
}

export function useTokens() {
  return useQuery({
    queryKey: peopleKeys.tokens,
    queryFn: ({ signal }) => api<{ items: ApiToken[] }>('/tokens', { signal }),
    select: (r) => r.items,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string; expiresAt: string | null }) =>
      api<ApiToken & { token: string }>('/tokens', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleKeys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${id}`, { method: 'DELETE' }),
    onSettled: () => void client.invalidateQueries({ queryKey: peopleKeys.tokens }),
  });
}

/** Changes the signed-in user's own name, or the contact whose channels reach them. */
export function useChangeProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; contactId?: string | null }) =>
      api<{ user: User }>('/auth/me', { method: 'PATCH', body }),
    onSuccess: ({ user }) => {
      client.setQueryData(authKeys.me, user);
      void client.invalidateQueries({ queryKey: registryKeys.access });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { ApiError, api } from '../core/api.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The contact whose channels reach this person (roles given, tasks due); null: the account's e-mail. */
  contactId?: string | null;
}

export const authKeys = {
  me: ['auth', 'me'] as const,
  setup: ['auth', 'setup'] as const,
};

/** The signed-in user, or null when nobody is signed in (401). */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async ({ signal }) => {
      try {
        const { user } = await api<{ user: User }>('/auth/me', { signal, redirectOnUnauthenticated: false });
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the first administrator still has to be created. */
export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: ({ signal }) => api<{ needed: boolean }>('/setup', { signal, redirectOnUnauthenticated: false }),
    enabled,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<{ user: User }>('/auth/login', { method: 'POST', body, redirectOnUnauthenticated: false }),
    onSuccess: ({ user }) => {
      client.setQueryData(authKeys.me, user);
    },
  });
}

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; email: string; name: string; password: string }) =>
      api<{ user: User }>('/setup', { method: 'POST', body, redirectOnUnauthenticated: false }),
    onSuccess: ({ user }) => {
      client.setQueryData(authKeys.me, user);
      client.setQueryData(authKeys.setup, { needed: false });
    },
  });
}

/** Changes the signed-in user's password; the server ends their other sessions. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api<void>('/auth/password', { method: 'PUT', body }),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', redirectOnUnauthenticated: false }),
    onSettled: () => {
      client.clear();
      client.setQueryData(authKeys.me, null);
    },
  });
}

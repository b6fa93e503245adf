import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../core/api.ts';

/** GET/PUT /settings/public-report-form: whether anyone may report without an account, and the form's intro. */
export interface PublicReportFormSetting {
  enabled: boolean;
  intro: string;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string | null;
  /** The form's public address, from the server's PUBLIC_URL (what to print on posters and intranet pages). */
  url: string;
}

export const INTRO_MAX = 2000;

const key = ['settings', 'public-report-form'] as const;

export function usePublicReportForm() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<PublicReportFormSetting>('/settings/public-report-form', { signal }),
  });
}

/** Saves both values at once (admins only); the cached setting is replaced by what the server stored. */
export function useSavePublicReportForm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { enabled: boolean; intro: string }) =>
      api<PublicReportFormSetting>('/settings/public-report-form', { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
}

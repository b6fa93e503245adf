import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertRule, AlertRuleBody, AlertSilence, AlertSource } from '../../shared/triage-types.ts';
import { api } from '../core/api.ts';

export const alertKeys = {
  all: ['alerts'] as const,
  sources: ['alerts', 'sources'] as const,
  rules: ['alerts', 'rules'] as const,
  silences: ['alerts', 'silences'] as const,
};

export interface NewAlertSource {
  name: string;
  customerId: string;
  serviceId?: string;
  fingerprintLabels?: string[];
}

/** A source with its token: the only time the token is shown. */
export interface SourceWithToken {
  source: AlertSource;
  token: string;
}

export function useAlertSources(enabled = true) {
  return useQuery({
    queryKey: alertKeys.sources,
    queryFn: ({ signal }) => api<{ sources: AlertSource[] }>('/alert-sources', { signal }).then((r) => r.sources),
    enabled,
  });
}

export function useAlertSourceActions() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: alertKeys.sources });
  const create = useMutation({
    mutationFn: (body: NewAlertSource) => api<SourceWithToken>('/alert-sources', { method: 'POST', body }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      api<{ source: AlertSource }>(`/alert-sources/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: (id: string) => api<SourceWithToken>(`/alert-sources/${encodeURIComponent(id)}/token`, { method: 'POST' }),
    onSuccess: refresh,
  });
  return { create, revoke, rotate };
}

/** Grouping rules in the order they are tried. */
export function useAlertRules(enabled = true) {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: ({ signal }) => api<{ rules: AlertRule[] }>('/alert-rules', { signal }).then((r) => r.rules),
    select: (rules) => [...rules].sort((a, b) => a.position - b.position),
    enabled,
  });
}

export function useAlertRuleActions() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: alertKeys.rules });
  const create = useMutation({
    mutationFn: (body: AlertRuleBody) => api<{ rule: AlertRule }>('/alert-rules', { method: 'POST', body }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: AlertRuleBody }) =>
      api<{ rule: AlertRule }>(`/alert-rules/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/alert-rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  // Two rules change places: each takes the other's position (the server tries rules by position).
  const swap = useMutation({
    mutationFn: async ({ rule, other }: { rule: AlertRule; other: AlertRule }) => {
      const put = (r: AlertRule, position: number) =>
        api<{ rule: AlertRule }>(`/alert-rules/${encodeURIComponent(r.id)}`, {
          method: 'PUT',
          body: { ...ruleBody(r), position },
        });
      await put(rule, other.position);
      await put(other, rule.position);
    },
    onSettled: refresh,
  });
  return { create, update, remove, swap };
}

function ruleBody(rule: AlertRule): AlertRuleBody {
  const { name, customerId, match, groupBy, windowMinutes, action, incident } = rule;
  return { name, customerId, match, groupBy, windowMinutes, action, incident };
}

/** Active silences and those that ended in the last 7 days. */
export function useAlertSilences(enabled = true) {
  return useQuery({
    queryKey: alertKeys.silences,
    queryFn: ({ signal }) => api<{ silences: AlertSilence[] }>('/alert-silences', { signal }).then((r) => r.silences),
    enabled,
    refetchInterval: 60_000,
  });
}

export interface NewSilence {
  customerId: string;
  fingerprint: string;
  minutes: number;
  reason: string;
}

export function useCreateSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSilence) => api<{ silence: AlertSilence }>('/alert-silences', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: alertKeys.silences }),
  });
}

export function useExpireSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ silence: AlertSilence }>(`/alert-silences/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: alertKeys.silences }),
  });
}

import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionStatus, ActionTarget, ReviewAction } from '../../shared/review-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround } from '../incidents/incidents-api.ts';

export const actionKeys = {
  all: ['actions'] as const,
  /** An incident's actions at one version of the incident: a new version (a live event, a change) fetches them anew. */
  incident: (incidentId: string, version: number) => ['actions', 'incident', incidentId, version] as const,
  mine: (status: MyActionStatus) => ['actions', 'mine', status] as const,
  customer: (customerId: string) => ['actions', 'customer', customerId] as const,
};

export type MyActionStatus = 'open' | 'all';

export interface IncidentActions {
  items: ReviewAction[];
  candidates: { id: string; name: string }[];
  targets: ActionTarget[];
  now: string;
}

export interface ActionPage {
  items: ReviewAction[];
  nextCursor: string | null;
  now: string;
}

/** A target as the API takes it: the customer's plan, or one of its playbooks by slug. */
export type TargetInput = { type: 'plan' } | { type: 'playbook'; playbookId: string };

export interface NewAction {
  title: string;
  detail?: string;
  ownerId?: string | null;
  dueAt?: string | null;
  target?: TargetInput | null;
}

export interface ActionChanges {
  title?: string;
  detail?: string;
  ownerId?: string | null;
  dueAt?: string | null;
  status?: ActionStatus;
}

export type DraftPlace = { type: 'playbook'; customerId: string; recordId: string } | { type: 'plan'; customerId: string };

/** The incident's actions, whom one may be given to, and what one may change (the plan and its playbooks). */
export function useIncidentActions(incidentId: string, version: number) {
  return useQuery({
    queryKey: actionKeys.incident(incidentId, version),
    queryFn: ({ signal }) => api<IncidentActions>(`/incidents/${encodeURIComponent(incidentId)}/review/actions`, { signal }),
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}

const PAGE = 100;

/** My actions across incidents, soonest due first, a page at a time. */
export function useMyActions(status: MyActionStatus) {
  return useInfiniteQuery({
    queryKey: actionKeys.mine(status),
    queryFn: ({ signal, pageParam }) =>
      api<ActionPage>('/actions', { signal, query: { owner: 'me', status, limit: PAGE, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}

/** The customer's actions still to do (for the playbook editor's banner). */
export function useCustomerOpenActions(customerId: string | null) {
  return useQuery({
    queryKey: actionKeys.customer(customerId ?? ''),
    queryFn: ({ signal }) =>
      api<ActionPage>('/actions', { signal, query: { customerId: customerId ?? '', status: 'open', limit: 200 } }),
    enabled: customerId !== null,
  });
}

function refreshAfter(client: QueryClient, incidentId: string, incidentKey?: string): void {
  refreshAround(client, incidentId);
  void client.invalidateQueries({ queryKey: actionKeys.all });
  void client.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) });
  if (incidentKey) void client.invalidateQueries({ queryKey: incidentKeys.detail(incidentKey) });
}

/** Changes one action (PATCH /actions/:id) at the version the page holds. */
export function useChangeAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, changes }: { action: ReviewAction; changes: ActionChanges }) =>
      api<ReviewAction>(`/actions/${encodeURIComponent(action.id)}`, {
        method: 'PATCH',
        body: { expectedVersion: action.version, ...changes },
      }),
    onSettled: (_data, _error, { action }) => refreshAfter(client, action.incidentId, action.incidentKey),
  });
}

/** "Work on it": opens the draft of the action's target; the answer says where to edit it. */
export function useDraftAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ReviewAction) =>
      api<{ action: ReviewAction; edit: DraftPlace }>(`/actions/${encodeURIComponent(action.id)}/draft`, { method: 'POST' }),
    onSettled: (_data, _error, action) => refreshAfter(client, action.incidentId, action.incidentKey),
  });
}

export function useCreateAction(incident: { id: string; key: string }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAction) =>
      api<ReviewAction>(`/incidents/${encodeURIComponent(incident.id)}/review/actions`, { method: 'POST', body }),
    onSuccess: () => refreshAfter(client, incident.id, incident.key),
  });
}

/** Where "Work on it" leads: the playbook's editor, or the customer's plans tab. */
export function draftPath(edit: DraftPlace): string {
  return edit.type === 'playbook'
    ? `/playbooks/${encodeURIComponent(edit.recordId)}`
    : `/customers/${encodeURIComponent(edit.customerId)}?tab=plans`;
}

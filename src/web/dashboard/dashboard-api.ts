import { useQuery } from '@tanstack/react-query';
import type { DashboardSummary } from '../../shared/dashboard-types.ts';
import type { ReviewAction } from '../../shared/review-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys } from '../incidents/incidents-api.ts';

export const dashboardKeys = {
  // The summary counts incidents like a list does, so it sits under the incident lists' key: every live timeline
  // message (and every reconnect) refreshes the lists, and with them this.
  summary: [...incidentKeys.lists(), 'dashboard'] as const,
  actions: ['actions'] as const,
  myActions: ['actions', 'dashboard', 'mine'] as const,
  overdueActions: ['actions', 'dashboard', 'overdue'] as const,
};

/** Open incidents by severity and stage, and the clocks due within 24 hours, over what the user may read. */
export function useDashboardSummary() {
  return useQuery({
    queryKey: dashboardKeys.summary,
    queryFn: ({ signal }) => api<DashboardSummary>('/dashboard', { signal }),
    // "Due in 3 h" moves with the clock even when nothing happens: the list of clocks at risk does too.
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** `GET /actions` as "My actions" and the overdue list ask it: open (to do), mine or overdue. */
function useActions(key: readonly string[], query: Record<string, string>) {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<{ items: ReviewAction[] }>('/actions', { signal, query }).then((page) => page.items),
    // No polling of their own: the dashboard refreshes them whenever the summary is refreshed (live or each minute).
    placeholderData: (previous) => previous,
  });
}

/** Review actions the user owns that are still to do. */
export function useMyActions() {
  return useActions(dashboardKeys.myActions, { status: 'open', owner: 'me' });
}

/** Review actions past their due time and still to do, whoever owns them. */
export function useOverdueActions() {
  return useActions(dashboardKeys.overdueActions, { status: 'open', overdue: 'true' });
}

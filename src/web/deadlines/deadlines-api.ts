import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../shared/api-types.ts';
import type { StageClock } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';
import { DEADLINES_KEY, incidentKeys, refreshAround, storeIncident } from '../incidents/incidents-api.ts';

/** One obligation stage's clock on one incident, as GET /deadlines lists it. */
export interface Deadline {
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  customerId: string | null;
  /** The incident is an exercise: a practice clock, shown apart and never counted with real ones. */
  exercise: boolean;
  obligationId: string;
  obligationName: string;
  stageId: string;
  stageName: string;
  recipient: string;
  status: StageClock['status'];
  startedAt: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  missedAt: string | null;
}

export type DeadlineScope = 'open' | 'all';

/** Reporting clocks across incidents; live timeline messages refresh them, and they refetch every minute. */
export function useDeadlines(scope: DeadlineScope) {
  return useQuery({
    queryKey: [...DEADLINES_KEY, scope],
    queryFn: ({ signal }) => api<{ now: string; items: Deadline[] }>('/deadlines', { signal, query: { scope } }),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** Recording that an obligation stage was met (with the recipient's reference), or waiving it with a reason. */
export function useStageActions(incident: Incident) {
  const client = useQueryClient();
  const onIncident = (next: Incident) => {
    storeIncident(client, next);
    refreshAround(client, next.id);
    void client.invalidateQueries({ queryKey: DEADLINES_KEY });
  };
  const onError = () => {
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
  };
  const stagePath = (obligationId: string, stageId: string) =>
    `/incidents/${encodeURIComponent(incident.id)}/obligations/${encodeURIComponent(obligationId)}/stages/${encodeURIComponent(stageId)}`;

  const submit = useMutation({
    mutationFn: ({
      obligationId,
      stageId,
      ...body
    }: {
      obligationId: string;
      stageId: string;
      reference: string;
      submittedAt?: string;
      note?: string;
    }) => api<Incident>(`${stagePath(obligationId, stageId)}/submissions`, { method: 'POST', body }),
    onSuccess: onIncident,
    onError,
  });
  const waive = useMutation({
    mutationFn: ({ obligationId, stageId, reason }: { obligationId: string; stageId: string; reason: string }) =>
      api<Incident>(`${stagePath(obligationId, stageId)}/waivers`, { method: 'POST', body: { reason } }),
    onSuccess: onIncident,
    onError,
  });
  return { submit, waive };
}

export type StageActions = ReturnType<typeof useStageActions>;

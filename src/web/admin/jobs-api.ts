import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../core/api.ts';

/** A durable job as GET /jobs lists it (admins only). */
export interface Job {
  id: string;
  name: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  payload: unknown;
}

export const jobKeys = {
  dead: ['jobs', 'dead'] as const,
};

/** The dead letters: jobs that failed every attempt and wait for an administrator. */
export function useDeadJobs(enabled: boolean) {
  return useQuery({
    queryKey: jobKeys.dead,
    queryFn: ({ signal }) => api<{ items: Job[] }>('/jobs', { signal, query: { status: 'dead' } }).then((r) => r.items),
    enabled,
    refetchInterval: 30_000,
  });
}

/** Gives a dead letter another go: back to pending, its attempts counted afresh. */
export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string; status: string }>(`/jobs/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
    onSettled: () => void client.invalidateQueries({ queryKey: jobKeys.dead }),
  });
}

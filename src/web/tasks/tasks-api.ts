import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentTasks, NewTask, Task, TaskChanges, TaskPage } from '../../shared/task-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround, TASKS_KEY } from '../incidents/incidents-api.ts';

export const taskKeys = {
  /** Every task query: refreshed by live task events (see applyLiveEvent). */
  all: TASKS_KEY,
  /** An incident's tasks at one version of the incident: a new version (a live event, a change) fetches them anew. */
  incident: (incidentId: string, version: number) => ['tasks', 'incident', incidentId, version] as const,
  mine: (status: MyTaskStatus) => ['tasks', 'mine', status] as const,
};

export type MyTaskStatus = 'open' | 'all';

/** The incident's tasks, the playbooks that can become tasks and whom a task may be given to. */
export function useIncidentTasks(incidentId: string, version: number) {
  return useQuery({
    queryKey: taskKeys.incident(incidentId, version),
    queryFn: ({ signal }) => api<IncidentTasks>(`/incidents/${encodeURIComponent(incidentId)}/tasks`, { signal }),
    placeholderData: (previous) => previous, // keep the list while the next version loads
    refetchInterval: 60_000, // "overdue" comes with the list; the countdowns tick in the page
  });
}

const PAGE = 100;

/** My tasks across incidents, soonest due first, a page at a time. */
export function useMyTasks(status: MyTaskStatus) {
  return useInfiniteQuery({
    queryKey: taskKeys.mine(status),
    queryFn: ({ signal, pageParam }) =>
      api<TaskPage>('/tasks', { signal, query: { assignee: 'me', status, limit: PAGE, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}

/** After a task changed: its incident has a new version and a timeline entry; task lists may differ. */
function refreshAfter(client: QueryClient, incidentId: string, incidentKey?: string): void {
  refreshAround(client, incidentId);
  void client.invalidateQueries({ queryKey: taskKeys.all });
  void client.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) });
  if (incidentKey) void client.invalidateQueries({ queryKey: incidentKeys.detail(incidentKey) });
}

/** Changes one task (PATCH /tasks/:id); the answer is the task at its new version. */
export function useChangeTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ task, changes }: { task: Task; changes: TaskChanges }) =>
      api<Task>(`/tasks/${encodeURIComponent(task.id)}`, {
        method: 'PATCH',
        body: { expectedVersion: task.version, ...changes },
      }),
    onSettled: (_data, _error, { task }) => refreshAfter(client, task.incidentId, task.incidentKey),
  });
}

/** What the Tasks panel does on one incident: apply a playbook, add a task. */
export function useTaskActions(incident: { id: string; key: string }) {
  const client = useQueryClient();
  const base = `/incidents/${encodeURIComponent(incident.id)}`;
  const refresh = () => refreshAfter(client, incident.id, incident.key);
  const apply = useMutation({
    mutationFn: (playbookId: string) =>
      api<{ tasks: Task[] }>(`${base}/playbooks/${encodeURIComponent(playbookId)}/apply`, { method: 'POST' }),
    onSettled: refresh,
  });
  const create = useMutation({
    mutationFn: (body: NewTask) => api<Task>(`${base}/tasks`, { method: 'POST', body }),
    onSuccess: refresh,
  });
  return { apply, create };
}

export type TaskActions = ReturnType<typeof useTaskActions>;

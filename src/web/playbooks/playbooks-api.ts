import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Playbook, PlaybookStep } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';
import type { PlaybookSource } from './playbook-labels.ts';

/** A built-in playbook (`GET /playbooks/library`): its id is the slug copies keep. */
export interface LibraryPlaybook {
  id: string;
  version: number;
  name: string;
  summary: string;
  categories: string[];
  steps: PlaybookStep[];
}

export interface HistoryEvent {
  seq: number;
  type: string;
  actor: { id: string; name: string } | null;
  recordedAt: string;
  data: Record<string, unknown>;
}

/** A playbook in force for a scope, and where it comes from. */
export interface PlaybookInForce {
  slug: string;
  /** The library id for library playbooks, the stored id for copies: what /playbooks/:id opens. */
  id: string;
  name: string;
  summary: string;
  categories: string[];
  steps: PlaybookStep[];
  version: number;
  source: PlaybookSource;
  /** Set for copies. */
  stored: Playbook | null;
}

export type PlaybookChanges = Partial<Pick<Playbook, 'name' | 'summary' | 'categories' | 'steps' | 'preserve'>>;

// Keys follow the registry convention (['registry', kind, 'list' | 'detail' | 'history', …]) so the cache is
// shared with the customer pages and a live registry change refreshes them.
export const playbookKeys = {
  all: ['registry', 'playbooks'] as const,
  library: ['registry', 'playbooks', 'library'] as const,
  list: (scope: string) => ['registry', 'playbooks', 'list', scope] as const,
  detail: (id: string) => ['registry', 'playbooks', 'detail', id] as const,
  history: (id: string) => ['registry', 'playbooks', 'history', id] as const,
};

export function useLibraryPlaybooks() {
  return useQuery({
    queryKey: playbookKeys.library,
    queryFn: ({ signal }) => api<{ items: LibraryPlaybook[] }>('/playbooks/library', { signal }).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY, // built into the server
  });
}

/** Stored playbooks of one scope: a customer's id or "organisation". */
export function usePlaybookList(scope: string, enabled = true) {
  return useQuery({
    queryKey: playbookKeys.list(scope),
    queryFn: ({ signal }) =>
      api<{ items: Playbook[] }>('/playbooks', { signal, query: { customerId: scope } }).then((r) => r.items),
    enabled,
  });
}

/** The library, replaced slug by slug by our organisation's copies, replaced in turn by the customer's. */
export function playbooksInForce(library: LibraryPlaybook[], ours: Playbook[], customers: Playbook[]): PlaybookInForce[] {
  const bySlug = new Map<string, PlaybookInForce>();
  for (const p of library) bySlug.set(p.id, { ...p, slug: p.id, source: 'library', stored: null });
  const put = (p: Playbook, source: PlaybookSource) =>
    bySlug.set(p.slug, {
      slug: p.slug,
      id: p.id,
      name: p.name,
      summary: p.summary,
      categories: p.categories,
      steps: p.steps,
      version: p.version,
      source,
      stored: p,
    });
  for (const p of ours) put(p, 'organisation');
  for (const p of customers) put(p, 'customer');
  return [...bySlug.values()];
}

export function usePlaybook(id: string, enabled = true) {
  return useQuery({
    queryKey: playbookKeys.detail(id),
    queryFn: ({ signal }) => api<Playbook>(`/playbooks/${encodeURIComponent(id)}`, { signal }),
    enabled,
  });
}

export function usePlaybookHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: playbookKeys.history(id),
    // Cached as the API answers ({events}), like the customer pages' history hook under the same key.
    queryFn: ({ signal }) => api<{ events: HistoryEvent[] }>(`/playbooks/${encodeURIComponent(id)}/history`, { signal }),
    select: (r) => r.events,
    enabled,
  });
}

export function useCopyPlaybook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; customerId: string | null }) =>
      api<Playbook>('/playbooks/copies', { method: 'POST', body }),
    onSuccess: (copy) => {
      client.setQueryData(playbookKeys.detail(copy.id), copy);
      void client.invalidateQueries({ queryKey: ['registry'] });
    },
  });
}

export function useUpdatePlaybook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, expectedVersion }: { id: string; changes: PlaybookChanges; expectedVersion: number }) =>
      api<Playbook>(`/playbooks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { ...changes, expectedVersion } }),
    onSuccess: (saved) => {
      client.setQueryData(playbookKeys.detail(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['registry'] });
    },
  });
}

/** Archives a copy: the playbook it overrode (library or ours) is in force again. */
export function useArchivePlaybook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/playbooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordAllowed } from '../../shared/allowed.ts';
import { api } from '../core/api.ts';

/**
 * The Prepare registry (docs/api.md "Prepare"): every kind is served by the same six routes, so the list, read,
 * create, change, archive and history hooks are written once here and typed by the domain files
 * (customers-api.ts, services-api.ts, contacts-api.ts), or by the record form (use-record-form.ts) and
 * ArchiveRecordModal, which contacts and services share.
 *
 * Every registry query key starts with "registry" (`['registry', kind, …]`): a live `registry` message from the
 * stream invalidates that prefix, so whatever a page shows of the registry refreshes when anyone changes it.
 */

export type RegistryKind = 'customers' | 'services' | 'contacts' | 'rosters' | 'pace-plans' | 'obligations' | 'playbooks';

/** A customer id, or null for our own organisation's objects. */
export type Owner = string | null;

/** Fields the API adds to every stored object. */
export interface Stored {
  id: string;
  customerId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** What the signed-in user may do with it, as the server answers (a customer answers more). */
  allowed: RecordAllowed;
}

export interface HistoryEvent {
  position: number;
  recordId: string;
  seq: number;
  type: string;
  actor: { id: string; name: string } | null;
  recordedAt: string;
  data: Record<string, unknown>;
}

/** "organisation" asks for our own objects; a customer id for that customer's; "all" for everything visible. */
export type ListScope = string | 'organisation' | 'all';

export const scopeOf = (owner: Owner): ListScope => owner ?? 'organisation';

export const registryKeys = {
  all: ['registry'] as const,
  kind: (kind: RegistryKind) => ['registry', kind] as const,
  list: (kind: RegistryKind, scope: ListScope) => ['registry', kind, 'list', scope] as const,
  detail: (kind: RegistryKind, id: string) => ['registry', kind, 'detail', id] as const,
  history: (kind: RegistryKind, id: string) => ['registry', kind, 'history', id] as const,
  /** Who may work on a customer (`GET /customers/:id/members`). */
  members: (customerId: string) => ['registry', 'members', customerId] as const,
  /** Every account, for choosing members (`GET /users`). */
  users: ['registry', 'users'] as const,
  /** The signed-in user with their memberships (`GET /auth/me`): a member change must refresh it. */
  access: ['registry', 'access'] as const,
  /** The set-up checklist of a customer's overview. */
  readiness: (customerId: string) => ['registry', 'readiness', customerId] as const,
};

export function fetchRecords<T>(kind: RegistryKind, scope: ListScope, signal?: AbortSignal): Promise<T[]> {
  return api<{ items: T[] }>(`/${kind}`, { signal, query: { customerId: scope === 'all' ? undefined : scope } }).then(
    (r) => r.items,
  );
}

/** `sort` orders the items; pass a function defined once (module level) so the sorted list stays the same object. */
export function useRecordList<T>(
  kind: RegistryKind,
  scope: ListScope,
  options: { enabled?: boolean; sort?: (a: T, b: T) => number } = {},
) {
  const { enabled = true, sort } = options;
  return useQuery({
    queryKey: registryKeys.list(kind, scope),
    queryFn: ({ signal }) => fetchRecords<T>(kind, scope, signal),
    select: sort ? (items: T[]) => [...items].sort(sort) : undefined,
    enabled,
  });
}

export function useRecord<T>(kind: RegistryKind, id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.detail(kind, id ?? ''),
    queryFn: ({ signal }) => api<T>(`/${kind}/${encodeURIComponent(id as string)}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useRecordHistory(kind: RegistryKind, id: string) {
  return useQuery({
    queryKey: registryKeys.history(kind, id),
    queryFn: ({ signal }) => api<{ events: HistoryEvent[] }>(`/${kind}/${encodeURIComponent(id)}/history`, { signal }),
    select: (r) => r.events,
  });
}

function afterChange(client: QueryClient, kind: RegistryKind, saved?: Stored): void {
  if (saved) client.setQueryData(registryKeys.detail(kind, saved.id), saved);
  void client.invalidateQueries({ queryKey: registryKeys.kind(kind) });
  void client.invalidateQueries({ queryKey: ['registry', 'readiness'] });
}

/** POST /<kind>: `body` carries `customerId` (null for our organisation) except for customers. */
export function useCreateRecord<T extends Stored, Body>(kind: RegistryKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api<T>(`/${kind}`, { method: 'POST', body }),
    onSuccess: (saved) => afterChange(client, kind, saved),
  });
}

/** PATCH /<kind>/:id with only the changed fields and the version the form was opened at. */
export function useUpdateRecord<T extends Stored, Changes>(kind: RegistryKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, expectedVersion }: { id: string; changes: Changes; expectedVersion?: number }) =>
      api<T>(`/${kind}/${encodeURIComponent(id)}`, { method: 'PATCH', body: { ...changes, expectedVersion } }),
    onSuccess: (saved) => afterChange(client, kind, saved),
    onError: () => void client.invalidateQueries({ queryKey: registryKeys.kind(kind) }),
  });
}

/** DELETE /<kind>/:id: archived, kept with its history, gone from lists. */
export function useArchiveRecord(kind: RegistryKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => afterChange(client, kind),
  });
}

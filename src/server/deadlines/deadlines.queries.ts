import type { DeadlinesTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';

export type DeadlineRow = DeadlinesTable;

/** Removes the incident's clocks of obligations that no longer apply, except missed ones: a miss stays visible. */
export async function deleteDeadlinesExcept(tx: Tx, incidentId: string, keep: DeadlineRow[]): Promise<void> {
  const keys = new Set(keep.map((r) => `${r.obligation_id}/${r.stage_id}`));
  const existing = await tx
    .selectFrom('deadlines')
    .select(['obligation_id', 'stage_id'])
    .where('incident_id', '=', incidentId)
    .where('missed_at', 'is', null)
    .execute();
  for (const row of existing) {
    if (keys.has(`${row.obligation_id}/${row.stage_id}`)) continue;
    await tx
      .deleteFrom('deadlines')
      .where('incident_id', '=', incidentId)
      .where('obligation_id', '=', row.obligation_id)
      .where('stage_id', '=', row.stage_id)
      .execute();
  }
}

export async function upsertDeadlines(tx: Tx, rows: DeadlineRow[]): Promise<void> {
  for (const row of rows) {
    const { incident_id, obligation_id, stage_id, missed_at, ...changes } = row;
    await tx
      .insertInto('deadlines')
      .values(row)
      .onConflict((oc) => oc.columns(['incident_id', 'obligation_id', 'stage_id']).doUpdateSet(changes))
      .execute();
  }
}

export function findDeadline(tx: Tx, incidentId: string, obligationId: string, stageId: string) {
  return tx
    .selectFrom('deadlines')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('obligation_id', '=', obligationId)
    .where('stage_id', '=', stageId)
    .executeTakeFirst();
}

export async function markDeadlineMissed(
  tx: Tx,
  row: Pick<DeadlineRow, 'incident_id' | 'obligation_id' | 'stage_id'>,
  at: string,
) {
  await tx
    .updateTable('deadlines')
    .set({ missed_at: at, status: 'overdue' })
    .where('incident_id', '=', row.incident_id)
    .where('obligation_id', '=', row.obligation_id)
    .where('stage_id', '=', row.stage_id)
    .where('missed_at', 'is', null)
    .execute();
}

export interface DeadlineFilter {
  /** null: every customer. */
  visible: string[] | null;
  /** Whose TLP:RED access counts; null: no restriction. */
  reader: string | null;
  /** open: running or overdue and not met; all: everything including met and waived. */
  scope: 'open' | 'all';
  limit: number;
}

/** A clock as listed across incidents, with whether its incident is an exercise (read live: it can be changed). */
export type ListedDeadline = DeadlineRow & { exercise: number };

/** Across incidents, soonest due first; clocks not yet started last. */
export function listDeadlines(tx: Tx, filter: DeadlineFilter): Promise<ListedDeadline[]> {
  let query = tx
    .selectFrom('deadlines')
    .innerJoin('incidents', 'incidents.id', 'deadlines.incident_id')
    .selectAll('deadlines')
    .select('incidents.exercise');
  if (filter.visible) {
    if (filter.visible.length === 0) return Promise.resolve([]);
    query = query.where('deadlines.customer_id', 'in', filter.visible);
  }
  if (filter.reader !== null) query = query.where(readableIncident('deadlines.incident_id', filter.reader));
  if (filter.scope === 'open') query = query.where('deadlines.status', 'in', ['running', 'overdue']);
  return query.orderBy('deadlines.due_at').orderBy('deadlines.incident_key').limit(filter.limit).execute();
}

/** One incident's clocks, by obligation and stage (the dialects order a null due time differently, so not by it). */
export function listIncidentDeadlines(tx: Tx, incidentId: string): Promise<DeadlineRow[]> {
  return tx
    .selectFrom('deadlines')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('obligation_id')
    .orderBy('stage_id')
    .execute();
}

import type { ActionStatus, ActionTarget } from '../../shared/review-types.ts';
import type { ReviewActionsTable } from '../core/db/review-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';
import { type ActionState, isActionFinished } from './action.ts';

/** The sort key of an action without a due time: after every real one, on both dialects. */
export const NO_DUE_KEY = '9999-12-31T23:59:59.999Z';

/** The incident's copies kept on its actions. */
export interface ActionIncidentCopies {
  id: string;
  key: string;
  title: string;
  customerId: string | null;
  exercise: boolean;
}

export function toActionState(row: ReviewActionsTable): ActionState {
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    detail: row.detail,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueAt: row.due_at,
    status: row.status as ActionStatus,
    target: row.target ? (JSON.parse(row.target) as ActionTarget) : null,
    draft: row.drafted_at ? { startedAt: row.drafted_at, recordId: row.draft_record_id } : null,
    planVersionId: row.plan_version_id,
    doneAt: row.done_at,
    remindedAt: row.reminded_at,
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function actionRow(action: ActionState, incident: ActionIncidentCopies): ReviewActionsTable {
  return {
    id: action.id,
    incident_id: action.incidentId,
    customer_id: incident.customerId,
    incident_key: incident.key,
    incident_title: incident.title,
    exercise: incident.exercise ? 1 : 0,
    title: action.title,
    detail: action.detail,
    owner_id: action.ownerId,
    owner_name: action.ownerName,
    due_at: action.dueAt,
    due_key: action.dueAt ?? NO_DUE_KEY,
    status: action.status,
    finished: isActionFinished(action.status) ? 1 : 0,
    target: action.target ? JSON.stringify(action.target) : null,
    target_customer_id: action.target?.customerId ?? null,
    drafted_at: action.draft?.startedAt ?? null,
    draft_record_id: action.draft?.recordId ?? null,
    plan_version_id: action.planVersionId,
    done_at: action.doneAt,
    reminded_at: action.remindedAt,
    version: action.version,
    created_by: action.createdBy,
    created_at: action.createdAt,
    updated_at: action.updatedAt,
  };
}

export async function insertActions(tx: Tx, rows: ReviewActionsTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('review_actions').values(rows).execute();
}

export async function updateAction(tx: Tx, row: ReviewActionsTable): Promise<void> {
  const { id, ...rest } = row;
  await tx.updateTable('review_actions').set(rest).where('id', '=', id).execute();
}

export function findAction(tx: Tx, id: string): Promise<ReviewActionsTable | undefined> {
  return tx.selectFrom('review_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findActions(tx: Tx, ids: string[]): Promise<ReviewActionsTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.selectFrom('review_actions').selectAll().where('id', 'in', ids).execute();
}

/** An incident's actions in the order they were made. */
export function listIncidentActions(tx: Tx, incidentId: string): Promise<ReviewActionsTable[]> {
  return tx
    .selectFrom('review_actions')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The unfinished actions whose target is in this customer's plan and whose draft was opened: what a publish may complete. */
export function draftedActionsOf(tx: Tx, customerId: string): Promise<ReviewActionsTable[]> {
  return tx
    .selectFrom('review_actions')
    .selectAll()
    .where('target_customer_id', '=', customerId)
    .where('finished', '=', 0)
    .where('drafted_at', 'is not', null)
    .orderBy('incident_id')
    .orderBy('created_at')
    .execute();
}

/** Keeps the incident's copies on its actions in step with the incident. */
export async function updateActionCopies(tx: Tx, incident: ActionIncidentCopies): Promise<void> {
  await tx
    .updateTable('review_actions')
    .set({
      incident_key: incident.key,
      incident_title: incident.title,
      customer_id: incident.customerId,
      exercise: incident.exercise ? 1 : 0,
    })
    .where('incident_id', '=', incident.id)
    .execute();
}

export interface ActionListFilter {
  /** null: every customer. */
  visible: string[] | null;
  /** Whose TLP:RED access counts; null: no restriction. */
  reader: string | null;
  /** A user's id, or null: anyone's. */
  owner: string | null;
  /** The statuses to list; null: all. */
  statuses: ActionStatus[] | null;
  incident: string | null;
  customerId: string | null;
  /** Only those due at or before this time and unfinished. */
  dueBy: string | null;
  after: { dueKey: string; id: string } | null;
  limit: number;
}

/**
 * Actions across incidents, soonest due first (no due time last), by id on ties, from the keyset on: a range of
 * review_actions_by_owner (or review_actions_by_due) read in order.
 */
export function listActions(tx: Tx, filter: ActionListFilter): Promise<ReviewActionsTable[]> {
  let query = tx
    .selectFrom('review_actions')
    .innerJoin('incidents', 'incidents.id', 'review_actions.incident_id')
    .selectAll('review_actions');
  if (filter.visible) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('review_actions.customer_id', 'is', null), eb('review_actions.customer_id', 'in', visible)])
        : eb('review_actions.customer_id', 'is', null),
    );
  }
  if (filter.reader !== null) query = query.where(readableIncident('incidents.id', filter.reader));
  if (filter.owner) query = query.where('review_actions.owner_id', '=', filter.owner);
  if (filter.dueBy) {
    query = query.where('review_actions.finished', '=', 0).where('review_actions.due_key', '<=', filter.dueBy);
  }
  if (filter.statuses) {
    const finished = new Set(filter.statuses.map((s) => (isActionFinished(s) ? 1 : 0)));
    if (finished.size === 1) query = query.where('review_actions.finished', '=', [...finished][0]);
    query = query.where('review_actions.status', 'in', filter.statuses);
  }
  if (filter.incident) {
    const incident = filter.incident;
    query = query.where((eb) =>
      eb.or([eb('review_actions.incident_id', '=', incident), eb('review_actions.incident_key', '=', incident.toUpperCase())]),
    );
  }
  if (filter.customerId) query = query.where('review_actions.customer_id', '=', filter.customerId);
  if (filter.after) {
    const { dueKey, id } = filter.after;
    query = query.where((eb) =>
      eb.and([
        eb('review_actions.due_key', '>=', dueKey),
        eb.or([eb('review_actions.due_key', '>', dueKey), eb('review_actions.id', '>', id)]),
      ]),
    );
  }
  return query.orderBy('review_actions.due_key').orderBy('review_actions.id').limit(filter.limit).execute();
}

import type { ActionTarget } from '../../shared/review-types.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { findPlaybook, incidentPlaybooks } from '../tasks/incident-playbooks.ts';
import { type Worker, workersAmong } from '../tasks/task-workers.ts';

/** A target as a client names it: the customer's plan, or one of its playbooks by slug or record id. */
export type TargetInput = { type: 'plan' } | { type: 'playbook'; playbookId: string };

/**
 * The owner of an action, checked: only someone who may work on the incident (as for a task's assignee), so that
 * its reminder never tells anyone what they may not know. 400 naming ownerId otherwise.
 */
export async function ownerFor(tx: Tx, incident: IncidentState, userId: string | null): Promise<Worker | null> {
  if (userId === null) return null;
  const worker = (await workersAmong(tx, incident, [userId])).get(userId);
  if (!worker) {
    throw new AppError(
      'invalid',
      `User ${userId} cannot own this action: only an active user who may change the incident (and, for TLP:RED, is on its access list) can`,
      'ownerId',
    );
  }
  return worker;
}

/**
 * What an action's target names, checked against the incident: its customer's plan, or one of the playbooks of
 * that plan (kept by slug, which survives the customer's copy being made). 400 naming target otherwise.
 */
export async function targetFor(
  tx: Tx,
  deps: Deps,
  incident: IncidentState,
  input: TargetInput | null,
  now: Date,
): Promise<ActionTarget | null> {
  if (input === null) return null;
  const customerId = incident.customerId;
  if (!customerId) {
    throw new AppError('invalid', `${incident.key} belongs to no customer, so there is no plan to change`, 'target');
  }
  if (input.type === 'plan') return { type: 'plan', customerId, name: 'Contingency plan' };
  const playbook = findPlaybook(await incidentPlaybooks(tx, deps.database.dialect, incident, now), input.playbookId);
  if (!playbook) {
    throw new AppError('invalid', `The customer's plan has no playbook ${input.playbookId}`, 'target.playbookId');
  }
  return { type: 'playbook', customerId, playbookId: playbook.slug, name: playbook.name };
}

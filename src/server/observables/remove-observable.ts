import type { ObservableType } from '../../shared/observable-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { onObservableIncident } from './change-observable.ts';
import { findObservable } from './observables.queries.ts';

/** Takes an observable off its incident (one observable.removed event: the timeline keeps that it was there). */
export async function removeObservable(deps: Deps, actor: Actor, id: string): Promise<void> {
  await onObservableIncident(deps, actor, id, () => async (tx) => {
    const row = await findObservable(tx, id);
    if (!row) throw new AppError('not_found', `No observable ${id}`);
    return [{ type: 'observable.removed', data: { observableId: id, type: row.type as ObservableType, value: row.value } }];
  });
}

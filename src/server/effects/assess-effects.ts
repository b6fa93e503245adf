import type { EffectAnswerInput } from '../../shared/effects.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { listIncidentDeadlines } from '../deadlines/deadlines.queries.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { decideEffects } from './decide-effects.ts';

/**
 * Answers effects questions on an incident the actor may change (else 404, like every incident change). The answers,
 * a personal-data change and the clocks it starts commit together; the clocks come back as the deadlines now hold them.
 */
export async function assessEffects(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  body: { answers: EffectAnswerInput[]; expectedVersion?: number },
) {
  const { state, events } = await appendToIncident(deps, actor, idOrKey, {
    expectedVersion: body.expectedVersion,
    decide: (_tx, current, now) => decideEffects(current, body.answers, now),
  });
  const deadlines = await listIncidentDeadlines(deps.database.db, state.id);
  return { state, events, deadlines };
}

import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { checkPlanVersion } from './check-plan-version.ts';
import { checkStream } from './check-stream.ts';
import type { StreamVerdict } from './verify-stream.ts';

/**
 * One incident, with the same checks verify makes for it: its timeline's chain, the customer and stream type of
 * each event, its row against the replay of its timeline, and the published plan version it links.
 */
export async function verifyIncidentIntegrity(db: Kysely<DB>, incident: IncidentState): Promise<StreamVerdict> {
  const verdict = await checkStream(db, 'incident', incident.id);
  if (!verdict) throw new AppError('not_found', `No incident ${incident.key}`);
  if (!verdict.valid || !incident.planVersionId) return verdict;
  const planProblem = await checkPlanVersion(db, incident.planVersionId);
  return planProblem ? { ...verdict, valid: false, problem: `the plan it links is broken: ${planProblem}` } : verdict;
}

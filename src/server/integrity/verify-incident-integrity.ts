import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { checkPlanVersion } from './check-plan-version.ts';
import { checkStream } from './check-stream.ts';
import { triageItemsOfIncident } from './integrity.queries.ts';
import type { StreamVerdict } from './verify-stream.ts';

/**
 * One incident, with the same checks verify makes for it: its timeline's chain, the customer and stream type of
 * each event, its row against the replay of its timeline; then what it rests on: the published plan version it
 * links (with the customer's stream that recorded its publication) and the triage items taken into it.
 */
export async function verifyIncidentIntegrity(db: Kysely<DB>, incident: IncidentState): Promise<StreamVerdict> {
  const verdict = await checkStream(db, 'incident', incident.id);
  if (!verdict) throw new AppError('not_found', `No incident ${incident.key}`);
  if (!verdict.valid) return verdict;
  const broken = (problem: string): StreamVerdict => ({ ...verdict, valid: false, problem });
  if (incident.planVersionId) {
    const planProblem = await checkPlanVersion(db, incident.planVersionId);
    if (planProblem) return broken(`the plan it links is broken: ${planProblem}`);
  }
  for (const itemId of await triageItemsOfIncident(db, incident.id)) {
    const item = await checkStream(db, 'triage', itemId);
    if (item && !item.valid) {
      const where = item.firstInvalidSeq ? `first broken link at event #${item.firstInvalidSeq}: ` : '';
      return broken(`triage item ${itemId}, which it was taken from, is broken: ${where}${item.problem}`);
    }
  }
  return verdict;
}

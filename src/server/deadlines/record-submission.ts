import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { obligationFacts, planStage } from './incident-snapshot.ts';

/** The obligation stage as it applies to the incident now; 404 for stages of obligations not in its plan. */
async function applyingStage(tx: Tx, deps: Deps, incident: IncidentState, obligationId: string, stageId: string, now: Date) {
  const found = await planStage(tx, deps.database.dialect, incident, obligationId, stageId, now);
  if (!found) throw new AppError('not_found', `The incident's plan has no obligation stage ${obligationId}/${stageId}`);
  const { plan, obligation, stage } = found;
  const verdict = evaluateObligation(obligation.definition as Obligation, obligationFacts(incident, plan.snapshot), now);
  return { obligation, stage, verdict };
}

/**
 * Meets an obligation stage with proof: when it was submitted and the recipient's reference number (or a note
 * of how). A stage is met once; its deadline's clock stops and later stages that run from it start.
 */
export async function recordSubmission(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: { obligationId: string; stageId: string; submittedAt?: string; reference: string; note?: string },
): Promise<IncidentState> {
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      const { obligationId, stageId } = input;
      await applyingStage(tx, deps, incident, obligationId, stageId, now);
      const made = incident.submissions?.[`${obligationId}/${stageId}`];
      if (made) throw new AppError('conflict', `This stage was already submitted at ${made.at} (${made.reference})`);
      if (!input.reference.trim())
        throw new AppError('invalid', "Give the recipient's reference number or say how it was submitted", 'reference');
      const at = input.submittedAt ?? now.toISOString();
      if (Date.parse(at) > now.getTime() + 5 * 60_000)
        throw new AppError('invalid', 'The submission time is in the future', 'submittedAt');
      const { occurredAt, detectedAt, awareAt, reportedAt } = incident.times;
      const first = Math.min(...[occurredAt, detectedAt, awareAt, reportedAt].filter((t): t is string => !!t).map(Date.parse));
      if (Date.parse(at) < first) {
        const since = new Date(first).toISOString();
        throw new AppError(
          'invalid',
          `The submission time is before anything of this incident happened (${since})`,
          'submittedAt',
        );
      }
      return [
        {
          type: 'obligation.submitted',
          data: {
            obligationId,
            stageId,
            at,
            reference: input.reference.trim(),
            via: 'manual',
            notificationId: null,
            note: input.note ?? '',
          },
        },
      ];
    },
  });
  return state;
}

/** Waives an obligation stage (it turned out not to be owed): the reason stays on the record and in the review. */
export async function waiveStage(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: { obligationId: string; stageId: string; reason: string },
): Promise<IncidentState> {
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      const { obligationId, stageId } = input;
      await applyingStage(tx, deps, incident, obligationId, stageId, now);
      if (!input.reason.trim()) throw new AppError('invalid', 'Say why this stage is waived', 'reason');
      const ref = `${obligationId}/${stageId}`;
      if (incident.waivers?.[ref]) throw new AppError('conflict', `This stage was already waived at ${incident.waivers[ref].at}`);
      if (incident.submissions?.[ref])
        throw new AppError('conflict', 'This stage was already submitted; there is nothing to waive');
      return [{ type: 'obligation.waived', data: { obligationId, stageId, reason: input.reason.trim(), at: now.toISOString() } }];
    },
  });
  return state;
}

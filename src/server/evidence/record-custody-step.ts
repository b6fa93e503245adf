import { CUSTODY_ACTIONS, type RecordedCustodyAction } from '../../shared/custody-events.ts';
import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { type CustodyEntry, recordEvidenceCustody } from './custody.ts';
import { findEvidence } from './evidence.queries.ts';
import { assertEvidenceAccess } from './evidence-access.ts';

export interface CustodyInput {
  action: string;
  to?: string | null;
  location?: string | null;
  note?: string;
}

/** The step as asked, or a 400 naming the field: a known action, `to` for a transfer, `location` for storing. */
export function checkCustodyInput(input: CustodyInput): {
  action: RecordedCustodyAction;
  to: string | null;
  location: string | null;
  note: string;
} {
  const action = input.action as RecordedCustodyAction;
  if (!CUSTODY_ACTIONS.includes(action)) {
    throw new AppError('invalid', `action must be one of ${CUSTODY_ACTIONS.join(', ')}`, 'action');
  }
  const to = input.to?.trim() || null;
  const location = input.location?.trim() || null;
  if (action === 'transferred' && !to) throw new AppError('invalid', 'to is required for a transfer: to whom it went', 'to');
  if (action === 'stored' && !location)
    throw new AppError('invalid', 'location is required when storing: where it is kept', 'location');
  return { action, to, location, note: input.note?.trim() ?? '' };
}

/**
 * A person records a step in an item's chain of custody. For an incident's item the step also goes on the
 * incident's timeline (evidence.custody_recorded), in the same transaction; only whoever may change the incident
 * may record one.
 */
export async function recordCustodyStep(
  deps: Deps,
  actor: Actor,
  evidenceId: string,
  input: CustodyInput,
): Promise<CustodyEntry> {
  const step = checkCustodyInput(input);
  const notFound = `No evidence ${evidenceId}`;
  const by = { id: actor.id, name: actor.name };
  const row = await assertEvidenceAccess(deps.database.db, deps, actor, evidenceId, 'incident.change');
  if (!row.incident_id) {
    return commit(deps, async (tx) => {
      const fresh = await assertEvidenceAccess(tx, deps, actor, evidenceId, 'incident.change');
      return recordEvidenceCustody(tx, deps.database.dialect, {
        ...step,
        evidenceId,
        customerId: fresh.customer_id,
        by,
        now: deps.clock.now(),
      });
    });
  }
  let entry: CustodyEntry | null = null;
  await appendToIncident(deps, actor, row.incident_id, {
    authorize: (tx, incident) => assertIncidentAccess(tx, actor, incident, 'incident.change', notFound),
    async decide(tx, incident, now) {
      const fresh = await findEvidence(tx, evidenceId);
      if (!fresh || fresh.incident_id !== incident.id) throw new AppError('not_found', notFound);
      entry = await recordEvidenceCustody(tx, deps.database.dialect, {
        ...step,
        evidenceId,
        customerId: fresh.customer_id,
        by,
        now,
      });
      return [
        {
          type: 'evidence.custody_recorded',
          data: { evidenceId, name: fresh.name, ...step, custodySeq: entry.seq },
        },
      ];
    },
  });
  return entry as unknown as CustodyEntry;
}

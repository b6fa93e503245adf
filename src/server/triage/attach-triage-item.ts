import type { TriageKind } from '../../shared/triage-types.ts';
import { type Actor, canSee } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { assignTriageEvidenceToIncident, listTriageEvidence } from '../evidence/evidence.queries.ts';
import { evidenceAddedEvent } from '../evidence/store-evidence.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertNotDecided, itemToDecide, recordDecision } from './item-to-decide.ts';
import { findTriageItem, incidentKeyOf, type TriageItemRow } from './triage.queries.ts';

/**
 * Joins a triage item to an existing incident of the same customer: the incident's timeline records it, the
 * item links to the incident and its evidence moves there, in one transaction.
 */
export async function attachTriageItem(deps: Deps, actor: Actor, id: string, incident: string): Promise<TriageItemRow> {
  // The item named in the path answers first: a missing or hidden one is 404, whatever the incident.
  const named = await findTriageItem(deps.database.db, id);
  if (!named || !canSee(actor, named.customer_id)) throw new AppError('not_found', `No triage item ${id}`);
  let attached: TriageItemRow | null = null;
  await appendToIncident(deps, actor, incident, {
    async decide(tx, state) {
      const item = await itemToDecide(tx, deps.database.dialect, actor, id);
      if (item.incident_id === state.id) {
        attached = item;
        return [];
      }
      assertNotDecided(item, await incidentKeyOf(tx, item.incident_id));
      if (state.status === 'closed' || state.status === 'dismissed') {
        throw new AppError('conflict', `${state.key} is ${state.status}; reopen it first, or open a new incident`, 'incident');
      }
      if (item.customer_id && item.customer_id !== state.customerId) {
        throw new AppError('conflict', `${state.key} is another customer's incident; alerts never cross customers`, 'incident');
      }
      attached = item;
      // The report's evidence moves with it (alongside, below); the timeline records each item of it.
      const evidence = (await listTriageEvidence(tx, item.id)).filter((e) => e.incidentId === null);
      return [
        {
          type: 'triage.attached',
          data: {
            itemId: item.id,
            kind: item.kind as TriageKind,
            title: item.title,
            alerts: item.alert_count,
            occurrences: item.occurrences,
          },
        },
        ...evidence.map((e) => evidenceAddedEvent(e)),
      ];
    },
    async alongside(tx, next, _events, now) {
      const item = attached as TriageItemRow;
      const customerId = item.customer_id ?? next.customerId;
      attached = await recordDecision(
        tx,
        deps.database.dialect,
        actor,
        item,
        { status: 'incident', incident_id: next.id, customer_id: customerId, decision_reason: null },
        now,
        { type: 'triage.attached', data: { incidentId: next.id, incidentKey: next.key, customerId } },
      );
      await assignTriageEvidenceToIncident(tx, item.id, next.id);
    },
  });
  return attached as unknown as TriageItemRow;
}

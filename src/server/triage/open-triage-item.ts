import type { IncidentSource } from '../../shared/incident-vocabulary.ts';
import type { TriageKind } from '../../shared/triage-types.ts';
import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { assignTriageEvidenceToIncident } from '../evidence/evidence.queries.ts';
import { recordEvidenceOnTimeline } from '../evidence/store-evidence.ts';
import { reportIncidentIn } from '../incidents/report-incident.ts';
import { assertNotDecided, itemToDecide, recordDecision } from './item-to-decide.ts';
import { incidentKeyOf, listTriageMessages, type TriageItemRow } from './triage.queries.ts';

const SOURCE_OF: Record<TriageKind, IncidentSource> = { alerts: 'alert', email: 'email', form: 'public-form' };

export interface OpenChoices {
  title?: string;
  customerId?: string | null;
}

/**
 * Takes a triage item into a new incident: the incident (reported, from the item's source), the item's link to
 * it, its evidence and the decision on the item's own record commit together. Alerts of the group that arrive
 * later belong to the same incident through the group.
 */
export async function openTriageItem(
  deps: Deps,
  actor: Actor,
  id: string,
  choices: OpenChoices = {},
): Promise<{ item: TriageItemRow; incident: { id: string; key: string } }> {
  const now = deps.clock.now();
  return commit(deps, async (tx) => {
    const item = await itemToDecide(tx, deps.database.dialect, actor, id);
    assertNotDecided(item, await incidentKeyOf(tx, item.incident_id));
    const customerId = item.customer_id ?? choices.customerId ?? null;
    const incident = await reportIncidentIn(
      tx,
      deps,
      actor,
      {
        title: choices.title ?? item.title,
        description: await incidentDescription(tx, item),
        customerId,
        serviceIds: item.service_id ? [item.service_id] : [],
      },
      SOURCE_OF[item.kind as TriageKind],
      now,
    );
    const decided = await recordDecision(
      tx,
      deps.database.dialect,
      actor,
      item,
      { status: 'incident', incident_id: incident.id, customer_id: customerId, decision_reason: null },
      now,
      { type: 'triage.incident_opened', data: { incidentId: incident.id, incidentKey: incident.key } },
    );
    const evidence = await assignTriageEvidenceToIncident(tx, item.id, incident.id);
    await recordEvidenceOnTimeline(tx, deps, actor, incident.id, evidence, now);
    return { item: decided, incident: { id: incident.id, key: incident.key } };
  });
}

/** What the incident starts with: the report (and what the reporter added), or a summary of the alerts. */
async function incidentDescription(tx: Tx, item: TriageItemRow): Promise<string> {
  const parts = [item.description];
  if (item.kind === 'alerts') {
    const alerts = item.alert_count === 1 ? '1 alert' : `${item.alert_count} alerts`;
    const times = item.occurrences === 1 ? 'once' : `${item.occurrences} times`;
    parts.push(`Opened from an alert group of ${alerts}, fired ${times}; see the incident's alerts panel.`);
  }
  for (const message of await listTriageMessages(tx, item.id)) {
    parts.push(`Added later by the reporter:\n\n${message.body}`);
  }
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

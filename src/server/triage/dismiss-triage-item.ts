import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { AlertsForTriage } from './feed-triage.ts';
import { assertNotDecided, itemToDecide, recordDecision } from './item-to-decide.ts';
import { incidentKeyOf, type TriageItemRow } from './triage.queries.ts';

/**
 * Dismisses an item (a false positive, a duplicate) with the reason on its record. Alerts of the same key that
 * arrive later start a new group, unless silenced: silenceMinutes silences every alert of the group too.
 */
export async function dismissTriageItem(
  deps: Deps,
  alerts: AlertsForTriage,
  actor: Actor,
  id: string,
  input: { reason: string; silenceMinutes?: number },
): Promise<TriageItemRow> {
  const now = deps.clock.now();
  return commit(deps, async (tx) => {
    const item = await itemToDecide(tx, deps.database.dialect, actor, id);
    assertNotDecided(item, await incidentKeyOf(tx, item.incident_id));
    if (item.status === 'dismissed') throw new AppError('conflict', `This was already dismissed by ${item.decided_by}`);
    let silenced = 0;
    if (input.silenceMinutes && item.kind === 'alerts' && item.customer_id) {
      silenced = await alerts.silenceGroup(tx, {
        actor,
        itemId: item.id,
        customerId: item.customer_id,
        minutes: input.silenceMinutes,
        reason: input.reason,
        now,
      });
    }
    return recordDecision(tx, deps.database.dialect, actor, item, { status: 'dismissed', decision_reason: input.reason }, now, {
      type: 'triage.dismissed',
      data: { reason: input.reason, silenced, silenceMinutes: input.silenceMinutes ?? null },
    });
  });
}

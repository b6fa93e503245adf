import type { AlertInput, AlertReceipt } from '../../shared/triage-types.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { eventLoopTurns } from '../core/event-loop.ts';
import type { AlertSourceRow } from './alert-sources.queries.ts';
import { writeAlerts } from './alert-writer.ts';
import { type AlertOrigin, groupKeys, ruleFor } from './grouping.ts';
import { activeRules } from './manage-alert-rules.ts';
import { foldRepeat, type NormalizedAlert, type PlannedAlert, planAlert } from './normalize-alert.ts';

/**
 * Stores a request's alerts for the source that sent them, and answers only after the commit: an alert that
 * got a 2xx is stored. Repeats of a fingerprint (for the source's customer) count up on one alert; alerts that
 * start firing join the open group with their grouping key or start a new one in the triage queue, unless
 * silenced. A rule's "open" or "attach" action is a durable job enqueued in the same transaction.
 * `inputs` is emptied as its alerts are planned (see below); the receipts come back in the order of the
 * distinct fingerprints. `onTaken` is told when the alerts go into a write.
 */
export async function ingestAlerts(
  deps: Deps,
  { source, inputs, onTaken }: { source: AlertSourceRow; inputs: (AlertInput | undefined)[]; onTaken?: () => void },
): Promise<AlertReceipt[]> {
  inputs.forEach((input, i) => {
    if (input?.source !== undefined && input.source !== source.name && input.source !== source.id) {
      const field = inputs.length > 1 ? `${i}.source` : 'source';
      throw new AppError('invalid', `${field} is "${input.source}", but the token belongs to source "${source.name}"`, field);
    }
  });
  const at = deps.clock.now().toISOString();
  const fingerprintLabels = JSON.parse(source.fingerprint_labels) as string[];
  const origin: AlertOrigin = { customerId: source.customer_id, serviceId: source.service_id, sourceId: source.id };
  const rules = await activeRules(deps.database);
  const keyOf = groupKeys();
  const place = (alert: NormalizedAlert) => {
    const rule = ruleFor(rules, alert, origin);
    return { rule, key: keyOf(rule, alert, origin) };
  };
  // Repeats of a fingerprint fold into one alert, in the place of its first appearance.
  const byFingerprint = new Map<string, PlannedAlert>();
  // In turns: a batch of 5,000 would otherwise hold up every other request while it is prepared.
  const turn = eventLoopTurns();
  for (let i = 0; i < inputs.length; i++) {
    if (i % 64 === 0) await turn();
    const alert = planAlert(inputs[i] as AlertInput, fingerprintLabels, at, place);
    // The parsed input is let go as soon as its alert is made (the request keeps the body until its answer has
    // gone): a batch waiting for the writer then holds one object per alert, not two.
    inputs[i] = undefined;
    const seen = byFingerprint.get(alert.fingerprint);
    byFingerprint.set(alert.fingerprint, seen ? foldRepeat(seen, alert) : alert);
  }
  const alerts = [...byFingerprint.values()];
  byFingerprint.clear();
  const { stored, silenced } = await writeAlerts(deps, { origin, planned: alerts, onTaken });
  // Each alert becomes its own receipt: the reply's schema serialises only the receipt's fields.
  for (const alert of alerts) {
    const row = stored.get(alert.fingerprint);
    alert.count = row?.count ?? alert.occurrences;
    alert.groupId = row?.group_id ?? null;
    alert.silenced = silenced.has(alert.fingerprint);
  }
  return alerts;
}

import type { AlertInput, AlertReceipt } from '../../shared/triage-types.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { mapInTurns } from '../core/event-loop.ts';
import type { AlertSourceRow } from './alert-sources.queries.ts';
import { writeAlerts } from './alert-writer.ts';
import { type AlertOrigin, groupKey, ruleFor } from './grouping.ts';
import { activeRules } from './manage-alert-rules.ts';
import { foldAlerts, normalizeAlert } from './normalize-alert.ts';
import type { PlannedAlert } from './store-alerts.ts';

/**
 * Stores a request's alerts for the source that sent them, and answers only after the commit: an alert that
 * got a 2xx is stored. Repeats of a fingerprint (for the source's customer) count up on one alert; alerts that
 * start firing join the open group with their grouping key or start a new one in the triage queue, unless
 * silenced. A rule's "open" or "attach" action is a durable job enqueued in the same transaction.
 */
export async function ingestAlerts(deps: Deps, source: AlertSourceRow, inputs: AlertInput[]): Promise<AlertReceipt[]> {
  inputs.forEach((input, i) => {
    if (input.source !== undefined && input.source !== source.name && input.source !== source.id) {
      const field = inputs.length > 1 ? `${i}.source` : 'source';
      throw new AppError('invalid', `${field} is "${input.source}", but the token belongs to source "${source.name}"`, field);
    }
  });
  const at = deps.clock.now().toISOString();
  const fingerprintLabels = JSON.parse(source.fingerprint_labels) as string[];
  // In turns: a batch of 5,000 would otherwise hold up every other request while it is prepared.
  const alerts = foldAlerts(await mapInTurns(inputs, (input) => normalizeAlert(input, fingerprintLabels, at)));
  const origin: AlertOrigin = { customerId: source.customer_id, serviceId: source.service_id, sourceId: source.id };
  const rules = await activeRules(deps.database);
  const planned: PlannedAlert[] = await mapInTurns(alerts, (alert) => {
    const rule = ruleFor(rules, alert, origin);
    return { alert, rule, key: groupKey(rule, alert, origin), joins: null };
  });
  const stored = await writeAlerts(deps, origin, planned);
  return alerts.map((alert) => stored.get(alert.fingerprint) as AlertReceipt);
}

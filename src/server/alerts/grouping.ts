import { hash as digest } from 'node:crypto';
import { SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertRule } from '../../shared/triage-types.ts';

/** What grouping reads of an alert. */
interface Grouped {
  severity: Severity | null;
  labels: Record<string, string>;
}

/** What applies when no rule matches: group by alert name for five minutes, and let people triage. */
export const DEFAULT_RULE: AlertRule = {
  id: 'default',
  name: 'Same alert name within 5 minutes',
  customerId: null,
  position: Number.MAX_SAFE_INTEGER,
  match: {},
  groupBy: ['alertname'],
  windowMinutes: 5,
  action: 'triage',
  incident: null,
  createdAt: '1970-01-01T00:00:00.000Z',
  updatedAt: '1970-01-01T00:00:00.000Z',
};

export interface AlertOrigin {
  customerId: string;
  serviceId: string | null;
  sourceId: string;
}

/** The first rule (in position order) whose conditions all hold, else the default rule. */
export function ruleFor(rules: readonly AlertRule[], alert: Grouped, origin: AlertOrigin): AlertRule {
  for (const rule of rules) {
    if (rule.customerId !== null && rule.customerId !== origin.customerId) continue;
    const { severities, labels, sourceId } = rule.match;
    if (sourceId && sourceId !== origin.sourceId) continue;
    if (severities && severities.length > 0 && !(alert.severity && severities.includes(alert.severity))) continue;
    if (labels && Object.entries(labels).some(([name, value]) => alert.labels[name] !== value)) continue;
    return rule;
  }
  return DEFAULT_RULE;
}

/**
 * Alerts with equal keys belong together: same rule, customer and service, and equal values of the rule's
 * group-by labels. The customer is part of the key, so groups never span customers.
 */
function groupKey(rule: AlertRule, alert: Grouped, origin: AlertOrigin): string {
  return digest('sha256', keyText(rule, alert, origin), 'hex');
}

const keyText = (rule: AlertRule, alert: Grouped, origin: AlertOrigin) =>
  JSON.stringify([rule.id, origin.customerId, origin.serviceId, rule.groupBy.map((name) => alert.labels[name] ?? null)]);

/**
 * groupKey for the alerts of one request, each distinct key hashed once and shared: a batch's alerts mostly
 * share a few keys, and each one waits for the writer with its alert.
 */
export function groupKeys(): typeof groupKey {
  const known = new Map<string, string>();
  return (rule, alert, origin) => {
    const text = keyText(rule, alert, origin);
    let key = known.get(text);
    if (key === undefined) {
      key = digest('sha256', text, 'hex');
      known.set(text, key);
    }
    return key;
  };
}

const RANK = new Map<Severity | null, number>([[null, -1], ...SEVERITIES.map((s, i) => [s, i] as [Severity, number])]);

export function higherSeverity(a: Severity | null, b: Severity | null): Severity | null {
  return (RANK.get(a) ?? -1) >= (RANK.get(b) ?? -1) ? a : b;
}

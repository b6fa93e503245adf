import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertRule, AlertRuleBody, RuleAction } from '../../shared/triage-types.ts';

/** A grouping rule as the form edits it: labels as "name=value" entries, empty strings for "none". */
export interface RuleFormValues {
  name: string;
  customerId: string;
  severities: Severity[];
  labels: string[];
  sourceId: string;
  groupBy: string[];
  windowMinutes: number | string;
  action: RuleAction;
  incident: string;
  _api?: string;
}

export const EMPTY_RULE: RuleFormValues = {
  name: '',
  customerId: '',
  severities: [],
  labels: [],
  sourceId: '',
  groupBy: ['alertname'],
  windowMinutes: 5,
  action: 'triage',
  incident: '',
};

export function ruleToValues(rule: AlertRule): RuleFormValues {
  return {
    name: rule.name,
    customerId: rule.customerId ?? '',
    severities: rule.match.severities ?? [],
    labels: Object.entries(rule.match.labels ?? {}).map(([name, value]) => `${name}=${value}`),
    sourceId: rule.match.sourceId ?? '',
    groupBy: rule.groupBy,
    windowMinutes: rule.windowMinutes,
    action: rule.action,
    incident: rule.incident ?? '',
  };
}

/** "service=checkout" → ["service", "checkout"]; null when there is no name before the "=". */
export function parseLabel(entry: string): [string, string] | null {
  const at = entry.indexOf('=');
  if (at <= 0) return null;
  return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
}

export function valuesToBody(values: RuleFormValues): AlertRuleBody {
  const labels = Object.fromEntries(values.labels.map(parseLabel).filter((l): l is [string, string] => l !== null));
  const match: AlertRuleBody['match'] = {};
  if (values.severities.length) match.severities = values.severities;
  if (Object.keys(labels).length) match.labels = labels;
  if (values.sourceId) match.sourceId = values.sourceId;
  return {
    name: values.name.trim(),
    customerId: values.customerId || null,
    match,
    groupBy: values.groupBy,
    windowMinutes: Number(values.windowMinutes),
    action: values.action,
    incident: values.action === 'attach' && values.incident.trim() ? values.incident.trim() : null,
  };
}

import type { Incident, IncidentChanges, SeverityOverride } from '../../shared/api-types.ts';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import { fromFormValues, type IncidentFormValues, toFormValues } from './incident-form-values.ts';

/** The details form: the report fields plus the severity override. */
export interface EditValues extends IncidentFormValues {
  overrideSeverity: Severity | '';
  overrideReason: string;
}

export function editValuesOf(incident: Incident): EditValues {
  return {
    ...toFormValues(incident),
    overrideSeverity: incident.severityOverride?.severity ?? '',
    overrideReason: incident.severityOverride?.reason ?? '',
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what the user changed relative to `base` (the incident as it was when editing started),
 * so a change someone else made meanwhile is never silently written back.
 */
export function changesBetween(base: Incident, values: EditValues): IncidentChanges {
  const before = fromFormValues(toFormValues(base)) as unknown as Record<string, unknown>;
  const after = fromFormValues(values) as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    if (!same(value, before[field])) changes[field] = value;
  }
  const override: SeverityOverride | null = values.overrideSeverity
    ? { severity: values.overrideSeverity, reason: values.overrideReason.trim() }
    : null;
  if (!same(override, base.severityOverride)) changes.severityOverride = override;
  return changes as IncidentChanges;
}

/** The form after taking in `latest`: fields the user left alone follow it, their own edits stay. */
export function rebaseValues(current: EditValues, base: Incident, latest: Incident): EditValues {
  const old = editValuesOf(base) as unknown as Record<string, unknown>;
  const next = editValuesOf(latest) as unknown as Record<string, unknown>;
  const merged = { ...current } as unknown as Record<string, unknown>;
  for (const key of Object.keys(next)) {
    if (same(merged[key], old[key])) merged[key] = next[key];
  }
  return merged as unknown as EditValues;
}

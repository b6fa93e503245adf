import { hash as digest } from 'node:crypto';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertInput, AlertStatus } from '../../shared/triage-types.ts';
import { AppError } from '../core/errors.ts';

/** An alert as stored: fingerprint settled, times checked, whatever format it came in. */
export interface NormalizedAlert {
  fingerprint: string;
  title: string;
  severity: Severity | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: AlertStatus;
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * The fingerprint of an alert that brings none: SHA-256 over the chosen labels (all labels when none are chosen,
 * or when the alert has none of them), sorted by name, so that the same labels in any order give the same
 * fingerprint. An alert without labels is told apart by its title: otherwise all of them would fold into one.
 */
export function computeFingerprint(labels: Record<string, string>, chosen: readonly string[], title: string): string {
  const present = chosen.filter((name) => Object.hasOwn(labels, name));
  const pairs = (present.length > 0 ? present : Object.keys(labels)).sort().map((name) => [name, labels[name]]);
  return digest('sha256', JSON.stringify(pairs.length > 0 ? pairs : [[], title]), 'hex');
}

export function normalizeAlert(input: AlertInput, fingerprintLabels: readonly string[], at: string): NormalizedAlert {
  return {
    fingerprint: input.fingerprint ?? computeFingerprint(input.labels, fingerprintLabels, input.title),
    title: input.title,
    severity: input.severity ?? null,
    labels: input.labels,
    annotations: input.annotations ?? {},
    status: input.status,
    startsAt: time(input.startsAt, 'startsAt', at),
    endsAt: time(input.endsAt, 'endsAt', null),
  };
}

// Alertmanager sends the zero time for "not set".
function time(value: string | undefined, field: string, fallback: string | null): string | null {
  if (value === undefined || value.startsWith('0001-01-01')) return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid', `${field} must be an RFC 3339 time, got "${value}"`, field);
  return new Date(ms).toISOString();
}

export interface FoldedAlert extends NormalizedAlert {
  /** How many times it was sent as firing (a resolved notification ends an alert; it is not a repeat). */
  count: number;
}

/**
 * Folds the repeats of one fingerprint inside a request into one entry (the last one wins, firings add up),
 * so that each fingerprint is written once per request.
 */
export function foldAlerts(alerts: NormalizedAlert[]): FoldedAlert[] {
  const byFingerprint = new Map<string, FoldedAlert>();
  for (const alert of alerts) {
    const seen = byFingerprint.get(alert.fingerprint);
    const firing = alert.status === 'firing' ? 1 : 0;
    if (seen)
      byFingerprint.set(alert.fingerprint, { ...alert, startsAt: seen.startsAt ?? alert.startsAt, count: seen.count + firing });
    else byFingerprint.set(alert.fingerprint, { ...alert, count: firing });
  }
  return [...byFingerprint.values()];
}

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
  /**
   * The startsAt the sender gave (null: none). Alertmanager re-sends every alert of a group whenever the group
   * changes: firing notifications with the same startsAt are one occurrence, sent again.
   */
  episode: string | null;
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
    episode: time(input.startsAt, 'startsAt', null),
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
  /**
   * How many times it started firing: each firing notification without a startsAt, and each distinct startsAt
   * of firing ones (a resolved notification ends an alert; a re-send of the same startsAt is not a repeat).
   */
  count: number;
  /** The distinct startsAt of its firing notifications, each counted once in `count`. */
  episodes: string[];
}

/** One firing notification more: a new occurrence unless its startsAt was counted already. */
function withFiring(folded: FoldedAlert, alert: NormalizedAlert): FoldedAlert {
  if (alert.status !== 'firing') return folded;
  if (alert.episode === null) return { ...folded, count: folded.count + 1 };
  if (folded.episodes.includes(alert.episode)) return folded;
  return { ...folded, count: folded.count + 1, episodes: [...folded.episodes, alert.episode] };
}

/**
 * Folds the repeats of one fingerprint inside a request into one entry (the last one wins, new occurrences add
 * up), so that each fingerprint is written once per request.
 */
export function foldAlerts(alerts: NormalizedAlert[]): FoldedAlert[] {
  const byFingerprint = new Map<string, FoldedAlert>();
  for (const alert of alerts) {
    const seen = byFingerprint.get(alert.fingerprint);
    const base = seen
      ? { ...alert, startsAt: seen.startsAt ?? alert.startsAt, count: seen.count, episodes: seen.episodes }
      : { ...alert, count: 0, episodes: [] };
    byFingerprint.set(alert.fingerprint, withFiring(base, alert));
  }
  return [...byFingerprint.values()];
}

/** Two requests' folds of one fingerprint as one: the later one's content, occurrences of both counted once. */
export function mergeFolded(earlier: FoldedAlert, later: FoldedAlert): FoldedAlert {
  const shared = later.episodes.filter((e) => earlier.episodes.includes(e)).length;
  return {
    ...later,
    startsAt: earlier.startsAt ?? later.startsAt,
    count: earlier.count + later.count - shared,
    episodes: shared === later.episodes.length ? earlier.episodes : [...new Set([...earlier.episodes, ...later.episodes])],
  };
}

/**
 * The occurrences a write adds to an alert already stored: a firing notification whose startsAt is the one
 * stored is the same occurrence sent again.
 */
export function newOccurrences(alert: FoldedAlert, storedStartsAt: string | null | undefined): number {
  if (storedStartsAt && alert.count > 0 && alert.episodes.includes(storedStartsAt)) return alert.count - 1;
  return alert.count;
}

import { hash as digest } from 'node:crypto';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertInput, AlertReceipt, AlertRule, AlertStatus } from '../../shared/triage-types.ts';
import { AppError } from '../core/errors.ts';
import { DEFAULT_RULE } from './grouping.ts';

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
 * One alert of a request from the moment it is read to its answer: the alert as stored, its repeats in the
 * request folded into it, its place in the write, and (after the commit) its receipt. One object per alert:
 * a storm's batches wait for the writer by the thousand, and every object that waits with them outlives a young
 * collection and becomes old-generation garbage after the write (issue 15, storm memory).
 */
export interface PlannedAlert extends NormalizedAlert, AlertReceipt {
  status: AlertStatus;
  /**
   * How many times it started firing: each firing notification without a startsAt, and each distinct startsAt
   * of firing ones (a resolved notification ends an alert; a re-send of the same startsAt is not a repeat).
   */
  occurrences: number;
  /** The distinct startsAt of its firing notifications, each counted once in `occurrences`. */
  episodes: readonly string[];
  rule: AlertRule;
  /** Alerts with equal keys belong together (grouping.ts). */
  key: string;
  /** Set when the alert joins a group in this write (new, silenced before, or firing again after resolving). */
  joins: string | null;
  /** The occurrences this write adds to the stored alert (set by the write). */
  adds: number;
}

/** Shared by every alert without annotations or a startsAt: nothing changes them once made. */
const NO_ANNOTATIONS: Record<string, string> = Object.freeze({});
const NO_EPISODES: readonly string[] = Object.freeze([]);

/** Whether an alert's annotations are the shared empty ones (written as `{}` without serialising). */
export const hasNoAnnotations = (alert: NormalizedAlert) => alert.annotations === NO_ANNOTATIONS;

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

/** The alert of one input, ready to be folded with the request's other alerts and written (rule and key given). */
export function planAlert(
  input: AlertInput,
  fingerprintLabels: readonly string[],
  at: string,
  place: (alert: NormalizedAlert) => { rule: AlertRule; key: string },
): PlannedAlert {
  const episode = time(input.startsAt, 'startsAt', null);
  const status = input.status;
  const fingerprint = input.fingerprint ?? computeFingerprint(input.labels, fingerprintLabels, input.title);
  const alert: PlannedAlert = {
    fingerprint,
    title: input.title,
    severity: input.severity ?? null,
    labels: input.labels,
    annotations: input.annotations ?? NO_ANNOTATIONS,
    status,
    startsAt: episode ?? at,
    endsAt: time(input.endsAt, 'endsAt', null),
    episode,
    occurrences: status === 'firing' ? 1 : 0,
    episodes: status === 'firing' && episode !== null ? [episode] : NO_EPISODES,
    rule: DEFAULT_RULE,
    key: '',
    joins: null,
    adds: 0,
    count: 0,
    groupId: null,
    silenced: false,
  };
  const { rule, key } = place(alert);
  alert.rule = rule;
  alert.key = key;
  return alert;
}

// Alertmanager sends the zero time for "not set".
function time(value: string | undefined, field: string, fallback: string | null): string | null {
  if (value === undefined || value.startsWith('0001-01-01')) return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid', `${field} must be an RFC 3339 time, got "${value}"`, field);
  return new Date(ms).toISOString();
}

/**
 * A repeat of a fingerprint inside one request, folded into the later alert (the last one wins, new occurrences
 * add up), so that each fingerprint is written once per request. `later` is changed and returned.
 */
export function foldRepeat(earlier: PlannedAlert, later: PlannedAlert): PlannedAlert {
  later.startsAt = earlier.startsAt ?? later.startsAt;
  if (later.status !== 'firing') {
    later.occurrences = earlier.occurrences;
    later.episodes = earlier.episodes;
  } else if (later.episode === null) {
    later.occurrences = earlier.occurrences + 1;
    later.episodes = earlier.episodes;
  } else if (earlier.episodes.includes(later.episode)) {
    later.occurrences = earlier.occurrences;
    later.episodes = earlier.episodes;
  } else {
    later.occurrences = earlier.occurrences + 1;
    later.episodes = [...earlier.episodes, later.episode];
  }
  return later;
}

/**
 * Two requests' folds of one fingerprint as one, for one write: the later one's content, occurrences of both
 * counted once. `later` is changed and returned (each request's alerts are its own, and are written once).
 */
export function mergeFolded(earlier: PlannedAlert, later: PlannedAlert): PlannedAlert {
  let shared = 0;
  for (const e of later.episodes) if (earlier.episodes.includes(e)) shared += 1;
  later.startsAt = earlier.startsAt ?? later.startsAt;
  later.occurrences = earlier.occurrences + later.occurrences - shared;
  later.episodes = shared === later.episodes.length ? earlier.episodes : [...new Set([...earlier.episodes, ...later.episodes])];
  return later;
}

/**
 * The occurrences a write adds to an alert already stored: a firing notification whose startsAt is the one
 * stored is the same occurrence sent again.
 */
export function newOccurrences(alert: PlannedAlert, storedStartsAt: string | null | undefined): number {
  if (storedStartsAt && alert.occurrences > 0 && alert.episodes.includes(storedStartsAt)) return alert.occurrences - 1;
  return alert.occurrences;
}

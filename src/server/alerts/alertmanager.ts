import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertInput } from '../../shared/triage-types.ts';

/** Prometheus Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export interface AlertmanagerPayload {
  version: string;
  status: 'firing' | 'resolved';
  receiver?: string;
  groupKey?: string;
  alerts: {
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    startsAt?: string;
    endsAt?: string;
    generatorURL?: string;
    fingerprint?: string;
  }[];
}

// Severity words seen in Prometheus rules, mapped onto Muster's four.
const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  page: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  minor: 'low',
  low: 'low',
  info: 'low',
  informational: 'low',
  none: 'low',
};

/**
 * Alertmanager's alerts in the generic form. The fingerprint Alertmanager computed is kept, so that its firing
 * and resolved notifications meet on the same alert; the title is the summary annotation, else the alert name.
 */
export function fromAlertmanager(payload: AlertmanagerPayload, useGivenFingerprint: boolean): AlertInput[] {
  return payload.alerts.map((alert) => {
    const annotations: Record<string, string> = {
      ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
      ...alert.annotations,
    };
    const severity = SEVERITY_WORDS[(alert.labels.severity ?? '').toLowerCase()];
    return {
      fingerprint: useGivenFingerprint && alert.fingerprint ? alert.fingerprint : undefined,
      title: (annotations.summary || alert.labels.alertname || 'Alert from Alertmanager').slice(0, 500),
      ...(severity ? { severity } : {}),
      labels: alert.labels,
      annotations,
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
      status: alert.status,
    };
  });
}

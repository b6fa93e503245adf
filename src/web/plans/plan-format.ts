import type { IncidentPlan } from '../../shared/prepare-types.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "23 Nov 2027" in the user's zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export type KitKind = 'kit.html' | 'kit.pdf' | 'pace-card.html';

/**
 * A plan's offline kit as a plain link: a GET with the session cookie. Its times come out in the customer's zone
 * (the server's default); the reader's own zone would mean nothing to the people holding the paper.
 */
export function kitUrl(planId: string, kind: KitKind, download = true): string {
  return `/api/v1/plans/${encodeURIComponent(planId)}/${kind}${download ? '?download=true' : ''}`;
}

/** "5e53e3f7…1250": enough to compare with a printed copy by eye. */
export function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-4)}` : sha256;
}

/** A date input's value (yyyy-mm-dd) for a date this many months ahead, in the user's zone. */
export function dateInputMonthsAhead(months: number): string {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date input's value as the end of that day in the user's zone, in UTC. */
export function endOfDayIso(value: string): string | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const CHECK_DIRECTION = { outbound: 'to', inbound: 'from', both: 'to and from' } as const;

/** The affected services' connections as plain text, to paste into a message to the customer's IT. */
export function checkListText(incidentKey: string, checkList: IncidentPlan['checkList']): string {
  const lines = [`${incidentKey}: please check these connections of the affected services`, ''];
  for (const s of checkList) {
    lines.push(`${s.serviceName} (${s.criticality} criticality)`);
    if (s.connections.length === 0) lines.push('  - no connections recorded');
    for (const c of s.connections) {
      const parts = [
        `${CHECK_DIRECTION[c.direction]} ${c.target}`,
        c.protocol,
        c.account && `account ${c.account}`,
        c.purpose,
      ].filter(Boolean);
      lines.push(`  - ${parts.join(' — ')}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/**
 * The names of the plan's obligation stages by "obligationId/stageId" ("GDPR: notify … — Notification"), for
 * notifications and timeline events that carry only the ids.
 */
export function obligationStageNames(plan: IncidentPlan | null | undefined): Map<string, { obligation: string; stage: string }> {
  const names = new Map<string, { obligation: string; stage: string }>();
  for (const o of plan?.obligations ?? []) {
    for (const s of o.obligation.definition.stages) {
      names.set(`${o.obligationId}/${s.id}`, { obligation: o.obligation.definition.name, stage: s.name });
    }
  }
  return names;
}

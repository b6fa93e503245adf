import type { PreservationAnswer } from '../../shared/preservation-types.ts';
import { formatInstant } from '../core/print/print-time.ts';
import type { IncidentReport } from './report-sections.ts';

// What the printed forms (HTML, PDF) say besides the data: the same words in both, from one place.

/** TLP 2.0 colours (FIRST): the label's colour on black. */
export const TLP_COLOURS: Record<IncidentReport['tlp'], string> = {
  'TLP:CLEAR': '#FFFFFF',
  'TLP:GREEN': '#33FF00',
  'TLP:AMBER': '#FFC000',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:RED': '#FF2B2B',
};

export const REPORT_SECTIONS = {
  summary: 'Summary',
  classification: 'Classification and impact',
  effects: 'Effects assessment',
  decisions: 'Decisions',
  roles: 'Roles',
  tasks: 'Tasks',
  notifications: 'Notifications',
  obligations: 'Reporting obligations: the deadline proof',
  evidence: 'Evidence and chain of custody',
  preservation: 'Preservation requests and chain of custody',
  observables: 'Observables',
  review: 'Post-incident review',
  timeline: 'Timeline',
} as const;

/** The marking on every page: the TLP label, and EXERCISE for an exercise. */
export function pageMarking(report: IncidentReport): string {
  return report.exercise ? `${report.tlp} · EXERCISE` : report.tlp;
}

/** A time in the report's zone, to the second; '—' for none. */
export function when(report: IncidentReport, iso: string | null | undefined): string {
  return iso ? formatInstant(iso, report.timeZone) : '—';
}

/** The line under the title of every page: which incident, which export. */
export function reportStamp(report: IncidentReport): string {
  return `${report.incident.key} · report generated ${when(report, report.generatedAt)} · timeline head at export #${report.timeline.headSeq} ${report.timeline.headHash}`;
}

const LEVEL: Record<string, string> = { none: 'none', low: 'low', medium: 'medium', high: 'high' };

/** "C high · I low · A none", or "not assessed". */
export function impactWords(impact: IncidentReport['incident']['impact']): string {
  if (!impact) return 'not assessed';
  return `C ${LEVEL[impact.confidentiality]} · I ${LEVEL[impact.integrity]} · A ${LEVEL[impact.availability]}`;
}

/** How an obligation stage was met, in words: the proof a reader looks for. */
export function submissionWords(report: IncidentReport, stage: IncidentReport['obligations'][number]): string {
  if (stage.submission) {
    const s = stage.submission;
    const how = s.via === 'notification' ? `by notification ${s.notificationId ?? ''}`.trim() : 'recorded by hand';
    return `Submitted ${when(report, s.at)}, ${how}, reference ${s.reference}${s.note ? ` — ${s.note}` : ''}`;
  }
  if (stage.waiver)
    return `Waived ${when(report, stage.waiver.at)}${stage.waiver.by ? ` by ${stage.waiver.by}` : ''}: ${stage.waiver.reason}`;
  return 'Not submitted';
}

/** An item's latest answer, in words: preserved at where, cannot preserve: why, or waiting. */
export function preserveAnswerWords(report: IncidentReport, answer: PreservationAnswer | null): string {
  if (!answer) return 'Waiting for an answer';
  const said = `${answer.by}, ${when(report, answer.at)}`;
  if (answer.status === 'preserved')
    return `Preserved${answer.location ? ` at ${answer.location}` : ''}${answer.note ? ` — ${answer.note}` : ''} (${said})`;
  return `Cannot preserve${answer.note ? `: ${answer.note}` : ''} (${said})`;
}

/** The request's line under its heading: sent when, keep until when, by whom, its status. */
export function preservationWords(report: IncidentReport, p: IncidentReport['preservation'][number]): string {
  return `${p.status} · requested by ${p.createdBy} ${when(report, p.createdAt)} · sent ${p.sentAt ? when(report, p.sentAt) : 'not yet'} · keep until ${p.keepUntil ?? 'further notice'} · link works until ${when(report, p.expiresAt)}`;
}

export const VERIFY_WORDS =
  'This file is signed with the installation’s Ed25519 key (the signature is at its very end). Check it with `npm run muster -- verify-export FILE`, or with openssl and the public key from GET /api/v1/signing-key (docs/incident-report.md).';

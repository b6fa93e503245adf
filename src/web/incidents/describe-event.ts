import type { TimelineEvent } from '../../shared/api-types.ts';
import { type Impact, INCIDENT_ROLE_TITLES, type Origin, type Tlp } from '../../shared/incident-vocabulary.ts';
import type { TriageKind } from '../../shared/triage-types.ts';
import { describeActionEvent } from '../actions/describe-action-event.ts';
import { describeConnectionCheckEvent } from '../connection-checks/describe-connection-check-event.ts';
import { formatAbsolute } from '../core/time.ts';
import { describeEffectsAssessed } from '../effects/describe-effects-event.ts';
import { formatSize } from '../evidence/evidence-api.ts';
import { determinationWords } from '../obligations/obligation-words.ts';
import { describeObservableEvent } from '../observables/describe-observable-event.ts';
import { describePreservationEvent } from '../preservation/describe-preservation-event.ts';
import { describeReviewEvent } from '../reviews/describe-review-event.ts';
import { describeTaskEvent } from '../tasks/describe-task-event.ts';
import { describeCommunicationEvent } from './describe-communication-event.ts';
import type { EventDescription, EventNames } from './event-description.ts';
import {
  categoryLabel,
  IMPACT_LABELS,
  MILESTONE_LABELS,
  originLabel,
  personalDataLabel,
  SEVERITY_LABELS,
  SOURCE_PHRASES,
  STATUS_LABELS,
} from './incident-labels.ts';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  category: 'Category',
  origin: 'Origin',
  impact: 'Impact',
  tlp: 'TLP',
  exercise: 'Exercise',
  personalData: 'Personal data',
  occurredAt: 'Occurred',
  detectedAt: 'Detected',
  awareAt: 'Aware',
  assignments: 'Assignments',
  customerId: 'Customer',
  serviceIds: 'Affected services',
  planVersionId: 'Plan in force',
};

/** "category", "personal data", but "TLP" stays an acronym. */
function fieldInSentence(field: string): string {
  const label = FIELD_LABELS[field] ?? field;
  return label === label.toUpperCase() ? label : label.toLowerCase();
}

function impactText(impact: Impact | null): string {
  if (!impact) return 'not assessed';
  return `C ${IMPACT_LABELS[impact.confidentiality]} · I ${IMPACT_LABELS[impact.integrity]} · A ${IMPACT_LABELS[impact.availability]}`;
}

/** A field value in words; long or structured values are summarised. */
export function fieldValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'category':
      return categoryLabel(value as string) ?? '—';
    case 'origin':
      return originLabel(value as Origin);
    case 'impact':
      return impactText(value as Impact);
    case 'tlp':
      return value as Tlp;
    case 'exercise':
      return value ? 'Yes' : 'No';
    case 'personalData':
      return personalDataLabel(value as boolean);
    case 'occurredAt':
    case 'detectedAt':
    case 'awareAt':
      return formatAbsolute(value as string);
    case 'title':
      return `“${value as string}”`;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** "incident manager", "legal lead"; a role this version does not know, as it was recorded. */
function roleTitle(role: string): string {
  return (INCIDENT_ROLE_TITLES as Record<string, string>)[role] ?? role;
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** "1 alert", "3 notifications". */
function count(value: unknown, noun: string): string {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** " from an alert group"; nothing for the web form, and the word itself for a source this version does not know. */
function sourcePhrase(source: string | null): string {
  if (!source) return '';
  const phrase = (SOURCE_PHRASES as Record<string, string>)[source];
  if (phrase === undefined) return ` (via ${source})`;
  return phrase ? ` ${phrase}` : '';
}

const REPORT_ORIGIN: Partial<Record<TriageKind, string>> = {
  email: 'Reported by e-mail',
  form: 'Reported through the public report form',
};

/**
 * `previous` lets a stage change that follows its decision (same command, same reason) skip
 * repeating the reason the decision already shows; `names` words the ids some events carry.
 */
export function describeEvent(event: TimelineEvent, previous?: TimelineEvent, names?: EventNames): EventDescription {
  // Destructured, so that the switch on the type narrows the data to that type's.
  const { type, data: d } = event;
  const base = { details: [] as string[], reason: null as string | null, markdown: null as string | null };
  switch (type) {
    case 'incident.reported': {
      const source = str(d.source);
      return {
        ...base,
        kind: 'report',
        summary: `reported the incident${sourcePhrase(source)}`,
        details: [`Title: ${fieldValueText('title', d.title)}`, `TLP: ${fieldValueText('tlp', d.tlp)}`].concat(
          d.exercise ? ['Marked as an exercise'] : [],
        ),
      };
    }
    case 'incident.updated': {
      const { changes, previous } = d;
      const fields = Object.keys(changes) as (keyof typeof changes)[];
      return {
        ...base,
        kind: 'update',
        summary: `changed ${list(fields.map(fieldInSentence)) || 'the incident'}`,
        details: fields.map((f) =>
          ['description', 'assignments', 'customerId', 'serviceIds', 'planVersionId'].includes(f)
            ? `${FIELD_LABELS[f] ?? f} updated`
            : `${FIELD_LABELS[f] ?? f}: ${fieldValueText(f, previous[f])} → ${fieldValueText(f, changes[f])}`,
        ),
      };
    }
    case 'incident.severity_overridden': {
      const { severity } = d;
      return {
        ...base,
        kind: 'severity',
        summary: severity
          ? `overrode the severity to ${SEVERITY_LABELS[severity] ?? severity}`
          : 'removed the severity override; severity is derived from C/I/A again',
        reason: str(d.reason),
      };
    }
    case 'note.added':
      return { ...base, kind: 'note', summary: 'added a note', markdown: str(d.body) ?? '' };
    case 'decision.recorded': {
      const point = str(d.point) ?? 'a decision point';
      const outcome =
        d.outcome === 'incident'
          ? 'this is an incident'
          : d.outcome === 'false-positive'
            ? 'this is a false positive'
            : d.outcome === 'respond'
              ? 'classified, start the response'
              : String(d.outcome ?? '');
      const c = d.point === 'DP2' ? d.classification : undefined;
      const details = c
        ? [
            `Category: ${fieldValueText('category', c.category)}`,
            `Impact: ${impactText(c.impact ?? null)}`,
            `Severity: ${c.severity ? SEVERITY_LABELS[c.severity] : 'not assessed'}`,
            `TLP: ${c.tlp ?? '—'}`,
          ]
        : [];
      return { ...base, kind: 'decision', summary: `decided at ${point}: ${outcome}`, details, reason: str(d.reason) };
    }
    case 'incident.transitioned': {
      const from = STATUS_LABELS[d.from] ?? String(d.from);
      const to = STATUS_LABELS[d.to] ?? String(d.to);
      const reason = str(d.reason);
      const decided = previous?.type === 'decision.recorded' && str(previous.data.reason) === reason;
      return {
        ...base,
        kind: 'transition',
        summary: `moved the incident from ${from} to ${to}`,
        reason: decided ? null : reason,
      };
    }
    case 'milestone.recorded': {
      const milestone = MILESTONE_LABELS[d.milestone] ?? String(d.milestone);
      const at = str(d.at);
      return {
        ...base,
        kind: 'milestone',
        summary: `recorded the incident as ${milestone.toLowerCase()}`,
        details: at && Math.abs(Date.parse(at) - Date.parse(event.occurredAt)) > 60_000 ? [`At ${formatAbsolute(at)}`] : [],
      };
    }
    case 'determination.recorded':
      return {
        ...base,
        kind: 'decision',
        summary: `determined the incident ${determinationWords(str(d.name) ?? 'unnamed')}`,
        reason: str(d.reason),
      };
    case 'evidence.added': {
      // The hash is the proof of custody: the summary shows enough to recognise it, the details all of it.
      const sha256 = str(d.sha256);
      const facts = [formatSize(d.size), sha256 ? `SHA-256 ${sha256.slice(0, 8)}…` : null];
      const collectedAt = str(d.collectedAt);
      return {
        ...base,
        kind: 'note',
        summary: `added evidence ${str(d.name) ?? 'without a name'}${facts.some(Boolean) ? ` (${facts.filter(Boolean).join(', ')})` : ''}`,
        details: [
          ...(str(d.source) ? [`Source: ${d.source}`] : []),
          ...(sha256 ? [`SHA-256: ${sha256}`] : []),
          ...(str(d.contentType) ? [`Type: ${d.contentType}`] : []),
          ...(collectedAt && Math.abs(Date.parse(collectedAt) - Date.parse(event.occurredAt)) > 60_000
            ? [`Collected ${formatAbsolute(collectedAt)}`]
            : []),
        ],
      };
    }
    case 'evidence.custody_recorded': {
      const where = [str(d.to) && `to ${d.to}`, str(d.location) && `at ${d.location}`].filter(Boolean).join(', ');
      return {
        ...base,
        kind: 'note',
        summary: `recorded evidence ${str(d.name) ?? 'without a name'} as ${str(d.action) ?? 'handled'}${where ? ` ${where}` : ''}`,
        details: str(d.note) ? [`Note: ${d.note}`] : [],
      };
    }
    case 'evidence.verified': {
      const name = str(d.name) ?? 'without a name';
      if (d.ok) return { ...base, kind: 'note', summary: `verified evidence ${name}: its bytes are intact` };
      return {
        ...base,
        kind: 'missed',
        summary:
          d.actual === null
            ? `verified evidence ${name}: its stored file is MISSING`
            : `verified evidence ${name}: its bytes CHANGED since it was collected`,
        details: [`Expected SHA-256: ${str(d.expected) ?? '?'}`, ...(str(d.actual) ? [`Found SHA-256: ${d.actual}`] : [])],
      };
    }
    case 'report.exported': {
      const sha256 = str(d.sha256);
      return {
        ...base,
        kind: 'note',
        summary: `exported the incident report as ${String(d.format ?? '').toUpperCase() || 'a file'}, signed${d.keyId ? ` with key ${d.keyId}` : ''}`,
        details: [
          ...(sha256 ? [`SHA-256 of the signed file: ${sha256}`] : []),
          ...(typeof d.timelineSeq === 'number' ? [`Shows the timeline up to event #${d.timelineSeq} (${d.timelineHead})`] : []),
        ],
      };
    }
    case 'triage.attached': {
      const title = str(d.title) ? ` ${fieldValueText('title', d.title)}` : '';
      if (d.kind === 'alerts') {
        return {
          ...base,
          kind: 'report',
          // "occurrences", as the alert group's own figures say (not "notifications": those are the incident's messages out).
          summary: `attached the alert group${title} (${count(d.alerts, 'alert')}, ${count(d.occurrences, 'occurrence')})`,
        };
      }
      const origin = REPORT_ORIGIN[d.kind];
      return { ...base, kind: 'report', summary: `attached the report${title}`, details: origin ? [origin] : [] };
    }
    case 'access.granted':
      return d.breakGlass
        ? { ...base, kind: 'other', summary: 'broke the glass: added themselves to the TLP:RED access list' }
        : { ...base, kind: 'other', summary: `added ${str(d.userName) ?? 'someone'} to the access list` };
    case 'access.revoked':
      return { ...base, kind: 'other', summary: `removed ${str(d.userName) ?? 'someone'} from the access list` };
    case 'effects.assessed':
      return describeEffectsAssessed(d);
    case 'connection_check.requested':
    case 'connection_check.answered':
      return describeConnectionCheckEvent(event) ?? { ...base, kind: 'communication', summary: `recorded ${type}` };
    case 'preservation.requested':
    case 'preservation.answered':
      return describePreservationEvent(event) ?? { ...base, kind: 'communication', summary: `recorded ${type}` };
    case 'role.assigned': {
      const title = roleTitle(d.role);
      const self = event.actor?.id === d.userId;
      const before = d.previous ? str(d.previous.userName) : null;
      return {
        ...base,
        kind: 'role',
        summary: self ? `took on the role of ${title}` : `made ${str(d.userName) ?? 'someone'} the ${title}`,
        details: before ? [`In place of ${before}`] : [],
      };
    }
    case 'role.removed': {
      const title = roleTitle(d.role);
      const self = d.userId !== null && event.actor?.id === d.userId;
      return {
        ...base,
        kind: 'role',
        summary: self ? `stepped down as the ${title}` : `removed ${str(d.userName) ?? 'someone'} as the ${title}`,
      };
    }
    default:
      return (
        describeCommunicationEvent(event, names) ??
        describeTaskEvent(event) ??
        describeReviewEvent(event) ??
        describeActionEvent(event) ??
        describeObservableEvent(event) ?? { ...base, kind: 'other', summary: `recorded ${event.type}` }
      );
  }
}

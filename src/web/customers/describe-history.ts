import {
  FIRST_REPORT_LABELS,
  FIRST_REPORT_SETTINGS,
  type FirstReportSetting,
  MEMBERSHIP_ROLES,
  type MembershipRole,
} from '../../shared/prepare-types.ts';
import { MEMBERSHIP_LABELS } from './membership-labels.ts';
import type { HistoryEvent } from './registry-api.ts';

/** A registry event as words: "<actor> <summary>" plus detail lines ("Name: ACME → ACME Logistics"). */
export interface HistoryLine {
  summary: string;
  details: string[];
}

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  code: 'code',
  description: 'description',
  timeZone: 'time zone',
  firstReport: 'when the first report goes by itself',
  reviewSeverities: 'the severities that need a review',
  criticality: 'criticality',
  personalData: 'personal data',
  environment: 'environment',
  owner: 'owner',
  connections: 'connections',
  kind: 'kind',
  organisation: 'organisation',
  role: 'role',
  workingHours: 'working hours',
  channels: 'channels',
  notes: 'notes',
  entries: 'roster',
};

/** Fields whose old and new values are short enough to show. */
const SHOWN = new Set([
  'name',
  'code',
  'timeZone',
  'criticality',
  'environment',
  'owner',
  'role',
  'organisation',
  'workingHours',
  'firstReport',
]);

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (FIRST_REPORT_SETTINGS.includes(value as FirstReportSetting)) return FIRST_REPORT_LABELS[value as FirstReportSetting];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function roleLabel(role: unknown): string {
  return MEMBERSHIP_ROLES.includes(role as MembershipRole) ? MEMBERSHIP_LABELS[role as MembershipRole].toLowerCase() : text(role);
}

/**
 * `what` names the object in a sentence ("the customer", "the service"); `userName` finds a member's name for
 * events that only carry the user id.
 */
export function describeHistory(event: HistoryEvent, what: string, userName: (id: string) => string | undefined): HistoryLine {
  const d = event.data;
  const verb = event.type.slice(event.type.indexOf('.') + 1);
  switch (verb) {
    case 'created':
      return { summary: `created ${what}`, details: [] };
    case 'archived':
      return { summary: `archived ${what}`, details: [] };
    case 'updated': {
      const changes = (d.changes ?? {}) as Record<string, unknown>;
      const previous = (d.previous ?? {}) as Record<string, unknown>;
      const fields = Object.keys(changes);
      return {
        summary: `changed ${list(fields.map((f) => FIELD_LABELS[f] ?? f)) || what}`,
        details: fields
          .filter((f) => SHOWN.has(f))
          .map((f) => `${capitalise(FIELD_LABELS[f] ?? f)}: ${text(previous[f])} → ${text(changes[f])}`),
      };
    }
    case 'member_set': {
      const name = typeof d.userName === 'string' ? d.userName : (userName(String(d.userId)) ?? 'a user');
      return { summary: `made ${name} a ${roleLabel(d.role)}`, details: [] };
    }
    case 'member_removed': {
      const name = userName(String(d.userId));
      return { summary: `removed ${name ?? 'a member'} from the members`, details: [] };
    }
    case 'published':
      return {
        summary: `published the plan${typeof d.version === 'number' ? `, version ${d.version}` : ''}`,
        details: typeof d.approver === 'string' && d.approver ? [`Approved by ${d.approver}`] : [],
      };
    default:
      return { summary: event.type.replaceAll(/[._]/g, ' '), details: [] };
  }
}

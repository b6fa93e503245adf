import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES, ORIGIN_LABELS, type Origin } from '../../shared/incident-vocabulary.ts';
import {
  type ConnectionDirection,
  type Contact,
  type MoveOnRule,
  type ObligationCondition,
  type ObligationDefinition,
  type ObligationDuration,
  PACE_LEVELS,
  PACE_PURPOSE_LABELS,
  PACE_PURPOSES,
  type PlanVersion,
  type PlaybookStep,
} from '../../shared/prepare-types.ts';
import { AppError } from '../core/errors.ts';
import { CHANNEL_TYPE_LABELS, describeChannel, displayAddress, PACE_LEVEL_LABELS } from '../pace/pace-warnings.ts';

/**
 * The offline kit's content: buildKitModel turns a published plan into plain, already-worded text (clocks in words,
 * times in one named zone, webhook secrets removed). The HTML (offline-kit.ts) and the PDF (offline-kit-pdf.ts)
 * only lay this model out, so both say the same thing.
 */

export interface KitPerson {
  name: string;
  /** "Incident manager, Kystlys Digital AS". */
  line: string;
  channels: string[];
}

export interface KitContact extends KitPerson {
  kind: string;
  workingHours: string;
  timeZone: string;
  notes: string;
  channelRows: { type: string; address: string; label: string; status: string }[];
}

export interface KitLadderRow {
  letter: string;
  level: string;
  who: string;
  whoLine: string;
  how: string;
  moveOn: string;
  /** For the one-page PACE card. */
  moveOnShort: string;
  note: string;
  missing: boolean;
}

export interface KitLadder {
  title: string;
  scope: string;
  rows: KitLadderRow[];
  warnings: string[];
}

export interface KitObligation {
  name: string;
  kind: string;
  citation: string;
  /** Only http(s) links survive. */
  url: string | null;
  appliesWhen: string;
  recipient: string;
  recipientContact: KitPerson | null;
  ladder: string;
  stages: { name: string; due: string; wording: string }[];
  requiredContent: string[];
}

export interface KitStep {
  number: number;
  title: string;
  detail: string;
  role: string;
  needsInstruction: boolean;
  record: string[];
}

export interface KitPlaybook {
  name: string;
  version: number;
  basedOn: string;
  summary: string;
  categories: string[];
  /** Consecutive steps of one phase; the suggested order is kept, so a phase may come back. */
  phases: { phase: string; steps: KitStep[] }[];
}

export interface KitService {
  name: string;
  description: string;
  facts: string;
  owner: string;
  connections: { target: string; direction: string; protocol: string; account: string; purpose: string }[];
}

/** Everything the kit prints, worded, with every time in one named zone and no webhook secret. */
export interface KitModel {
  customer: { name: string; code: string; description: string };
  version: number;
  owner: string;
  approver: string;
  published: string;
  publishedBy: string;
  reviewBy: string;
  reviewOverdue: boolean;
  sha256: string;
  generated: string;
  timeZone: string;
  /** "HAVB · plan v3 · SHA-256 …": printed on every page and section. */
  stamp: string;
  howTo: string[];
  contacts: KitContact[];
  ladders: KitLadder[];
  clocks: { name: string; due: string }[];
  obligations: KitObligation[];
  switchedOff: string[];
  roster: { role: string; holder: KitPerson | null; deputies: KitPerson[] }[] | null;
  playbooks: KitPlaybook[];
  services: KitService[];
}

export const KIT_SECTIONS = {
  howTo: 'When systems are down: how to use this binder',
  contacts: 'Contacts',
  pace: 'PACE ladders',
  obligations: 'Reporting obligations',
  roster: 'CSIRT roster',
  playbooks: 'Playbooks',
  services: 'Services and their connections',
  log: 'Paper log',
} as const;

export const WAIT_LABEL = 'WAIT FOR CUSTOMER INSTRUCTION';

export interface KitOptions {
  generatedAt: Date;
  /** IANA zone every time in the kit is shown in; default UTC. */
  timeZone?: string;
}

const PHASE_LABELS: Record<PlaybookStep['phase'], string> = {
  contain: 'Contain',
  investigate: 'Investigate',
  resolve: 'Resolve',
  recover: 'Recover',
  communicate: 'Communicate',
};

const DIRECTION_LABELS: Record<ConnectionDirection, string> = {
  outbound: 'Outbound (service calls it)',
  inbound: 'Inbound (it calls the service)',
  both: 'Both ways',
};

const CRITICALITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Words and times

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new AppError('invalid', `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Oslo".`, 'timeZone');
  }
}

/** "2026-03-02 14:30 Europe/Oslo (UTC+01:00)"; a date without a time ("2026-09-01") is shown as it is. */
export function formatTime(iso: string, timeZone: string, dateOnly = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  if (dateOnly) return day;
  const offset = String(parts.timeZoneName).replace('GMT', 'UTC');
  const zone = timeZone === 'UTC' ? 'UTC' : `${timeZone} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
  return `${day} ${parts.hour}:${parts.minute} ${zone}`;
}

const UNITS: [keyof ObligationDuration, string][] = [
  ['months', 'month'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
];

/** "72 hours", "1 month", "1 day and 2 hours"; an empty duration is "" (immediately). */
export function durationWords(duration: ObligationDuration): string {
  const parts = UNITS.filter(([key]) => (duration[key] ?? 0) > 0).map(([key, unit]) => {
    const n = duration[key] ?? 0;
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
  });
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function humanise(slug: string): string {
  return slug.replace(/[-_]+/g, ' ');
}

function clockWords(from: string, definition: ObligationDefinition): string {
  if (from === 'aware') return 'awareness';
  if (from === 'classified') return 'classification (decision point 2)';
  if (from.startsWith('determination:')) return `the “${humanise(from.slice('determination:'.length))}” determination`;
  if (from.startsWith('stage:')) {
    const id = from.slice('stage:'.length);
    return `the “${definition.stages.find((s) => s.id === id)?.name ?? humanise(id)}” stage is submitted`;
  }
  return humanise(from);
}

/** "72 hours after awareness"; several deadlines are joined with "whichever comes first". */
export function deadlineWords(stage: ObligationDefinition['stages'][number], definition: ObligationDefinition): string {
  const each = stage.deadlines.map((d) => {
    const after = durationWords(d.after);
    return after ? `${after} after ${clockWords(d.from, definition)}` : `immediately on ${clockWords(d.from, definition)}`;
  });
  if (each.length === 0) return stage.wording ?? 'no deadline set';
  return each.length === 1 ? each[0] : `${each.join(' or ')}, whichever comes first`;
}

const AT_LEAST = (value: string) => `${value} or higher`;

/** One condition of an obligation's trigger, in words. */
export function conditionWords(condition: ObligationCondition): string {
  switch (condition.field) {
    case 'personalData':
      return condition.equals ? 'personal data is involved' : 'no personal data is involved';
    case 'severity':
      return `the severity is ${AT_LEAST(condition.atLeast)}`;
    case 'category':
      return `the category is ${condition.in.join(' or ')}`;
    case 'origin':
      return `the origin is ${condition.in.map((o: Origin) => ORIGIN_LABELS[o].toLowerCase()).join(' or ')}`;
    case 'serviceCriticality':
      return `an affected service’s criticality is ${AT_LEAST(condition.atLeast)}`;
    case 'determination':
      return `the “${humanise(condition.made)}” determination has been made`;
  }
}

/** The same rule, short enough for the PACE card: "no ack in 15 min, delivery fails, compromised". */
export function moveOnShort(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level';
  const when = [
    rule.noAckMinutes !== null ? `no ack in ${rule.noAckMinutes} min` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'compromised' : '',
  ].filter(Boolean);
  return when.length ? when.join(', ') : 'IM decides';
}

/** When to leave a PACE level, in words. */
export function moveOnWords(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level: keep trying and tell the incident manager.';
  const when = [
    rule.noAckMinutes !== null ? `no acknowledgement within ${rule.noAckMinutes} minutes` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'the channel is declared compromised' : '',
  ].filter(Boolean);
  if (when.length === 0) return 'Only when the incident manager decides.';
  const list = when.length === 1 ? when[0] : `${when.slice(0, -1).join(', ')} or ${when.at(-1)}`;
  return `Move on if ${list}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// The model

/** Everything the kit prints, worded and in one time zone; unknown references are named, never dropped. */
export function buildKitModel(plan: PlanVersion, options: KitOptions): KitModel {
  const timeZone = options.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  const { snapshot } = plan;
  const contactsById = new Map(snapshot.contacts.map((c) => [c.id, c]));
  const personLine = (c: Contact) => [c.role, c.organisation].filter((s) => s.trim()).join(', ');
  const person = (id: string): KitPerson => {
    const c = contactsById.get(id);
    if (!c) return { name: `Unknown contact (${id})`, line: 'Not in this plan: find another way to reach them.', channels: [] };
    return { name: c.name, line: personLine(c), channels: c.channels.map(describeChannel) };
  };

  const contacts = snapshot.contacts.map(
    (c): KitContact => ({
      name: c.name,
      line: personLine(c),
      kind: c.kind === 'person' ? 'Person' : 'Function',
      workingHours: c.workingHours.trim() || 'Around the clock',
      timeZone: c.timeZone,
      notes: c.notes,
      channels: c.channels.map(describeChannel),
      channelRows: c.channels.map((ch) => ({
        type: CHANNEL_TYPE_LABELS[ch.type],
        address: displayAddress(ch),
        label: ch.label,
        status: [
          ch.verified ? 'verified' : 'not verified',
          ch.lastTestedAt ? `tested ${formatTime(ch.lastTestedAt, timeZone, true)}` : 'never tested',
        ].join(', '),
      })),
    }),
  );

  const ladders = [...snapshot.pacePlans]
    .sort((a, b) => PACE_PURPOSES.indexOf(a.purpose) - PACE_PURPOSES.indexOf(b.purpose))
    .map((p): KitLadder => {
      const rows = PACE_LEVELS.map((name, index): KitLadderRow => {
        const base = { letter: name[0].toUpperCase(), level: PACE_LEVEL_LABELS[name] };
        const level = p.levels.find((l) => l.level === name);
        if (!level) {
          return {
            ...base,
            who: '',
            whoLine: '',
            how: 'No level here: go on to the next one.',
            moveOn: '',
            moveOnShort: '',
            note: '',
            missing: true,
          };
        }
        const contact = level.contactId ? contactsById.get(level.contactId) : undefined;
        const channel = contact?.channels.find((c) => c.id === level.channelId);
        const who = level.contactId ? (contact?.name ?? `Unknown contact (${level.contactId})`) : '';
        const how = [
          channel ? describeChannel(channel) : level.channelId ? `Unknown channel (${level.channelId})` : '',
          level.instruction.trim(),
        ].filter(Boolean);
        return {
          ...base,
          who,
          whoLine: contact ? personLine(contact) : '',
          how: how.join(' — ') || 'Nothing set',
          moveOn: moveOnWords(level.moveOn, index === PACE_LEVELS.length - 1),
          moveOnShort: moveOnShort(level.moveOn, index === PACE_LEVELS.length - 1),
          note: level.note,
          missing: how.length === 0,
        };
      });
      return {
        title: PACE_PURPOSE_LABELS[p.purpose],
        scope: p.customerId ? `${snapshot.customer.name}’s ladder` : 'Default ladder (shared by all customers)',
        rows,
        warnings: p.warnings.map((w) => w.message),
      };
    });

  const enabled = snapshot.obligations.filter((o) => o.enabled);
  const obligations = enabled.map((o): KitObligation => {
    const d = o.definition;
    const url = d.source.url && /^https?:\/\//i.test(d.source.url) ? d.source.url : null;
    return {
      name: d.name,
      kind: o.libraryId ? 'From the library' : `${snapshot.customer.name}’s own rule`,
      citation: d.source.citation,
      url,
      appliesWhen: d.trigger.length
        ? `Applies when ${d.trigger.map(conditionWords).join(' and ')}.`
        : 'Applies to every incident.',
      recipient: d.recipient,
      recipientContact: o.recipientContactId ? person(o.recipientContactId) : null,
      ladder: PACE_PURPOSE_LABELS[d.pacePurpose],
      stages: d.stages.map((s) => ({ name: s.name, due: deadlineWords(s, d), wording: s.wording ?? '' })),
      requiredContent: d.requiredContent,
    };
  });

  const roster = snapshot.roster
    ? INCIDENT_ROLES.map((role) => {
        const ids = snapshot.roster?.entries.find((e) => e.role === role)?.people ?? [];
        return {
          role: INCIDENT_ROLE_LABELS[role],
          holder: ids.length ? person(ids[0]) : null,
          deputies: ids.slice(1).map(person),
        };
      })
    : null;

  const playbooks = snapshot.playbooks.map((p): KitPlaybook => {
    const phases: KitPlaybook['phases'] = [];
    p.steps.forEach((s, index) => {
      const phase = PHASE_LABELS[s.phase] ?? s.phase;
      if (phases.at(-1)?.phase !== phase) phases.push({ phase, steps: [] });
      phases.at(-1)?.steps.push({
        number: index + 1,
        title: s.title,
        detail: s.detail,
        role: INCIDENT_ROLE_LABELS[s.role] ?? s.role,
        needsInstruction: s.needsCustomerInstruction,
        record: s.record,
      });
    });
    return {
      name: p.name,
      version: p.version,
      basedOn: p.basedOn ? `based on the library playbook “${p.basedOn}”` : 'written for this plan',
      summary: p.summary,
      categories: p.categories,
      phases,
    };
  });

  const services = [...snapshot.services]
    .sort((a, b) => CRITICALITY_ORDER[a.criticality] - CRITICALITY_ORDER[b.criticality])
    .map(
      (s): KitService => ({
        name: s.name,
        description: s.description,
        facts: `Criticality ${s.criticality} · ${s.environment} · ${s.personalData ? 'holds personal data' : 'no personal data'}`,
        owner: s.owner,
        connections: s.connections.map((c) => ({
          target: c.target,
          direction: DIRECTION_LABELS[c.direction] ?? c.direction,
          protocol: c.protocol,
          account: c.account,
          purpose: c.purpose,
        })),
      }),
    );

  const model: Omit<KitModel, 'howTo'> = {
    customer: { name: snapshot.customer.name, code: snapshot.customer.code, description: snapshot.customer.description },
    version: plan.version,
    owner: plan.owner,
    approver: plan.approver,
    published: formatTime(plan.publishedAt, timeZone),
    publishedBy: plan.publishedBy,
    reviewBy: formatTime(plan.reviewBy, timeZone, true),
    reviewOverdue: plan.reviewOverdue,
    sha256: plan.sha256,
    generated: formatTime(options.generatedAt.toISOString(), timeZone),
    timeZone,
    stamp: `${snapshot.customer.code} · plan v${plan.version} · SHA-256 ${plan.sha256}`,
    contacts,
    ladders,
    clocks: obligations.map((o) => ({ name: o.name, due: o.stages.map((s) => `${s.name}: ${s.due}`).join('; ') })),
    obligations,
    switchedOff: snapshot.obligations.filter((o) => !o.enabled).map((o) => o.definition.name),
    roster,
    playbooks,
    services,
  };
  return { ...model, howTo: howToUse(model) };
}

/** What to do with the binder when nothing else works; the same steps in the HTML and the PDF. */
function howToUse(model: Omit<KitModel, 'howTo'>): string[] {
  return [
    `Check the version. This is plan version ${model.version} (published ${model.published}). If a newer version exists, use it; if the review date (${model.reviewBy}) has passed, use this one anyway and say so in the log.`,
    `Start a paper log now (the sheet at the back). Write every time in ${model.timeZone}, who did what, on which channel, and every decision with its reason. It will be entered into Muster later, exactly as written.`,
    'Write down the moment we became aware of the incident: the reporting clocks below start then, not when systems come back.',
    'Reach people with the PACE ladders: start at Primary and move down when the ladder says so. Skip any channel that runs on affected or compromised systems, and tell the next level why.',
    `Report an attack to the customer immediately. Secure information and evidence, inform the contact point, and wait for the customer’s instruction before acting on their systems: steps marked ${WAIT_LABEL} stay undone until it is written down.`,
    'Work through the playbook for the threat: tick each step, write the time and your initials, and record what the step asks for.',
    'Give the customer’s IT the services and connections list: every connection of an affected service may have been used to move on to other systems.',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

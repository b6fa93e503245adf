import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import {
  type ConnectionDirection,
  type Contact,
  PACE_LEVELS,
  PACE_PURPOSE_LABELS,
  PACE_PURPOSES,
  type PlanVersion,
  type PlaybookStep,
} from '../../shared/prepare-types.ts';
import { checkTimeZone, formatTime } from '../core/print/print-time.ts';
import { CHANNEL_TYPE_LABELS, describeChannel, PACE_LEVEL_LABELS } from '../pace/pace-warnings.ts';
import { maskedAddress } from '../registry/public-address.ts';
import { conditionWords, deadlineWords, moveOnShort, moveOnWords } from './offline-kit-words.ts';

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
        address: maskedAddress(ch),
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

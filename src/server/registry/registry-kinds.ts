import { randomUUID } from 'node:crypto';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import {
  type Contact,
  type CustomerObligation,
  type Customer as CustomerRecord,
  PACE_LEVELS,
  PACE_PURPOSE_LABELS,
  type PaceLevel,
  type PacePlan,
  type Playbook,
  type Roster,
  type Service,
} from '../../shared/prepare-types.ts';
import { AppError } from '../core/errors.ts';
import { forgetWhetherCustomersExist } from '../incidents/incident-customer.ts';
import { OBLIGATION_LIBRARY } from '../obligations/obligation-library.ts';
import { preserveProblems, validatePlaybook } from '../playbooks/playbook.ts';
import { findRecord, listRecords } from './records.queries.ts';
import type { PrepareContext, RecordKind } from './save-record.ts';

// Each registry kind: what it is called and the checks that a schema cannot express (references to other
// objects of the same customer, one-per-customer rules, valid time zones). Generated ids fill list items.

type Data<T> = Omit<T, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'customerId' | 'warnings'>;
export type CustomerData = Data<CustomerRecord>;
export type ServiceData = Data<Service>;
export type ContactData = Data<Contact>;
export type RosterData = Data<Roster>;
export type PacePlanData = Data<PacePlan>;
export type ObligationData = Data<CustomerObligation>;
export type PlaybookData = Data<Playbook>;

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

function checkTimeZone(timeZone: string): void {
  if (!TIME_ZONES.has(timeZone))
    throw new AppError('invalid', `Unknown time zone "${timeZone}": use an IANA name such as Europe/Oslo`, 'timeZone');
}

const withId = <T extends { id?: string }>(item: T): T & { id: string } => ({ ...item, id: item.id?.trim() || randomUUID() });

/** A contact usable by an object of this customer: the customer's own or our organisation's. */
async function contactInScope(context: PrepareContext<unknown>, contactId: string, field: string): Promise<Contact> {
  const row = await findRecord(context.tx, context.dialect, 'contact', contactId);
  if (!row || row.archived_at || (row.customer_id !== null && row.customer_id !== context.customerId)) {
    throw new AppError('invalid', `No contact ${contactId} for this customer`, field);
  }
  return JSON.parse(row.data) as Contact;
}

/** Refuses a second object where one per customer (and key) is the rule. */
async function assertOnly<T>(context: PrepareContext<T>, kind: string, same: (data: T) => boolean, message: string) {
  const rows = await listRecords(context.tx, { kind, customerId: context.customerId, visible: null });
  if (rows.some((r) => r.id !== context.id && same(JSON.parse(r.data) as T))) throw new AppError('conflict', message);
}

export const CUSTOMER: RecordKind<CustomerData> = {
  kind: 'customer',
  label: 'customer',
  scope: 'self',
  changed: forgetWhetherCustomersExist,
  async prepare(_context, data) {
    checkTimeZone(data.timeZone);
    return { ...data, name: data.name.trim(), code: data.code.trim().toUpperCase() };
  },
};

export const SERVICE: RecordKind<ServiceData> = {
  kind: 'service',
  label: 'service',
  scope: 'customer',
  async prepare(_context, data) {
    return { ...data, connections: data.connections.map(withId) };
  },
};

export const CONTACT: RecordKind<ContactData> = {
  kind: 'contact',
  label: 'contact',
  scope: 'optional',
  async prepare(_context, data) {
    checkTimeZone(data.timeZone);
    const channels = data.channels.map((c) => ({
      ...withId(c),
      label: c.label ?? '',
      verified: c.verified ?? false,
      lastTestedAt: c.lastTestedAt ?? null,
      clearedForRed: c.clearedForRed ?? false,
      lastAckSeconds: c.lastAckSeconds ?? null,
    }));
    return { ...data, channels };
  },
};

export const ROSTER: RecordKind<RosterData> = {
  kind: 'roster',
  label: 'roster',
  scope: 'optional',
  async prepare(context, data) {
    await assertOnly(context, 'roster', () => true, 'This customer already has a roster: change that one');
    const seen = new Set<IncidentRole>();
    for (const [i, entry] of data.entries.entries()) {
      if (seen.has(entry.role)) throw new AppError('invalid', `The role ${entry.role} is listed twice`, `entries/${i}/role`);
      seen.add(entry.role);
      for (const person of entry.people) await contactInScope(context, person, `entries/${i}/people`);
    }
    return data;
  },
};

const DEFAULT_NO_ACK_MINUTES = { primary: 15, alternate: 15, contingency: 30, emergency: null };

export const PACE_PLAN: RecordKind<PacePlanData> = {
  kind: 'pace-plan',
  label: 'PACE plan',
  scope: 'optional',
  async prepare(context, data) {
    await assertOnly(
      context,
      'pace-plan',
      (other: PacePlanData) => other.purpose === data.purpose,
      `There is already a PACE plan to ${PACE_PURPOSE_LABELS[data.purpose].toLowerCase()} here: change that one`,
    );
    const levels: PaceLevel[] = [];
    for (const [i, level] of data.levels.entries()) {
      if (levels.some((l) => l.level === level.level))
        throw new AppError('invalid', `The ${level.level} level is given twice`, `levels/${i}/level`);
      if (level.channelId && !level.contactId)
        throw new AppError('invalid', 'A channel needs the contact it belongs to', `levels/${i}/contactId`);
      if (level.contactId) {
        const contact = await contactInScope(context, level.contactId, `levels/${i}/contactId`);
        if (level.channelId && !contact.channels.some((c) => c.id === level.channelId)) {
          throw new AppError('invalid', `${contact.name} has no channel ${level.channelId}`, `levels/${i}/channelId`);
        }
      }
      levels.push({
        level: level.level,
        contactId: level.contactId,
        channelId: level.channelId,
        instruction: level.instruction ?? '',
        moveOn: level.moveOn ?? {
          noAckMinutes: DEFAULT_NO_ACK_MINUTES[level.level],
          onDeliveryFailure: true,
          onChannelCompromised: true,
        },
        note: level.note ?? '',
      });
    }
    levels.sort((a, b) => PACE_LEVELS.indexOf(a.level) - PACE_LEVELS.indexOf(b.level));
    return { ...data, levels };
  },
};

/**
 * Every deadline of a rule is a real window: one of zero length is missed the moment its clock starts, which is
 * never what a rule means ("immediately" too is a window, e.g. 60 minutes, met by the first report's delivery).
 */
function checkWindows(definition: ObligationData['definition']): void {
  definition.stages.forEach((stage, i) => {
    stage.deadlines.forEach((deadline, j) => {
      if (Object.values(deadline.after).some((n) => (n ?? 0) > 0)) return;
      throw new AppError(
        'invalid',
        `Stage "${stage.name}" needs a window longer than zero (a zero window is missed the moment its clock starts); for "immediately" give the time you allow, e.g. 60 minutes`,
        `definition.stages.${i}.deadlines.${j}.after`,
      );
    });
  });
}

export const OBLIGATION: RecordKind<ObligationData> = {
  kind: 'obligation',
  label: 'obligation',
  scope: 'customer',
  async prepare(context, data) {
    let definition = data.definition;
    if (data.libraryId) {
      const entry = OBLIGATION_LIBRARY.find((o) => o.id === data.libraryId);
      if (!entry) throw new AppError('invalid', `No obligation ${data.libraryId} in the library`, 'libraryId');
      definition = structuredClone(entry) as ObligationData['definition'];
      await assertOnly(
        context,
        'obligation',
        (other: ObligationData) => other.libraryId === data.libraryId,
        `${entry.name} is already set up for this customer: change that one`,
      );
    } else if (!definition) {
      throw new AppError('invalid', 'A rule of the customer’s own needs its definition', 'definition');
    } else {
      definition = { ...definition, id: definition.id?.trim() || `custom-${context.id}` };
      // A rule saved before windows were required keeps working (switching it off must not fail); a new or
      // changed definition must give each deadline a real window.
      if (JSON.stringify(definition) !== JSON.stringify(context.existing?.definition)) checkWindows(definition);
    }
    if (data.recipientContactId) await contactInScope(context, data.recipientContactId, 'recipientContactId');
    return { ...data, definition };
  },
};

export const PLAYBOOK: RecordKind<PlaybookData> = {
  kind: 'playbook',
  label: 'playbook',
  scope: 'optional',
  async prepare(context, data) {
    await assertOnly(
      context,
      'playbook',
      (other: PlaybookData) => other.slug === data.slug,
      `There is already a playbook "${data.slug}" here: change that one`,
    );
    const steps = data.steps.map((s) => ({
      ...withId(s),
      detail: s.detail ?? '',
      needsCustomerInstruction: s.needsCustomerInstruction ?? false,
      record: s.record ?? [],
    }));
    const preserve = data.preserve?.map((item) => item.trim());
    const preserving = preserveProblems({ preserve }, `Playbook "${data.slug}"`);
    if (preserving.length) throw new AppError('invalid', preserving.join(' '), 'preserve');
    const problems = validatePlaybook({ ...data, id: data.slug, version: 1, steps });
    if (problems.length) throw new AppError('invalid', problems.join(' '), 'steps');
    return { ...data, steps, ...(preserve ? { preserve } : {}) };
  },
};

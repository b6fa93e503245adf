import { PACE_PURPOSE_LABELS, type PacePurpose, type PlanSnapshot } from '../../shared/prepare-types.ts';
import type { SectionDiff } from './plans-api.ts';

export type ItemStatus = 'added' | 'removed' | 'changed' | 'same';

export interface CompareItem {
  key: string;
  /** The name the server's comparison uses for the item. */
  name: string;
  /** What the page shows. */
  label: string;
  status: ItemStatus;
  fields: string[];
}

export const COMPARE_SECTIONS: { section: keyof PlanSnapshot; label: string }[] = [
  { section: 'customer', label: 'Customer' },
  { section: 'contacts', label: 'Contacts' },
  { section: 'pacePlans', label: 'PACE ladders' },
  { section: 'obligations', label: 'Reporting obligations' },
  { section: 'roster', label: 'Roster' },
  { section: 'playbooks', label: 'Playbooks' },
  { section: 'services', label: 'Services and connections' },
];

const FIELD_WORDS: Record<string, string> = {
  recipientContactId: 'recipient',
  definition: 'rule',
  entries: 'people',
  levels: 'levels',
  channels: 'channels',
  connections: 'connections',
  steps: 'steps',
  archivedAt: 'archived',
  timeZone: 'time zone',
  customerId: 'whose copy',
  workingHours: 'working hours',
  personalData: 'personal data',
  libraryId: 'library entry',
  basedOn: 'copied from',
};

export const fieldWords = (field: string) => FIELD_WORDS[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase();

type Item = { id?: string; slug?: string; purpose?: string; name?: string; definition?: { name?: string }; [k: string]: unknown };

// The same identity and naming as the server's comparison (src/server/plans/compare-plans.ts).
const keyOf = (item: Item) => String(item.purpose ?? item.slug ?? item.id);
const nameOf = (item: Item) => String(item.name ?? item.purpose ?? item.definition?.name ?? item.id);

function labelOf(section: keyof PlanSnapshot, item: Item): string {
  if (section === 'pacePlans') return PACE_PURPOSE_LABELS[item.purpose as PacePurpose] ?? String(item.purpose);
  if (section === 'roster') return item.customerId ? 'The customer’s roster' : 'Our default roster';
  return nameOf(item);
}

function listOf(value: unknown): Item[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as Item[];
}

// Fields that differ between copies without saying anything to a reader of the plan.
const HIDDEN_FIELDS = new Set(['id', 'archivedAt', 'slug']);

function item(section: keyof PlanSnapshot, raw: Item, status: ItemStatus, fields: string[]): CompareItem {
  return {
    key: keyOf(raw),
    name: nameOf(raw),
    label: labelOf(section, raw),
    status,
    fields: fields.filter((f) => !HIDDEN_FIELDS.has(f)),
  };
}

/**
 * Both sides of a section, each item marked with what the server's comparison says about it. The comparison
 * names items as they are in the newer version, so a changed item is matched across sides by its identity
 * (a renamed playbook is still the same playbook).
 */
export function compareSection(
  older: PlanSnapshot,
  newer: PlanSnapshot,
  section: keyof PlanSnapshot,
  diff: SectionDiff | undefined,
): { older: CompareItem[]; newer: CompareItem[] } {
  const changedFields = new Map<string, string[]>();
  const newerItems = listOf(newer[section]).map((raw) => {
    const name = nameOf(raw);
    const changed = diff?.changed.find((c) => c.name === name);
    if (changed) changedFields.set(keyOf(raw), changed.fields);
    const status: ItemStatus = diff?.added.includes(name) ? 'added' : changed ? 'changed' : 'same';
    return item(section, raw, status, changed?.fields ?? []);
  });
  const newerKeys = new Set(newerItems.map((i) => i.key));
  const olderItems = listOf(older[section]).map((raw) => {
    const key = keyOf(raw);
    const fields = changedFields.get(key);
    const status: ItemStatus = fields
      ? 'changed'
      : !newerKeys.has(key) && diff?.removed.includes(nameOf(raw))
        ? 'removed'
        : 'same';
    return item(section, raw, status, fields ?? []);
  });
  return { older: olderItems, newer: newerItems };
}

/** An item's name in a summary line: ladders by their purpose, the roster as such. */
function summaryName(section: keyof PlanSnapshot, name: string): string {
  if (section === 'pacePlans') return PACE_PURPOSE_LABELS[name as PacePurpose] ?? name;
  if (section === 'roster') return 'the roster';
  return name;
}

/**
 * What publishing would change, one line per section: "Services and connections: added Smart meter gateway;
 * changed Customer portal (connections)". Empty when nothing changed.
 */
export function changeLines(sections: SectionDiff[]): string[] {
  return sections.map((d) => {
    const label = COMPARE_SECTIONS.find((s) => s.section === d.section)?.label ?? d.section;
    const names = (list: string[]) => list.map((n) => summaryName(d.section, n)).join(', ');
    const changed = d.changed.map((c) => {
      const fields = c.fields.filter((f) => !HIDDEN_FIELDS.has(f)).map(fieldWords);
      const name = summaryName(d.section, c.name);
      return fields.length ? `${name} (${fields.join(', ')})` : name;
    });
    const parts = [
      d.added.length ? `added ${names(d.added)}` : null,
      d.removed.length ? `removed ${names(d.removed)}` : null,
      changed.length ? `changed ${changed.join(', ')}` : null,
    ].filter((part): part is string => part !== null);
    return `${label}: ${parts.join('; ')}`;
  });
}

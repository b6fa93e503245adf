import type { PlanSnapshot } from '../../shared/prepare-types.ts';

export interface SectionDiff {
  section: keyof PlanSnapshot;
  added: string[];
  removed: string[];
  /** Items in both, with the names of the fields that differ. */
  changed: { name: string; fields: string[] }[];
}

type Item = { id?: string; slug?: string; purpose?: string; name?: string; [field: string]: unknown };

// Fields that change on every save without saying anything about the plan.
const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'warnings']);

const keyOf = (item: Item) => String(item.purpose ?? item.slug ?? item.id);
const nameOf = (item: Item) => String(item.name ?? item.purpose ?? (item.definition as Item | undefined)?.name ?? item.id);

/** Pure: what differs between two plan versions, section by section (empty sections are left out). */
export function comparePlans(older: PlanSnapshot, newer: PlanSnapshot): SectionDiff[] {
  const sections = Object.keys(newer) as (keyof PlanSnapshot)[];
  const diffs: SectionDiff[] = [];
  for (const section of sections) {
    const list = (value: unknown): Item[] => (value === null ? [] : Array.isArray(value) ? value : [value]) as Item[];
    const before = new Map(list(older[section]).map((i) => [keyOf(i), i]));
    const after = new Map(list(newer[section]).map((i) => [keyOf(i), i]));
    const diff: SectionDiff = { section, added: [], removed: [], changed: [] };
    for (const [key, item] of after) {
      const old = before.get(key);
      if (!old) {
        diff.added.push(nameOf(item));
        continue;
      }
      const fields = [...new Set([...Object.keys(old), ...Object.keys(item)])].filter(
        (f) => !IGNORED.has(f) && JSON.stringify(old[f]) !== JSON.stringify(item[f]),
      );
      if (fields.length) diff.changed.push({ name: nameOf(item), fields });
    }
    for (const [key, item] of before) if (!after.has(key)) diff.removed.push(nameOf(item));
    if (diff.added.length || diff.removed.length || diff.changed.length) diffs.push(diff);
  }
  return diffs;
}

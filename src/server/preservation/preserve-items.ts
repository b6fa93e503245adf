import type { Playbook } from '../../shared/prepare-types.ts';
import { DEFAULT_PRESERVE_ITEMS, type SuggestedPreserveItems } from '../../shared/preservation-types.ts';
import { suggestPlaybooks } from '../playbooks/playbook.ts';

/**
 * Pure: what to ask the customer to preserve, from the playbooks applied to the incident (in the plan's order), else
 * from the first playbook its category suggests, else the default list. Repeats (ignoring case) are left out.
 */
export function preserveItemsFor(
  playbooks: Pick<Playbook, 'slug' | 'name' | 'categories' | 'preserve'>[],
  applied: ReadonlySet<string>,
  category: string | null,
): SuggestedPreserveItems {
  const withItems = playbooks.filter((p) => p.preserve?.length);
  let chosen = withItems.filter((p) => applied.has(p.slug));
  if (chosen.length === 0) chosen = suggestPlaybooks(withItems, category).slice(0, 1);
  if (chosen.length === 0) return { items: [...DEFAULT_PRESERVE_ITEMS], from: [] };
  const seen = new Set<string>();
  const items = chosen
    .flatMap((p) => p.preserve ?? [])
    .filter((item) => {
      const key = item.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { items, from: chosen.map((p) => p.name) };
}

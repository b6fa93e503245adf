import { CATEGORIES, INCIDENT_ROLES, RSIT } from '../../shared/incident-vocabulary.ts';
import { type PlaybookStep, STEP_DUE_FROM } from '../../shared/prepare-types.ts';

/**
 * A playbook is a threat-specific checklist ("have a checklist ready for a set of actions based on threat"):
 * steps by phase, each with the responsible role, whether it needs the customer's instruction before anyone
 * acts, and what to write down. Pure data plus pure checks, so the same playbooks drive the incident page,
 * exercises and the offline binder.
 */
export const PLAYBOOK_PHASES = ['contain', 'investigate', 'resolve', 'recover', 'communicate'] as const;
export type PlaybookPhase = (typeof PLAYBOOK_PHASES)[number];

/** Steps are the API's PlaybookStep: phase, title, detail, responsible role, needs-instruction flag, what to record. */
export type { PlaybookStep };

export interface Playbook {
  id: string;
  /** Incremented whenever the steps change (e.g. after a review); incidents keep the version they used. */
  version: number;
  name: string;
  summary: string;
  /** ENISA RSIT categories the playbook fits: "class/type", or a whole class "class". */
  categories: string[];
  /** In the suggested order of execution; phases may interleave (the customer is told before containment). */
  steps: PlaybookStep[];
  /** What to ask the customer to preserve when this playbook is applied (the preservation request's starting list). */
  preserve?: string[];
}

/**
 * Playbooks that fit an incident's category: exact "class/type" matches first, then playbooks that list the
 * whole class. Library order is kept within each group. No category, no suggestions.
 */
export function suggestPlaybooks<P extends Pick<Playbook, 'categories'>>(playbooks: readonly P[], category: string | null): P[] {
  if (!category) return [];
  const cls = category.split('/')[0];
  const exact = playbooks.filter((p) => p.categories.includes(category));
  const byClass = playbooks.filter((p) => !exact.includes(p) && p.categories.includes(cls));
  return [...exact, ...byClass];
}

const ROLES: readonly string[] = INCIDENT_ROLES;
const PHASES: readonly string[] = PLAYBOOK_PHASES;

/** Human-readable problems with a playbook; an empty list means it is valid. */
export function validatePlaybook(p: Playbook): string[] {
  const problems: string[] = [];
  const label = p.id ? `Playbook "${p.id}"` : 'Playbook';
  if (!p.id?.trim()) problems.push('Playbook has no id.');
  if (!p.name?.trim()) problems.push(`${label} has no name.`);
  if (!Number.isInteger(p.version) || p.version < 1) problems.push(`${label}: version must be a positive whole number.`);
  for (const category of p.categories ?? []) {
    if (!CATEGORIES.includes(category) && !Object.hasOwn(RSIT, category)) {
      problems.push(`${label}: unknown category "${category}" (expected an ENISA RSIT "class/type" or "class").`);
    }
  }
  const steps = p.steps ?? [];
  if (steps.length === 0) problems.push(`${label} has no steps.`);
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    const where = step.id ? `${label}, step "${step.id}"` : `${label}, step ${index + 1}`;
    if (!step.id?.trim()) problems.push(`${where} has no id.`);
    else if (seen.has(step.id)) problems.push(`${label}: duplicate step id "${step.id}".`);
    seen.add(step.id);
    if (!step.title?.trim()) problems.push(`${where} has an empty title.`);
    if (!PHASES.includes(step.phase)) {
      problems.push(`${where}: unknown phase "${step.phase}" (expected one of ${PLAYBOOK_PHASES.join(', ')}).`);
    }
    if (!ROLES.includes(step.role)) problems.push(`${where}: unknown role "${step.role}".`);
    if (step.due) problems.push(...dueProblems(step.due, where));
  });
  problems.push(...preserveProblems(p, label));
  return problems;
}

/** What to preserve: no empty item, none repeated (ignoring case). */
export function preserveProblems(p: Pick<Playbook, 'preserve'>, label = 'Playbook'): string[] {
  const problems: string[] = [];
  const kept = new Set<string>();
  for (const [index, item] of (p.preserve ?? []).entries()) {
    const key = item.trim().toLowerCase();
    if (!key) problems.push(`${label}: what to preserve, item ${index + 1}, is empty.`);
    else if (kept.has(key)) problems.push(`${label}: what to preserve, item ${index + 1}, repeats "${item.trim()}".`);
    kept.add(key);
  }
  return problems;
}

const DUE_FROM: readonly string[] = STEP_DUE_FROM;
const DUE_UNITS = ['minutes', 'hours', 'days'];

/** A step's due offset: from awareness, DP1 or DP2, by whole minutes, hours or days, more than nothing. */
function dueProblems(due: NonNullable<PlaybookStep['due']>, where: string): string[] {
  const problems: string[] = [];
  if (!DUE_FROM.includes(due.from)) {
    problems.push(`${where}: its due time runs from "${due.from}" (expected one of ${STEP_DUE_FROM.join(', ')}).`);
  }
  const after = (due.after ?? {}) as Record<string, unknown>;
  const units = Object.keys(after);
  for (const unit of units) {
    if (!DUE_UNITS.includes(unit)) problems.push(`${where}: unknown unit "${unit}" in its due time.`);
    else if (!Number.isInteger(after[unit]) || (after[unit] as number) < 0) {
      problems.push(`${where}: its due time's ${unit} must be a whole number, 0 or more.`);
    }
  }
  if (!units.some((unit) => Number(after[unit]) > 0))
    problems.push(`${where}: its due time must be some time after its clock starts.`);
  return problems;
}

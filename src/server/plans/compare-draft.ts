import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { readRecord } from '../registry/save-record.ts';
import { comparePlans, type SectionDiff } from './compare-plans.ts';
import { currentPlanContents } from './plan-contents.ts';
import { findPlanVersion, latestPlanVersion } from './plans.queries.ts';

export interface DraftChanges {
  /** The latest published version; null before the first. */
  since: number | null;
  /** What publishing now would change, section by section; empty when nothing did. */
  sections: SectionDiff[];
}

/** What differs between a customer's draft plan and its latest published version (404 for customers the actor may not see). */
export async function compareDraft(deps: Deps, actor: Actor, customerId: string): Promise<DraftChanges> {
  const { db, dialect } = deps.database;
  const { record } = await readRecord(db, dialect, actor, CUSTOMER, customerId);
  const latest = await latestPlanVersion(db, record.id);
  if (!latest) return { since: null, sections: [] };
  const published = await findPlanVersion(db, latest.id);
  const draft = await currentPlanContents(db, dialect, record.id, deps.clock.now());
  // The draft as publishing would store it (canonical JSON: keys sorted, no undefined), so that only content differs.
  const stored = JSON.parse(canonicalJson(draft));
  return { since: latest.version, sections: published ? comparePlans(JSON.parse(published.snapshot), stored) : [] };
}

import type { PlanSnapshot, PlanVersionSource, Playbook } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { comparePlans } from '../plans/compare-plans.ts';
import type { ActionState } from './action.ts';
import { draftedActionsOf, toActionState } from './actions.queries.ts';

export interface PublishedPlan {
  customerId: string;
  planVersionId: string;
  version: number;
  snapshot: PlanSnapshot;
  /** The snapshot of the version before; null: this is the first. */
  previous: PlanSnapshot | null;
}

// What a playbook says, without what a copy or a save changes on its own (ids, owner, times, version, the defaults
// a save fills in): a copy made to work on and published untouched is no change.
const playbookContent = (p: Playbook | undefined) =>
  p
    ? canonicalJson([
        p.name,
        p.summary,
        p.categories,
        p.preserve ?? [],
        p.steps.map((s) => ({
          ...s,
          detail: s.detail ?? '',
          needsCustomerInstruction: s.needsCustomerInstruction ?? false,
          record: s.record ?? [],
        })),
      ])
    : null;

/** Whether this version carries the change the action asked for. */
function carries(action: ActionState, plan: PublishedPlan): boolean {
  const target = action.target;
  if (!target) return false;
  if (!plan.previous) return true;
  if (target.type === 'plan') return comparePlans(plan.previous, plan.snapshot).length > 0;
  const before = plan.previous.playbooks.find((p) => p.slug === target.playbookId);
  const after = plan.snapshot.playbooks.find((p) => p.slug === target.playbookId);
  return playbookContent(before) !== playbookContent(after);
}

/**
 * Inside a plan publication's transaction: every drafted, unfinished action whose target is in this customer's plan
 * and changed since the previous version (a playbook compared by slug; the plan as a whole: any change) is done,
 * action.completed on its incident's timeline. An untouched target stays open. Answers the reviews it came from.
 */
export async function completePlanActions(tx: Tx, deps: Deps, actor: Actor, plan: PublishedPlan): Promise<PlanVersionSource[]> {
  const done = (await draftedActionsOf(tx, plan.customerId)).map(toActionState).filter((a) => carries(a, plan));
  const byIncident = new Map<string, ActionState[]>();
  for (const action of done) byIncident.set(action.incidentId, [...(byIncident.get(action.incidentId) ?? []), action]);
  const sources: PlanVersionSource[] = [];
  for (const [incidentId, actions] of byIncident) {
    const { state } = await appendToIncident(deps, actor, incidentId, {
      within: tx,
      // Publishing the plan is what completes them: the publisher's right to publish is the check that counts.
      authorize: async () => {},
      decide: () =>
        actions.map((a) => ({
          type: 'action.completed' as const,
          data: {
            actionId: a.id,
            title: a.title,
            planVersionId: plan.planVersionId,
            version: plan.version,
            customerId: plan.customerId,
          },
        })),
    });
    sources.push({ incidentId, incidentKey: state.key, actionIds: actions.map((a) => a.id) });
  }
  return sources;
}

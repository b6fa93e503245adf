import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { listIncidents } from '../incidents/incident-list.queries.ts';
import { attachTriageItem } from './attach-triage-item.ts';
import { openTriageItem } from './open-triage-item.ts';
import { findTriageItem } from './triage.queries.ts';

export const OPEN_GROUP_JOB = 'triage.open-incident';
export const ATTACH_GROUP_JOB = 'triage.attach-incident';

const OPEN_STATUSES = ['reported', 'assessing', 'responding', 'recovering'];

/** A grouping rule acts with an admin's rights, under its own name on every record it leaves. */
function ruleActor(rule: string): Actor {
  return { id: 'system:grouping-rule', name: `Grouping rule "${rule}"`, role: 'admin', via: 'system', memberships: {} };
}

/** A rule's "open" action: the new group becomes an incident (once: a group someone already decided is left alone). */
export function openGroupJob(deps: Deps): JobDefinition<{ itemId: string; rule: string }> {
  return {
    name: OPEN_GROUP_JOB,
    async handle({ itemId, rule }) {
      const item = await findTriageItem(deps.database.db, itemId);
      if (item?.status !== 'triage') return;
      await openTriageItem(deps, ruleActor(rule), itemId);
    },
  };
}

/**
 * A rule's "attach" action: the new group joins the rule's incident, or the customer's most recent open one.
 * With no open incident (or a closed one named), the group stays in the queue for a person to decide.
 */
export function attachGroupJob(deps: Deps): JobDefinition<{ itemId: string; rule: string; incident: string | null }> {
  return {
    name: ATTACH_GROUP_JOB,
    async handle({ itemId, rule, incident }) {
      const item = await findTriageItem(deps.database.db, itemId);
      if (item?.status !== 'triage' || !item.customer_id) return;
      const target =
        incident ??
        (
          await listIncidents(deps.database.db, deps.database.dialect, {
            visible: null,
            reader: null,
            customerId: item.customer_id,
            status: OPEN_STATUSES,
            limit: 1,
          })
        )[0]?.id;
      if (!target) return;
      try {
        await attachTriageItem(deps, ruleActor(rule), itemId, target);
      } catch (error) {
        // A rule naming an incident that is gone or another customer's: a person decides instead.
        if (error instanceof AppError && (error.code === 'not_found' || error.code === 'conflict')) return;
        throw error;
      }
    },
  };
}

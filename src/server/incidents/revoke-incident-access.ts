import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from './change-incident.ts';
import { listAccess } from './incident-access.queries.ts';

/**
 * Takes a person off an incident's access list (a timeline event). Someone who holds a role on the incident stays
 * (unassign them first), and the list is never left empty: a TLP:RED incident nobody may read helps no one.
 */
export async function revokeIncidentAccess(deps: Deps, actor: Actor, idOrKey: string, userId: string): Promise<void> {
  await appendToIncident(deps, actor, idOrKey, {
    async decide(tx, state) {
      const list = await listAccess(tx, state.id);
      const entry = list.find((e) => e.user_id === userId);
      if (!entry) throw new AppError('not_found', `User ${userId} is not on the access list of ${state.key}`);
      const role = Object.entries(state.assignments).find(([, holder]) => holder === userId)?.[0];
      if (role)
        throw new AppError(
          'conflict',
          `${entry.user_name} is the ${role} of ${state.key}; assign the role to someone else first`,
        );
      if (list.length === 1) throw new AppError('conflict', `${entry.user_name} is the only person on the access list`);
      return [{ type: 'access.revoked', data: { userId, userName: entry.user_name } }];
    },
  });
}

import type { RoleHolderNamed } from '../../shared/incident-events.ts';
import {
  INCIDENT_ROLE_DESCRIPTIONS,
  INCIDENT_ROLE_LABELS,
  INCIDENT_ROLE_TITLES,
  type IncidentRole,
} from '../../shared/incident-vocabulary.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { notificationChange } from '../notifications/send-notification.ts';
import { appendToIncident } from './change-incident.ts';
import { usersAmong } from './incident-access.queries.ts';
import type { IncidentState } from './incident-state.ts';
import { eligibleHolder } from './role-eligibility.ts';

/** Roles change while the incident is open; a closed or dismissed one is reopened first, as for its other fields. */
export function assertRolesOpen(state: IncidentState): void {
  if (state.status === 'closed' || state.status === 'dismissed')
    throw new AppError('conflict', `${state.key} is ${state.status}; reopen it before changing its roles`);
}

/** Who holds the role on the incident now, named as the timeline names them; null: nobody. */
export async function currentHolder(tx: Tx, state: IncidentState, role: IncidentRole): Promise<RoleHolderNamed | null> {
  const held = state.assignments?.[role];
  if (!held) return null;
  // Deactivated accounts included: they are still who held it.
  const [user] = await usersAmong(tx, [held]);
  // Else a name typed on the incident (PATCH assignments).
  return user ? { userId: user.id, userName: user.name } : { userId: null, userName: held };
}

/**
 * Gives a CSIRT role on the incident to a user who may read it, as one timeline event, and tells them through their
 * own channels (the contact their account is linked to, else its e-mail) in the same transaction. Giving the role to
 * its holder again changes nothing; whoever takes a role themselves is not sent a message about it.
 */
export async function assignIncidentRole(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  role: IncidentRole,
  userId: string,
  expectedVersion?: number,
): Promise<IncidentState> {
  const title = INCIDENT_ROLE_TITLES[role];
  const tell = notificationChange(deps, actor, {
    purpose: 'coordinate-responders',
    to: { userId },
    subject: `You are now the ${title} of {{incident.key}}: {{incident.title}}`,
    body: [
      `${actor.name} made you the ${title} of {{incident.key}}: {{incident.title}}.`,
      '',
      `${INCIDENT_ROLE_LABELS[role]} — ${INCIDENT_ROLE_DESCRIPTIONS[role]}.`,
      '',
      'Open the incident in Muster to see where it stands and what comes next.',
    ].join('\n'),
  });
  let telling = false;
  const { state } = await appendToIncident(deps, actor, idOrKey, {
    expectedVersion,
    async decide(tx, state, now) {
      telling = false;
      assertRolesOpen(state);
      const user = await eligibleHolder(tx, deps.database.dialect, state, userId);
      if (state.assignments?.[role] === user.id) return [];
      const assigned: IncidentEvent = {
        type: 'role.assigned',
        data: { role, userId: user.id, userName: user.name, previous: await currentHolder(tx, state, role) },
      };
      if (user.id === actor.id) return [assigned];
      telling = true;
      return [assigned, ...(await tell.decide(tx, state, now))];
    },
    async alongside(tx, next, events, now) {
      if (telling) await tell.alongside(tx, next, events, now);
    },
  });
  return state;
}

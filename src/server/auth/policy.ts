import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { AppError } from '../core/errors.ts';

/** The authenticated caller of a use-case. */
export interface Actor {
  id: string;
  name: string;
  role: UserRole;
  via: 'session' | 'token' | 'system';
}

export type Action = 'incident.read' | 'incident.report' | 'incident.change' | 'user.manage';

const RULES: Record<Action, readonly UserRole[]> = {
  'incident.read': ['admin', 'responder', 'viewer'],
  'incident.report': ['admin', 'responder'],
  'incident.change': ['admin', 'responder'],
  'user.manage': ['admin'],
};

export function can(actor: Actor, action: Action): boolean {
  return RULES[action].includes(actor.role);
}

/** First line of every use-case. */
export function assertCan(actor: Actor, action: Action): void {
  if (!can(actor, action))
    throw new AppError('forbidden', `Your role (${actor.role}) does not allow ${action.replace('.', ' ')}`);
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Muster', role: 'admin', via: 'system' };

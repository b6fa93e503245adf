import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { incidentSnapshot } from '../deadlines/incident-snapshot.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { listIncidentNotifications, type Notification } from './notifications.queries.ts';
import { sendNotification } from './send-notification.ts';

/**
 * Asks the customer's contact point, through the notify-customer ladder, for an instruction before acting:
 * the message carries a link where they approve, decline or instruct without an account.
 */
export function requestInstruction(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: { question: string; stepRef?: string | null },
): Promise<Notification> {
  if (!input.question.trim()) throw new AppError('invalid', 'Write the question for the customer', 'question');
  return sendNotification(deps, actor, incidentIdOrKey, {
    purpose: 'notify-customer',
    kind: 'instruction',
    subject: 'Your instruction is needed: {{incident.key}} {{incident.title}}',
    body: input.question.trim(),
    stepRef: input.stepRef ?? null,
  });
}

/** What a step is waiting for: nothing, an answer to the question asked, or a question not yet asked. */
export function instructionGate(step: { needsCustomerInstruction: boolean }, requests: Notification[]): string | null {
  if (!step.needsCustomerInstruction) return null;
  const answered = requests.find((n) => n.response && n.response.decision !== 'decline');
  if (answered) return null;
  const declined = requests.find((n) => n.response?.decision === 'decline');
  if (declined) return `The customer declined this step (${declined.response?.by}, ${declined.response?.at})`;
  if (requests.length) return `Waiting for the customer's instruction (asked ${requests[0].createdAt})`;
  return "This step needs the customer's instruction: ask for it first";
}

/**
 * Records a playbook step as done. A step that needs the customer's instruction is blocked until they approved
 * or instructed; doing it anyway needs a reason and is flagged for the review.
 */
export async function completeStep(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: { stepRef: string; overrideReason?: string },
): Promise<IncidentState> {
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      const [slug, stepId] = input.stepRef.split('/');
      const plan = await incidentSnapshot(tx, deps.database.dialect, incident, now);
      const step = plan?.snapshot.playbooks.find((p) => p.slug === slug)?.steps.find((s) => s.id === stepId);
      if (!step) throw new AppError('not_found', `The incident's plan has no playbook step ${input.stepRef}`, 'stepRef');
      const done = incident.steps?.[input.stepRef];
      if (done) throw new AppError('conflict', `This step was already recorded as done at ${done.at} by ${done.by}`);
      const requests = (await listIncidentNotifications(tx, incident.id)).filter(
        (n) => n.kind === 'instruction' && n.stepRef === input.stepRef,
      );
      const blocked = instructionGate(step, requests);
      const override = input.overrideReason?.trim() || null;
      if (blocked && !override)
        throw new AppError(
          'conflict',
          `${blocked}. To go ahead anyway, give a reason (it is flagged for the review).`,
          'overrideReason',
        );
      return [
        {
          type: 'step.completed',
          data: {
            stepRef: input.stepRef,
            title: step.title,
            override: blocked ? override : null,
            ...(blocked ? { blockedBy: blocked, forReview: true } : {}),
          },
        },
      ];
    },
  });
  return state;
}

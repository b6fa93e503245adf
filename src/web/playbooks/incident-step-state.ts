import type { Incident, StepCompletion } from '../../shared/api-types.ts';
import type { InstructionAnswer, Notification } from '../../shared/notification-types.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';

/** Where a playbook step stands on an incident (the same gate as the server's instructionGate). */
export type StepState =
  | { kind: 'done'; done: StepCompletion }
  | { kind: 'open' }
  | { kind: 'approved'; answer: InstructionAnswer }
  | { kind: 'declined'; answer: InstructionAnswer }
  | { kind: 'waiting'; request: Notification }
  | { kind: 'ask' };

/** "ransomware/isolate-hosts": how the API names a step of a playbook. */
export const stepRefOf = (playbookSlug: string, stepId: string) => `${playbookSlug}/${stepId}`;

export function stepState(step: PlaybookStep, ref: string, incident: Incident, notifications: Notification[]): StepState {
  const done = incident.steps[ref];
  if (done) return { kind: 'done', done };
  if (!step.needsCustomerInstruction) return { kind: 'open' };
  const requests = notifications.filter((n) => n.kind === 'instruction' && n.stepRef === ref);
  const answered = requests.find((n) => n.response && n.response.decision !== 'decline');
  if (answered?.response) return { kind: 'approved', answer: answered.response };
  const declined = requests.find((n) => n.response?.decision === 'decline');
  if (declined?.response) return { kind: 'declined', answer: declined.response };
  if (requests.length) return { kind: 'waiting', request: requests[requests.length - 1] };
  return { kind: 'ask' };
}

/** The question an instruction request starts from: the step in the playbook's words. */
export function defaultQuestion(step: PlaybookStep): string {
  const detail = step.detail.trim() ? `\n\n${step.detail.trim()}` : '';
  return `Before we go ahead with this step, we need your instruction:\n\n${step.title}${detail}\n\nPlease approve, decline, or tell us what to do instead.`;
}

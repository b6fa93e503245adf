import type { Incident, StepCompletion } from '../../shared/api-types.ts';
import type { InstructionAnswer, Notification } from '../../shared/notification-types.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';

/** Where a playbook step stands on an incident (the same gate as the server's instructionGate). */
export type StepState =
  /** `answer`: the customer's answer it went ahead on (or was overridden against), kept in view after it is done. */
  | { kind: 'done'; done: StepCompletion; answer: InstructionAnswer | null }
  | { kind: 'open' }
  /** Approved, or instructed (`answer.decision === 'instruct'`: done their way). */
  | { kind: 'approved'; answer: InstructionAnswer }
  /** `unanswered`: a newer request they have not answered yet (it may still unblock the step). */
  | { kind: 'declined'; answer: InstructionAnswer; unanswered: Notification | null }
  | { kind: 'waiting'; request: Notification }
  | { kind: 'ask' };

/** "ransomware/isolate-hosts": how the API names a step of a playbook. */
export const stepRefOf = (playbookSlug: string, stepId: string) => `${playbookSlug}/${stepId}`;

/** The answer a step goes by: one that lets it go ahead, else a refusal; null when nobody answered. */
function governingAnswer(requests: Notification[]): InstructionAnswer | null {
  const goAhead = requests.find((n) => n.response && n.response.decision !== 'decline');
  return goAhead?.response ?? requests.find((n) => n.response)?.response ?? null;
}

export function stepState(step: PlaybookStep, ref: string, incident: Incident, notifications: Notification[]): StepState {
  const requests = notifications.filter((n) => n.kind === 'instruction' && n.stepRef === ref);
  const done = incident.steps[ref];
  if (done) return { kind: 'done', done, answer: governingAnswer(requests) };
  if (!step.needsCustomerInstruction) return { kind: 'open' };
  const answer = governingAnswer(requests);
  const unanswered = requests.findLast((n) => !n.response && n.status !== 'draft') ?? null;
  if (answer && answer.decision !== 'decline') return { kind: 'approved', answer };
  if (answer) return { kind: 'declined', answer, unanswered };
  if (requests.length) return { kind: 'waiting', request: unanswered ?? requests[requests.length - 1] };
  return { kind: 'ask' };
}

/** Words on the button that records a step done: an action, not a status; an instructed step is done their way. */
export function doneLabel(state: StepState): string {
  return state.kind === 'approved' && state.answer.decision === 'instruct' ? 'Mark done as instructed' : 'Mark done';
}

/** The question an instruction request starts from: the step in the playbook's words. */
export function defaultQuestion(step: PlaybookStep): string {
  const detail = step.detail.trim() ? `\n\n${step.detail.trim()}` : '';
  return `Before we go ahead with this step, we need your instruction:\n\n${step.title}${detail}\n\nPlease approve, decline, or tell us what to do instead.`;
}

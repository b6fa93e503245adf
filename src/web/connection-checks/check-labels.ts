import type { CheckAnswerStatus, ConnectionCheck, ConnectionToCheck } from '../../shared/connection-check-types.ts';
import { CHECK_ANSWER_LABELS } from '../../shared/connection-check-types.ts';

/** An answer's badge: clean green, compromised red, not checked grey. */
export const ANSWER_STYLE: Record<CheckAnswerStatus, { label: string; color: string }> = {
  clean: { label: CHECK_ANSWER_LABELS.clean, color: 'green' },
  compromised: { label: CHECK_ANSWER_LABELS.compromised, color: 'red' },
  'not-checked': { label: CHECK_ANSWER_LABELS['not-checked'], color: 'gray' },
};

export const STATUS_STYLE: Record<ConnectionCheck['status'], { label: string; color: string }> = {
  sent: { label: 'Waiting for the customer', color: 'blue' },
  answered: { label: 'Answered', color: 'teal' },
  expired: { label: 'Expired unanswered', color: 'gray' },
};

const DIRECTION = { outbound: 'to', inbound: 'from', both: 'to and from' } as const;

/** "Payroll to sap.nordlys.internal · HTTPS/443 · account svc-pay". */
export function connectionLine(c: ConnectionToCheck): string {
  return [`${c.serviceName} ${DIRECTION[c.direction] ?? ''} ${c.target}`, c.protocol, c.account && `account ${c.account}`]
    .filter(Boolean)
    .join(' · ');
}

/** "1 compromised, 2 clean, 1 not checked" (only the answers given). */
export function answerCounts(check: ConnectionCheck): string {
  const answers = Object.values(check.answers ?? {});
  const order: CheckAnswerStatus[] = ['compromised', 'clean', 'not-checked'];
  return order
    .map((status) => [status, answers.filter((a) => a.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${CHECK_ANSWER_LABELS[status].toLowerCase().replace('checked and ', '')}`)
    .join(', ');
}

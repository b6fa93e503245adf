import type { TimelineEvent } from '../../shared/api-types.ts';
import { CHECK_ANSWER_LABELS, type CheckAnswerStatus } from '../../shared/connection-check-types.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';
import { connectionLine } from './check-labels.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * Timeline wording of a connection check: "asked the customer to check 2 connections of Payroll", and (the customer
 * through the link being the actor) "answered the connection check: 1 compromised, 1 checked and clean". Null for
 * other events.
 */
export function describeConnectionCheckEvent(event: TimelineEvent): EventDescription | null {
  const base = { kind: 'communication' as const, reason: null, markdown: null };
  if (event.type === 'connection_check.requested') {
    const connections = event.data.connections ?? [];
    const services = [...new Set(connections.map((c) => c.serviceName))];
    return {
      ...base,
      summary: `asked the customer to check ${plural(connections.length, 'connection')}${services.length ? ` of ${list(services)}` : ''}`,
      details: [
        ...connections.map(connectionLine),
        ...(event.data.expiresAt ? [`The link works once, until ${formatAbsolute(event.data.expiresAt)}`] : []),
      ],
    };
  }
  if (event.type === 'connection_check.answered') {
    const answers = event.data.answers ?? [];
    const order: CheckAnswerStatus[] = ['compromised', 'clean', 'not-checked'];
    const counts = order
      .map((s) => [s, answers.filter((a) => a.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${CHECK_ANSWER_LABELS[s].toLowerCase()}`);
    return {
      ...base,
      summary: `answered the connection check${counts.length ? `: ${counts.join(', ')}` : ''}`,
      details: answers.map(
        (a) =>
          `${a.target}${a.serviceName ? ` (${a.serviceName})` : ''}: ${CHECK_ANSWER_LABELS[a.status] ?? a.status}${a.note ? ` — ${a.note}` : ''}`,
      ),
    };
  }
  return null;
}

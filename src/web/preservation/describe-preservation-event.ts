import type { TimelineEvent } from '../../shared/api-types.ts';
import { PRESERVE_ANSWER_LABELS } from '../../shared/preservation-types.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Timeline wording of a preservation request: "asked the customer to preserve 3 items", and (the customer through
 * the link being the actor) "confirmed preservation: 2 preserved, 1 cannot preserve". Null for other events.
 */
export function describePreservationEvent(event: TimelineEvent): EventDescription | null {
  const base = { kind: 'communication' as const, reason: null, markdown: null };
  if (event.type === 'preservation.requested') {
    const items = event.data.items ?? [];
    return {
      ...base,
      summary: `asked the customer to preserve ${plural(items.length, 'item')}`,
      details: [
        ...items,
        ...(event.data.keepUntil ? [`Keep until ${event.data.keepUntil}`] : []),
        ...(event.data.expiresAt ? [`They confirm through a link that works until ${formatAbsolute(event.data.expiresAt)}`] : []),
      ],
    };
  }
  if (event.type === 'preservation.answered') {
    const answers = event.data.answers ?? [];
    const preserved = answers.filter((a) => a.status === 'preserved').length;
    const not = answers.length - preserved;
    const counts = [
      ...(preserved ? [`${preserved} preserved`] : []),
      ...(not ? [`${not} ${PRESERVE_ANSWER_LABELS['not-preserved'].toLowerCase()}`] : []),
    ];
    return {
      ...base,
      summary: `answered the preservation request${counts.length ? `: ${counts.join(', ')}` : ''}`,
      details: answers.map((a) => {
        const where = a.status === 'preserved' && a.location ? ` at ${a.location}` : '';
        const note = a.note ? ` — ${a.note}` : '';
        return `${a.item}: ${PRESERVE_ANSWER_LABELS[a.status] ?? a.status}${where}${note}${a.changed ? ' (changed answer)' : ''}`;
      }),
    };
  }
  return null;
}

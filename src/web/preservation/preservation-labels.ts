import type { PreservationAnswer, PreservationCustodyEntry, PreservationRequest } from '../../shared/preservation-types.ts';

export const REQUEST_STATUS: Record<PreservationRequest['status'], { label: string; color: string }> = {
  sent: { label: 'Waiting for the customer', color: 'blue' },
  answered: { label: 'All items answered', color: 'teal' },
  expired: { label: 'Link expired', color: 'gray' },
};

export const CUSTODY_ACTION: Record<PreservationCustodyEntry['action'], string> = {
  preservation_requested: 'Asked to preserve',
  preserved: 'Preserved',
  not_preserved: 'Cannot preserve',
};

/** An item's state in words: waiting, preserved (at where), or cannot (why). */
export function itemState(answer: PreservationAnswer | null): { label: string; color: string; detail: string } {
  if (!answer) return { label: 'Waiting', color: 'gray', detail: '' };
  if (answer.status === 'preserved') {
    return { label: 'Preserved', color: 'teal', detail: answer.location ? `at ${answer.location}` : '' };
  }
  return { label: 'Cannot preserve', color: 'red', detail: answer.note };
}

/** "2 preserved, 1 cannot, 1 waiting". */
export function answerCounts(request: PreservationRequest): string {
  const preserved = request.items.filter((i) => i.answer?.status === 'preserved').length;
  const not = request.items.filter((i) => i.answer?.status === 'not-preserved').length;
  const waiting = request.items.length - preserved - not;
  return [
    ...(preserved ? [`${preserved} preserved`] : []),
    ...(not ? [`${not} cannot`] : []),
    ...(waiting ? [`${waiting} waiting`] : []),
  ].join(', ');
}

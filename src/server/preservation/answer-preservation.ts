import type { PreservationAnswer, PreserveAnswerStatus } from '../../shared/preservation-types.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { acknowledgeThroughLink, linkAnswerer } from '../customer-links/link-answerer.ts';
import { linkExpired } from '../customer-links/link-status.ts';
import { recordCustody } from '../evidence/custody.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { findPreservation, type PreservationRow, setPreservationAnswers } from './preservation.queries.ts';
import { preservationAnswers, preservationItems } from './preservation.views.ts';

export interface PreservationAnswers {
  /** Some or all of the request's items, each once. */
  answers: { itemId: string; status: PreserveAnswerStatus; location: string; note: string }[];
  /** null: they gave no name. */
  name: string | null;
}

/**
 * Records the customer's answers to some or all items through the request's link, while it works: for each, a
 * 'preserved' or 'not_preserved' step on the request's custody stream (the customer is its actor), the
 * preservation.answered event and the latest answers on the request commit together. An item answered again is
 * answered anew: its new answer replaces the old one on the request, and both stay on the custody stream. The first
 * answer also acknowledges the message that carried the link, so its ladder stops walking.
 */
export async function answerPreservation(deps: Deps, requestId: string, input: PreservationAnswers): Promise<PreservationRow> {
  const { db, dialect } = deps.database;
  const head = await findPreservation(db, dialect, requestId);
  if (!head) throw new AppError('not_found', `No preservation request ${requestId}`);
  if (input.answers.length === 0) throw new AppError('invalid', 'Answer at least one item', 'answers');
  const answerer = await linkAnswerer(deps, head.notification_id, input.name, 'preservation');
  await appendToIncident(deps, answerer.actor, head.incident_id, {
    async decide(tx, _incident, now) {
      const request = await findPreservation(tx, dialect, requestId, true);
      if (!request || linkExpired(request, now)) {
        throw new AppError('conflict', 'The link of this preservation request has expired');
      }
      const items = preservationItems(request);
      const before = preservationAnswers(request);
      return [
        {
          type: 'preservation.answered',
          data: {
            requestId,
            notificationId: request.notification_id,
            by: input.name,
            answers: input.answers.map((a) => {
              const item = items.find((i) => i.id === a.itemId);
              if (!item) throw new AppError('invalid', `The request has no item ${a.itemId}`, 'itemId');
              return { ...a, item: item.text, changed: Boolean(before[a.itemId]) };
            }),
          },
        },
      ];
    },
    async alongside(tx, _next, _events, now) {
      const request = (await findPreservation(tx, dialect, requestId)) as PreservationRow;
      const items = preservationItems(request);
      const answers: Record<string, PreservationAnswer> = preservationAnswers(request);
      const at = now.toISOString();
      for (const a of input.answers) {
        const item = items.find((i) => i.id === a.itemId);
        answers[a.itemId] = { status: a.status, location: a.location, note: a.note, by: answerer.by, at };
        await recordCustody(tx, dialect, {
          streamId: requestId,
          customerId: request.customer_id,
          by: answerer.actor,
          now,
          action: a.status === 'preserved' ? 'preserved' : 'not_preserved',
          location: a.status === 'preserved' ? a.location || null : null,
          note: a.note,
          details: { item: item?.text ?? '', itemId: a.itemId },
        });
      }
      await setPreservationAnswers(tx, requestId, { answers: JSON.stringify(answers), answered_at: at });
    },
  });
  await acknowledgeThroughLink(deps, answerer, head.notification_id, { requestId });
  return (await findPreservation(db, dialect, requestId)) as PreservationRow;
}

import {
  PRESERVE_ANSWER_LABELS,
  PRESERVE_ANSWERS,
  type PreservationItem,
  type PreserveAnswerStatus,
} from '../../shared/preservation-types.ts';
import type { LinkForm } from '../customer-links/link-routes.ts';
import type { PreservationAnswers } from './answer-preservation.ts';

// The preservation page's form, read: `status-<i>`, `location-<i>` and `note-<i>` for the i-th item as sent, `name`,
// and `only=<i>` when one item's own button sent it. Without `only`, every item with a choice is answered; items
// left without one keep their earlier answer (or stay open).

export const LOCATION_MAX = 300;
export const NOTE_MAX = 2000;
export const NAME_MAX = 200;

export type ReadPreserveForm = { ok: true; value: PreservationAnswers } | { ok: false; problem: string; field: string };

const choices = PRESERVE_ANSWERS.map((s) => PRESERVE_ANSWER_LABELS[s]).join(' or ');

/** Each answered item needs one of the two answers, and "Cannot preserve" needs why; the rest is optional and bounded. */
export function readPreserveForm(items: PreservationItem[], form: LinkForm): ReadPreserveForm {
  const only = form.only === undefined ? null : Number(form.only);
  if (only !== null && !(Number.isInteger(only) && items[only])) {
    return { ok: false, problem: 'That item is not on this list. Choose an answer below and send it again.', field: 'only' };
  }
  const answers: PreservationAnswers['answers'] = [];
  for (const [i, item] of items.entries()) {
    if (only !== null && i !== only) continue;
    const what = `“${item.text}”`;
    const status = form[`status-${i}`];
    const location = (form[`location-${i}`] ?? '').trim();
    const note = (form[`note-${i}`] ?? '').trim();
    if (!status) {
      if (only !== null) return { ok: false, problem: `Choose ${choices} for ${what}.`, field: `status-${i}` };
      if (location || note) {
        return { ok: false, problem: `Choose ${choices} for ${what}, or clear what you wrote there.`, field: `status-${i}` };
      }
      continue;
    }
    if (!(PRESERVE_ANSWERS as readonly string[]).includes(status)) {
      return {
        ok: false,
        problem: `“${status.slice(0, 40)}” is not an answer for ${what}: choose ${choices}.`,
        field: `status-${i}`,
      };
    }
    if (location.length > LOCATION_MAX) {
      return {
        ok: false,
        problem: `Where ${what} is kept is too long: at most ${LOCATION_MAX} characters.`,
        field: `location-${i}`,
      };
    }
    if (note.length > NOTE_MAX) {
      return { ok: false, problem: `The note on ${what} is too long: at most ${NOTE_MAX} characters.`, field: `note-${i}` };
    }
    if (status === 'not-preserved' && !note) {
      return { ok: false, problem: `Say why ${what} cannot be preserved.`, field: `note-${i}` };
    }
    answers.push({ itemId: item.id, status: status as PreserveAnswerStatus, location, note });
  }
  if (answers.length === 0) {
    return { ok: false, problem: `Choose ${choices} for at least one item.`, field: 'status-0' };
  }
  const name = (form.name ?? '').trim();
  if (name.length > NAME_MAX)
    return { ok: false, problem: `Your name is too long: at most ${NAME_MAX} characters.`, field: 'name' };
  return { ok: true, value: { answers, name: name || null } };
}

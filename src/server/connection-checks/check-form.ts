import {
  CHECK_ANSWER_LABELS,
  CHECK_ANSWERS,
  type CheckAnswerStatus,
  type ConnectionToCheck,
} from '../../shared/connection-check-types.ts';

// The answer page's form, read: `status-<i>` and `note-<i>` for the i-th connection of the check as sent, and
// `name`. Indexes rather than connection ids keep the field names short and free of what a person typed.

export const NOTE_MAX = 2000;
export const NAME_MAX = 200;

/** The form as sent, to show again after a refusal. */
export type CheckForm = Record<string, string | undefined>;

export interface CheckAnswers {
  answers: { connectionId: string; status: CheckAnswerStatus; note: string }[];
  /** null: they gave no name. */
  name: string | null;
}

export type ReadCheckForm = { ok: true; value: CheckAnswers } | { ok: false; problem: string; field: string };

const where = (c: ConnectionToCheck) => `${c.target} (${c.serviceName})`;
const labels = CHECK_ANSWERS.map((s) => CHECK_ANSWER_LABELS[s]);
const choices = `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;

/** Every connection needs one of the three answers; notes and the name are optional and bounded. */
export function readCheckForm(connections: ConnectionToCheck[], form: CheckForm): ReadCheckForm {
  const answers: CheckAnswers['answers'] = [];
  for (const [i, c] of connections.entries()) {
    const field = `status-${i}`;
    const status = form[field];
    if (!status) return { ok: false, problem: `Choose an answer for ${where(c)}.`, field };
    if (!(CHECK_ANSWERS as readonly string[]).includes(status)) {
      return { ok: false, problem: `“${status.slice(0, 40)}” is not an answer for ${where(c)}: choose ${choices}.`, field };
    }
    const note = (form[`note-${i}`] ?? '').trim();
    if (note.length > NOTE_MAX) {
      return { ok: false, problem: `The note on ${where(c)} is too long: at most ${NOTE_MAX} characters.`, field: `note-${i}` };
    }
    answers.push({ connectionId: c.connectionId, status: status as CheckAnswerStatus, note });
  }
  const name = (form.name ?? '').trim();
  if (name.length > NAME_MAX)
    return { ok: false, problem: `Your name is too long: at most ${NAME_MAX} characters.`, field: 'name' };
  return { ok: true, value: { answers, name: name || null } };
}

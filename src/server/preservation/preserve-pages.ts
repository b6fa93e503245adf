import { PRESERVE_ANSWER_LABELS, PRESERVE_ANSWERS, type PreservationAnswer } from '../../shared/preservation-types.ts';
import { escapeHtml } from '../core/http/html.ts';
import { expiredPage, incidentLine, LINK_FORM_CSS, type LinkPageIncident } from '../customer-links/customer-pages.ts';
import type { LinkForm } from '../customer-links/link-routes.ts';
import { page, utc } from '../notifications/link-pages.ts';
import type { PreservationRow } from './preservation.queries.ts';
import { preservationAnswers, preservationItems } from './preservation.views.ts';
import { LOCATION_MAX, NAME_MAX, NOTE_MAX } from './preserve-form.ts';

// The customer's page for a preservation request: a plain HTML form, one fieldset per item, that works without
// JavaScript, in a text browser and on a phone. Each item has its own button; the last one sends every answer
// chosen. Opening it changes nothing; an answer sent again replaces the earlier one until the link expires.

const CSS = `${LINK_FORM_CSS}
.preserved{color:#1b7f3a;font-weight:600}.not-preserved{color:#c92a2a;font-weight:600}.open{color:#a05a00}
button.item{margin-top:.6rem;width:auto;padding:.55rem 1rem;background:#fff;color:#1c64d1;border:1px solid #1c64d1}
input[type=text]{margin-bottom:.2rem}fieldset textarea{min-height:3.5rem}.default{position:absolute;left:-9999px}`;

function answerWords(answer: PreservationAnswer | undefined): string {
  if (!answer) return '<span class="open">Waiting for your answer</span>';
  const where = answer.status === 'preserved' && answer.location ? ` — kept at ${escapeHtml(answer.location)}` : '';
  const note = answer.note ? `<br><span class="how">${escapeHtml(answer.note)}</span>` : '';
  return `<span class="${answer.status}">${PRESERVE_ANSWER_LABELS[answer.status]}</span>${where}${note}<br><span class="how">by ${escapeHtml(answer.by)}, ${utc(answer.at)}</span>`;
}

/** The form; after a refusal (problem) it keeps what was chosen and written, and marks the field at fault. */
export function preserveFormPage(
  incident: LinkPageIncident,
  request: PreservationRow,
  action: string,
  refusal?: { problem: string; field: string; form: LinkForm },
): string {
  const form = refusal?.form ?? {};
  const answers = preservationAnswers(request);
  const items = preservationItems(request);
  const bad = (field: string) => (refusal?.field === field ? ' class="bad"' : '');
  const fieldsets = items.map((item, i) => {
    const answer = answers[item.id];
    const radios = PRESERVE_ANSWERS.map(
      (value) =>
        `<label class="choice"><input type="radio" name="status-${i}" value="${value}"${form[`status-${i}`] === value ? ' checked' : ''}> ${PRESERVE_ANSWER_LABELS[value]}</label>`,
    ).join('\n');
    return `<fieldset${bad(`status-${i}`)}><legend>${escapeHtml(item.text)}</legend>
<p class="how">${answer ? 'Your answer: ' : ''}${answerWords(answer)}</p>
${answer ? '<p class="how">To change it, answer again:</p>' : ''}${radios}
<label for="location-${i}">Where it is kept (optional)</label><input type="text" id="location-${i}" name="location-${i}" maxlength="${LOCATION_MAX}" placeholder="e.g. evidence safe, backup vault B" value="${escapeHtml(form[`location-${i}`] ?? '')}"${bad(`location-${i}`)}>
<label for="note-${i}">Note — why it cannot be preserved, or anything to add</label><textarea id="note-${i}" name="note-${i}" maxlength="${NOTE_MAX}"${bad(`note-${i}`)}>${escapeHtml(form[`note-${i}`] ?? '')}</textarea>
<button type="submit" class="item" name="only" value="${i}">Send this answer</button>
</fieldset>`;
  });
  const open = items.filter((item) => !answers[item.id]).length;
  const until = request.keep_until
    ? `at least until ${escapeHtml(request.keep_until)}`
    : 'until the incident team tells you it is no longer needed';
  return page(
    'Please preserve evidence',
    `<div class="card"><h1>Please preserve evidence</h1>${incidentLine(incident)}
<p>Some of what shows what happened is held only by you. Please keep each item below unchanged, ${until}, and tell us for each whether you preserved it and where it is kept, or why you cannot.</p>
<p class="meta">${items.length} item${items.length === 1 ? '' : 's'}, ${open} waiting for an answer. Answer one at a time or all together; you can change an answer through this link until ${utc(request.expires_at)}.</p>
${refusal ? `<p class="warn" role="alert">${escapeHtml(refusal.problem)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<button type="submit" class="default" tabindex="-1" aria-hidden="true">Send all answers chosen</button>
<label for="name">Your name (optional)</label><input type="text" id="name" name="name" maxlength="${NAME_MAX}" autocomplete="name" placeholder="So the team knows who answered" value="${escapeHtml(form.name ?? '')}"${bad('name')}>
${fieldsets.join('\n')}
<button type="submit">Send all answers chosen</button></form></div>`,
    CSS,
  );
}

/** After answers are recorded: every item's state now, and the way back to answer the rest or change one. */
export function preserveThanksPage(incident: LinkPageIncident, request: PreservationRow, action: string, sent: number): string {
  const answers = preservationAnswers(request);
  const items = preservationItems(request);
  const open = items.filter((item) => !answers[item.id]).length;
  const list = items.map((item) => `<li><strong>${escapeHtml(item.text)}</strong>: ${answerWords(answers[item.id])}</li>`);
  const next =
    open === 0
      ? '<p>Every item is answered. Keep what you preserved unchanged; the incident team will tell you when it is no longer needed.</p>'
      : `<p>${open} item${open === 1 ? ' is' : 's are'} still waiting for your answer.</p>`;
  return page(
    'Thank you',
    `<div class="card"><h1 class="ok">✓ Thank you: ${sent === 1 ? 'your answer' : `your ${sent} answers`} reached the team</h1>${incidentLine(incident)}
<ul class="answers">${list.join('\n')}</ul>${next}
<p><a href="${escapeHtml(action)}">${open === 0 ? 'Change an answer' : 'Answer the rest'}</a> (this link works until ${utc(request.expires_at)})</p></div>`,
    CSS,
  );
}

export const expiredPreservePage = (incident: LinkPageIncident, expiresAt: string): string =>
  expiredPage(incident, expiresAt, CSS);

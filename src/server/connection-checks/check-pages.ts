import {
  CHECK_ANSWER_LABELS,
  CHECK_ANSWERS,
  type ConnectionCheckAnswer,
  type ConnectionToCheck,
} from '../../shared/connection-check-types.ts';
import { escapeHtml } from '../core/http/html.ts';
import { expiredPage, incidentLine, LINK_FORM_CSS, type LinkPageIncident } from '../customer-links/customer-pages.ts';
import { page, utc } from '../notifications/link-pages.ts';
import { type CheckForm, NAME_MAX, NOTE_MAX } from './check-form.ts';

// The customer's page for a connection check: a plain HTML form, one fieldset per connection, that works without
// JavaScript, in a text browser and on a phone. Opening it changes nothing; only sending the form does, once.

const CSS = `${LINK_FORM_CSS}
.clean{color:#1b7f3a}.compromised{color:#c92a2a;font-weight:700}.not-checked{color:#555}`;

const ARROW = { outbound: 'to', inbound: 'from', both: 'to and from' } as const;

function connectionHow(c: ConnectionToCheck): string {
  const parts = [`${c.serviceName} ${ARROW[c.direction] ?? ''} ${c.target}`, c.protocol, c.account && `account ${c.account}`];
  return escapeHtml(parts.filter(Boolean).join(' · '));
}

/** The form; after a refusal (problem) it keeps what was chosen and written, and marks the field at fault. */
export function checkFormPage(
  incident: LinkPageIncident,
  connections: ConnectionToCheck[],
  expiresAt: string,
  action: string,
  refusal?: { problem: string; field: string; form: CheckForm },
): string {
  const form = refusal?.form ?? {};
  const fieldsets = connections.map((c, i) => {
    const status = `status-${i}`;
    const note = `note-${i}`;
    const bad = (field: string) => (refusal?.field === field ? ' class="bad"' : '');
    const radios = CHECK_ANSWERS.map(
      (value, j) =>
        `<label class="choice"><input type="radio" name="${status}" value="${value}"${j === 0 ? ' required' : ''}${form[status] === value ? ' checked' : ''}> ${CHECK_ANSWER_LABELS[value]}</label>`,
    ).join('\n');
    return `<fieldset${bad(status)}><legend>${escapeHtml(c.target)}</legend>
<p class="how">${connectionHow(c)}</p>${c.purpose ? `<p class="how">${escapeHtml(c.purpose)}</p>` : ''}
${radios}
<label for="${note}">What you found (optional)</label><textarea id="${note}" name="${note}" maxlength="${NOTE_MAX}"${bad(note)}>${escapeHtml(form[note] ?? '')}</textarea>
</fieldset>`;
  });
  return page(
    'Please check these connections',
    `<div class="card"><h1>Please check these connections</h1>${incidentLine(incident)}
<p>The services affected by the incident have these connections to other systems. An attacker may have used them to move on. For each one, tell us what you found.</p>
<p class="meta">${connections.length} connection${connections.length === 1 ? '' : 's'}. This page works once: your answers are sent together, and the link works until ${utc(expiresAt)}.</p>
${refusal ? `<p class="warn" role="alert">${escapeHtml(refusal.problem)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
${fieldsets.join('\n')}
<label for="name">Your name (optional)</label><input type="text" id="name" name="name" maxlength="${NAME_MAX}" autocomplete="name" placeholder="So the team knows who checked" value="${escapeHtml(form.name ?? '')}"${refusal?.field === 'name' ? ' class="bad"' : ''}>
<button type="submit">Send the answers</button></form></div>`,
    CSS,
  );
}

function answerList(connections: ConnectionToCheck[], answers: Record<string, ConnectionCheckAnswer>): string {
  const items = connections.map((c) => {
    const a = answers[c.connectionId];
    if (!a) return '';
    const note = a.note ? `<br><span class="how">${escapeHtml(a.note)}</span>` : '';
    return `<li><strong>${escapeHtml(c.target)}</strong> <span class="how">(${escapeHtml(c.serviceName)})</span>: <span class="${a.status}">${CHECK_ANSWER_LABELS[a.status]}</span>${note}</li>`;
  });
  return `<ul class="answers">${items.join('\n')}</ul>`;
}

/** After the answers are recorded: what was sent, so they can see it went through. */
export function thanksPage(
  incident: LinkPageIncident,
  connections: ConnectionToCheck[],
  answers: Record<string, ConnectionCheckAnswer>,
): string {
  const compromised = Object.values(answers).some((a) => a.status === 'compromised');
  const next = compromised
    ? '<p>You marked a connection compromised: the incident team will contact you about it. Secure evidence and wait for their instructions before changing the systems involved.</p>'
    : '<p>Nothing more is needed here. If you find something later, contact the incident team through your usual channel.</p>';
  return page(
    'Thank you',
    `<div class="card"><h1 class="ok">✓ Thank you: your answers reached the team</h1>${incidentLine(incident)}${answerList(connections, answers)}${next}</div>`,
    CSS,
  );
}

/** 410: the link was used. Who answered and when, not the answers: a forwarded link should not show them. */
export function answeredPage(incident: LinkPageIncident, answeredAt: string, answeredBy: string | null): string {
  const by = answeredBy ? ` by ${escapeHtml(answeredBy)}` : '';
  return page(
    'Already answered',
    `<div class="card"><h1>These connections were already answered</h1>${incidentLine(incident)}<p>The answers were sent at ${utc(answeredAt)}${by}. This link works once. To change or add to an answer, contact the incident team through your usual channel.</p></div>`,
    CSS,
  );
}

/** 410: the link was not used in time. */
export const expiredCheckPage = (incident: LinkPageIncident, expiresAt: string): string => expiredPage(incident, expiresAt, CSS);

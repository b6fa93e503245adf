import { escapeHtml } from '../core/http/html.ts';
import type { Notification } from './notifications.queries.ts';

// The pages a recipient opens from a message: plain HTML forms that work without JavaScript, on a phone,
// without an account. Opening a page never acknowledges: mail scanners fetch links, only the button counts.

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1a1b1e}
main{max-width:34rem;margin:0 auto;padding:1.25rem}h1{font-size:1.35rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:10px;padding:1.1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.meta{color:#555;font-size:.9rem}.ok{color:#1b7f3a}.warn{color:#a05a00}pre{white-space:pre-wrap;font:inherit}
label{display:block;margin:.8rem 0 .3rem;font-weight:600}input[type=text],textarea{width:100%;box-sizing:border-box;font:inherit;padding:.6rem;border:1px solid #bbb;border-radius:6px}
textarea{min-height:6rem}.choice{display:flex;gap:.5rem;align-items:center;margin:.4rem 0;font-weight:400}
button{margin-top:1rem;width:100%;font:inherit;font-weight:600;padding:.85rem;border:0;border-radius:8px;background:#1c64d1;color:#fff}
.exercise{background:#fff3bf;padding:.4rem .6rem;border-radius:6px;font-weight:700}`;

export const LINK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

/** A recipient's page: the shared look, and a page's own rules (`css`) after it. */
export function page(title: string, body: string, css = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — Muster</title><style>${CSS}${css}</style></head>
<body><main><p class="meta">Muster · security incident communication</p>${body}</main></body></html>`;
}

export function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The message as worded for a channel not cleared for TLP:RED: a public page never shows TLP:RED content. */
export interface LinkMessage {
  subject: string;
  text: string;
}

function summary(message: LinkMessage): string {
  return `<p><strong>${escapeHtml(message.subject)}</strong></p><pre>${escapeHtml(message.text)}</pre>`;
}

export interface AnswerForm {
  decision?: string;
  text?: string;
  name?: string;
}

export function problemPage(problem: 'invalid' | 'expired'): string {
  return problem === 'expired'
    ? page(
        'Link expired',
        '<div class="card"><h1>This link has expired</h1><p>Links in Muster messages work for seven days. Contact the incident team through your usual channel; they can send you a new one.</p></div>',
      )
    : page(
        'Link not valid',
        '<div class="card"><h1>This link is not valid</h1><p>Check that the whole link was copied from the message. If it still does not work, contact the incident team.</p></div>',
      );
}

export function ackPage(n: Notification, message: LinkMessage, action: string): string {
  if (n.acknowledgedAt) {
    return page(
      'Acknowledged',
      `<div class="card"><h1 class="ok">✓ Acknowledged</h1>${summary(message)}<p>Acknowledged at ${utc(n.acknowledgedAt)} by ${escapeHtml(n.acknowledgedBy ?? '')}. The team knows you have it; nothing more is needed here.</p></div>`,
    );
  }
  const onward =
    n.kind === 'test'
      ? 'This is a test: acknowledging it tells the team that this way of reaching you works.'
      : 'Until someone acknowledges, Muster keeps trying other ways to reach you.';
  return page(
    'Acknowledge',
    `<div class="card"><h1>Please acknowledge this message</h1>${summary(message)}
<p class="meta">Sent ${utc(n.sentAt ?? n.createdAt)}. ${onward}</p>
<form method="post" action="${escapeHtml(action)}"><label for="name">Your name</label>
<input type="text" id="name" name="name" maxlength="200" autocomplete="name" placeholder="So the team knows who has it">
<button type="submit">Acknowledge</button></form></div>`,
  );
}

const DECISIONS = [
  ['approve', 'Approve — go ahead'],
  ['decline', 'Decline — do not do this'],
  ['instruct', 'Instruct — do this instead (write below)'],
] as const;

/** The question and the answer form; after a refusal (problem) the form keeps what was entered. */
export function answerPage(
  n: Notification,
  message: LinkMessage,
  action: string,
  problem?: string,
  form: AnswerForm = {},
): string {
  if (n.response) {
    const r = n.response;
    return page(
      'Answered',
      `<div class="card"><h1 class="ok">✓ Answer received</h1>${summary(message)}<p>${escapeHtml(r.by)} answered <strong>${r.decision}</strong> at ${utc(r.at)}.</p>${r.text ? `<pre>${escapeHtml(r.text)}</pre>` : ''}</div>`,
    );
  }
  const chosen = (value: string) => form.decision === value;
  return page(
    'Your instruction is needed',
    `<div class="card"><h1>Your instruction is needed</h1>${summary(message)}
${problem ? `<p class="warn" role="alert">${escapeHtml(problem)}</p>` : ''}
<p class="meta">The team waits for your answer before acting on this.</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset style="border:0;padding:0;margin:0"><legend style="font-weight:600">Your answer</legend>
${DECISIONS.map(([value, label], i) => `<label class="choice"><input type="radio" name="decision" value="${value}"${i === 0 ? ' required' : ''}${chosen(value) ? ' checked' : ''}> ${label}</label>`).join('\n')}
</fieldset>
<label for="text">Instruction or comment</label><textarea id="text" name="text" maxlength="5000">${escapeHtml(form.text ?? '')}</textarea>
<label for="name">Your name</label><input type="text" id="name" name="name" maxlength="200" autocomplete="name" required value="${escapeHtml(form.name ?? '')}">
<button type="submit">Send answer</button></form></div>`,
  );
}

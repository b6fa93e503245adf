import { createHash } from 'node:crypto';
import { escapeHtml } from '../core/http/html.ts';
import type { PublicReportStatus } from './follow-up-public-report.ts';
import { type FieldProblem, LIMITS, REPORT_KINDS, type ReportFormValues } from './submit-public-report.ts';

// The public report pages: plain HTML forms for anyone, without an account or JavaScript, on a phone. Every
// value that came from outside is escaped; the one stylesheet is allowed by its hash, so the CSP allows
// nothing else at all (no scripts, no inline style attributes, no other origins).

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1a1b1e}
main{max-width:36rem;margin:0 auto;padding:1.25rem}h1{font-size:1.4rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:10px;padding:1.1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.meta{color:#555;font-size:.9rem}.ok{color:#1b7f3a}.problem{color:#b42318;font-weight:600}
label{display:block;margin:.9rem 0 .3rem;font-weight:600}.hint{display:block;font-weight:400;color:#555;font-size:.9rem}
input[type=text],input[type=email],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.6rem;border:1px solid #bbb;border-radius:6px;background:#fff}
[aria-invalid=true]{border-color:#b42318;outline:2px solid #b42318}textarea{min-height:9rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.choice input{margin-top:.35rem}
fieldset{border:1px solid #ddd;border-radius:8px;margin:1rem 0 0;padding:.2rem .9rem .9rem}legend{font-weight:600;padding:0 .3rem}
button{margin-top:1.2rem;width:100%;font:inherit;font-weight:600;padding:.85rem;border:0;border-radius:8px;background:#1c64d1;color:#fff}
.key{font:600 1.25rem/1.6 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.04em;background:#eef3fb;border-radius:8px;padding:.7rem;word-break:break-word;user-select:all}
.status{font-size:1.15rem;font-weight:600}.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
a{color:#1c64d1}`;

/** Strict: only this stylesheet, forms posting to this server, never framed. */
export const PUBLIC_REPORT_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — Muster</title><style>${CSS}</style></head>
<body><main><p class="meta">Muster · report a security concern</p>${body}</main></body></html>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function problemLine(problem: FieldProblem | null | undefined): string {
  return problem ? `<p class="problem" role="alert" id="problem">${escapeHtml(problem.message)}</p>` : '';
}

/** aria-invalid and the problem's id on the field the problem names. */
function invalid(problem: FieldProblem | null | undefined, field: string): string {
  return problem?.field === field ? ' aria-invalid="true" aria-describedby="problem" autofocus' : '';
}

export function disabledPage(): string {
  return page(
    'Not available',
    '<div class="card"><h1>The report form is not enabled</h1><p>This organisation does not take reports through this page. Contact your IT or security team through your usual channel.</p></div>',
  );
}

const EMPTY_FORM: ReportFormValues = { kind: '', description: '', when: '', name: '', email: '', anonymous: false, website: '' };

/** The form; after a refusal it shows what was typed and names the field to correct. */
export function reportFormPage(intro: string, problem?: FieldProblem | null, form: ReportFormValues = EMPTY_FORM): string {
  const options = REPORT_KINDS.map(
    ([value, label]) => `<option value="${value}"${form.kind === value ? ' selected' : ''}>${escapeHtml(label)}</option>`,
  ).join('');
  const value = (text: string) => `value="${escapeHtml(text)}"`;
  return page(
    'Report a security concern',
    `<div class="card"><h1>Report a security concern</h1>
${intro ? paragraphs(intro) : '<p>Tell the security team about anything that worries you: a suspicious e-mail, a lost phone or laptop, a computer acting strangely, data sent to the wrong person. You do not need an account, and you may stay anonymous.</p>'}
${problemLine(problem)}
<form method="post" action="/report">
<label for="kind">What happened</label>
<select id="kind" name="kind" required${invalid(problem, 'kind')}><option value="">Choose…</option>${options}</select>
<label for="description">Description <span class="hint">What did you see or do, and what is affected? Do not include passwords.</span></label>
<textarea id="description" name="description" required maxlength="${LIMITS.description}"${invalid(problem, 'description')}>${escapeHtml(form.description)}</textarea>
<label for="when">When it happened <span class="hint">Optional, in your own words, e.g. "today around 14:30"</span></label>
<input type="text" id="when" name="when" maxlength="${LIMITS.when}" ${value(form.when)}${invalid(problem, 'when')}>
<fieldset><legend>How we can reach you (optional)</legend>
<label for="name">Your name</label>
<input type="text" id="name" name="name" maxlength="${LIMITS.name}" autocomplete="name" ${value(form.name)}${invalid(problem, 'name')}>
<label for="email">Your e-mail</label>
<input type="email" id="email" name="email" maxlength="${LIMITS.email}" autocomplete="email" ${value(form.email)}${invalid(problem, 'email')}>
<label class="choice"><input type="checkbox" name="anonymous" value="yes"${form.anonymous ? ' checked' : ''}> Report anonymously: throw away my name and e-mail</label>
</fieldset>
<div class="hp" aria-hidden="true"><label for="website">Leave this field empty</label><input type="text" id="website" name="website" autocomplete="off" tabindex="-1" ${value(form.website)}></div>
<button type="submit">Send report</button></form>
<p class="meta">Your IP address is not stored with the report. After sending you get a receipt key: with it you can check the status and add information later on the <a href="/report/follow-up">follow-up page</a>.</p></div>`,
  );
}

export function receiptPage(receiptKey: string): string {
  return page(
    'Report received',
    `<div class="card"><h1 class="ok">✓ Thank you, your report was received</h1>
<p>Your receipt key:</p><p class="key">${escapeHtml(receiptKey)}</p>
<p><strong>Write it down or take a screenshot now.</strong> It is shown only once, nobody can look it up for you, and it is the only way to check the status of your report or to add information later.</p>
<p><a href="/report/follow-up">Check the status or add information</a></p></div>`,
  );
}

export function followUpKeyPage(problem?: FieldProblem | null, receipt = ''): string {
  return page(
    'Follow up on a report',
    `<div class="card"><h1>Follow up on a report</h1>
<p>Enter the receipt key you were given when you sent your report.</p>${problemLine(problem)}
<form method="post" action="/report/follow-up">
<label for="receipt">Receipt key</label>
<input type="text" id="receipt" name="receipt" required maxlength="100" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="R-XXXX-XXXX-…" value="${escapeHtml(receipt)}"${invalid(problem, 'receipt')}>
<button type="submit">Continue</button></form>
<p class="meta"><a href="/report">Send a new report</a></p></div>`,
  );
}

/** What a receipt key that matches nothing gets: the same words whether it was mistyped or guessed. */
export function receiptNotFoundPage(receipt: string): string {
  return followUpKeyPage(
    { field: 'receipt', label: 'Receipt key', message: 'No report was found for this receipt key. Check it and try again.' },
    receipt,
  );
}

const STATUS_WORDS: Record<PublicReportStatus, string> = {
  received: 'Received, waiting to be looked at.',
  incident: 'Being handled as an incident.',
  closed: 'Closed after review.',
};

/** The status in plain words and a form to add information; nothing else about the report is shown. */
export function followUpStatusPage(
  receiptKey: string,
  status: PublicReportStatus,
  outcome: { added?: boolean; problem?: FieldProblem | null; information?: string } = {},
): string {
  return page(
    'Your report',
    `<div class="card"><h1>Your report</h1>
<p class="meta">Status</p><p class="status">${STATUS_WORDS[status]}</p>
${outcome.added ? '<p class="ok" role="status">✓ Thank you, your information was added to the report.</p>' : ''}
${problemLine(outcome.problem)}
<form method="post" action="/report/follow-up">
<input type="hidden" name="receipt" value="${escapeHtml(receiptKey)}">
<label for="information">Add information <span class="hint">Anything you have noticed since, or forgot to say. Do not include passwords.</span></label>
<textarea id="information" name="information" required maxlength="${LIMITS.information}"${invalid(outcome.problem, 'information')}>${escapeHtml(outcome.information ?? '')}</textarea>
<button type="submit">Add to my report</button></form></div>`,
  );
}

export function tooManyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page(
    'Too many attempts',
    `<div class="card"><h1>Too many attempts</h1><p>This page was used too often from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}. If it is urgent, contact your IT or security team directly.</p></div>`,
  );
}

export function tooLargePage(limitKb: number): string {
  return page(
    'Too long',
    `<div class="card"><h1>Your text is too long to send</h1><p>A report can be at most ${limitKb} KB. Go back, shorten the description, and send it again; you can add more afterwards with your receipt key.</p></div>`,
  );
}

export function failurePage(status: number): string {
  return status >= 500
    ? page(
        'Something went wrong',
        '<div class="card"><h1>Something went wrong</h1><p>Your report may not have been received. Go back and try again in a moment, or contact your IT or security team directly.</p></div>',
      )
    : page(
        'Could not read the form',
        '<div class="card"><h1>The form could not be read</h1><p>Go back to <a href="/report">the report form</a> and send it again.</p></div>',
      );
}

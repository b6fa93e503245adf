import { createHash, randomBytes } from 'node:crypto';
import type { Reporter } from '../../shared/triage-types.ts';
import type { Actor } from '../auth/policy.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { feedTriage } from '../triage/feed-triage.ts';

export const REPORT_KINDS = [
  ['phishing', 'Phishing e-mail'],
  ['lost-device', 'Lost or stolen device'],
  ['strange-behaviour', 'Strange computer behaviour'],
  ['suspicious-request', 'Suspicious request'],
  ['wrong-recipient', 'Data sent to the wrong person'],
  ['other', 'Something else'],
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number][0];

/** Field limits: each is far above what a person types, and together they fit the 16 KB body limit. */
export const LIMITS = { description: 8000, when: 200, name: 200, email: 254, information: 8000 } as const;

/** The fields of the form as typed: kept to show the form again after a refusal. */
export interface ReportFormValues {
  kind: string;
  description: string;
  when: string;
  name: string;
  email: string;
  anonymous: boolean;
  /** The honeypot: hidden from people, filled by bots. */
  website: string;
}

export interface FieldProblem {
  /** The form field's name attribute, and the words that name it on the page. */
  field: keyof ReportFormValues | 'information' | 'receipt';
  label: string;
  message: string;
}

/** Who the timeline names for everything that arrives through the public pages: never the unverified name typed. */
export const PUBLIC_REPORTER: Actor = { ...SYSTEM_ACTOR, id: 'public-reporter', name: 'Public reporter' };

// Control characters (other than line breaks and tabs) have no place in a report, and PostgreSQL refuses NUL.
const CONTROL = /[^\P{Cc}\n\t]/gu;

/** A form field as a string, whatever the body was (form, JSON, nothing): line breaks normalised, controls removed. */
export function formText(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(CONTROL, '') : '';
}

export function readReportForm(body: unknown): ReportFormValues {
  const anonymous = formText(body, 'anonymous');
  return {
    kind: formText(body, 'kind'),
    description: formText(body, 'description'),
    when: formText(body, 'when'),
    name: formText(body, 'name'),
    email: formText(body, 'email'),
    anonymous: anonymous !== '' && anonymous !== 'false',
    website: formText(body, 'website'),
  };
}

export function tooLong(field: FieldProblem['field'], label: string, value: string, max: number): FieldProblem | null {
  return value.length > max
    ? { field, label, message: `${label} is too long: ${value.length} characters, at most ${max}. Shorten it and send again.` }
    : null;
}

/** The first problem with what was typed, named so the page can point at the field; null when it can be filed. */
export function checkReportForm(form: ReportFormValues): FieldProblem | null {
  if (!REPORT_KINDS.some(([value]) => value === form.kind))
    return { field: 'kind', label: 'What happened', message: 'Choose what happened from the list.' };
  if (!form.description.trim())
    return { field: 'description', label: 'Description', message: 'Describe what happened, in your own words.' };
  const lengthProblem =
    tooLong('description', 'Description', form.description, LIMITS.description) ??
    tooLong('when', 'When it happened', form.when, LIMITS.when);
  if (lengthProblem) return lengthProblem;
  // Name and e-mail are thrown away for an anonymous report, so they cannot be wrong.
  if (form.anonymous) return null;
  const contactProblem =
    tooLong('name', 'Your name', form.name, LIMITS.name) ?? tooLong('email', 'Your e-mail', form.email, LIMITS.email);
  if (contactProblem) return contactProblem;
  const email = form.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return {
      field: 'email',
      label: 'Your e-mail',
      message: 'Your e-mail does not look like an e-mail address (name@example.org). Correct it or leave it empty.',
    };
  return null;
}

// Crockford's base32: no I, L, O or U, so a key read aloud or typed from paper is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 28; // 28 × 5 = 140 random bits

/** A new receipt key, e.g. R-7K3M-…: 140 random bits in seven groups of four. */
export function newReceiptKey(): string {
  // 256 is a multiple of 32, so each byte's low five bits are uniform.
  const symbols = [...randomBytes(SYMBOLS)].map((b) => ALPHABET[b & 31]).join('');
  return `R-${symbols.match(/.{4}/g)?.join('-')}`;
}

/** The key as typed (any case, spaces, dashes, O for 0, I or L for 1) in its printed form; null when it cannot be one. */
export function normaliseReceiptKey(input: string): string | null {
  let symbols = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length === SYMBOLS + 1 && symbols.startsWith('R')) symbols = symbols.slice(1);
  if (symbols.length !== SYMBOLS || [...symbols].some((c) => !ALPHABET.includes(c))) return null;
  return `R-${symbols.match(/.{4}/g)?.join('-')}`;
}

/** Only this is stored: whoever reads the database cannot use it to read or add to a report. */
export function receiptHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function labelOf(kind: string): string {
  return REPORT_KINDS.find(([value]) => value === kind)?.[1] ?? 'Something else';
}

/** "Phishing e-mail: I got a mail asking for my password…" — enough for the queue to be read at a glance. */
export function reportTitle(kind: string, description: string): string {
  const text = description.trim().replace(/\s+/g, ' ');
  const words = text.split(' ').slice(0, 10).join(' ');
  const start = words.length > 70 ? words.slice(0, 70).trimEnd() : words;
  return `${labelOf(kind)}: ${start}${start.length < text.length ? '…' : ''}`;
}

/**
 * Files a checked report in the triage queue and returns the receipt key, the only way back to it. A filled
 * honeypot gets a key that looks the same but nothing is stored, so a bot learns nothing from the answer.
 */
export async function submitPublicReport(deps: Deps, form: ReportFormValues): Promise<{ receiptKey: string; stored: boolean }> {
  const receiptKey = newReceiptKey();
  if (form.website.trim()) {
    deps.log.info('public report form: honeypot filled, nothing stored');
    return { receiptKey, stored: false };
  }
  const name = form.name.trim();
  const email = form.email.trim();
  const reporter: Reporter =
    form.anonymous || (!name && !email)
      ? { anonymous: true }
      : { anonymous: false, ...(name ? { name } : {}), ...(email ? { email } : {}) };
  const when = form.when.trim();
  const description = [
    'Reported through the public report form.',
    `What happened: ${labelOf(form.kind)}`,
    `When it happened (as the reporter put it): ${when || 'not given'}`,
    '',
    form.description.trim(),
  ].join('\n');
  const now = deps.clock.now();
  await commit(deps, (tx) =>
    feedTriage(tx, {
      source: 'form',
      dialect: deps.database.dialect,
      now,
      by: PUBLIC_REPORTER,
      customerId: null,
      title: reportTitle(form.kind, form.description),
      description,
      reporter,
      receiptHash: receiptHash(receiptKey),
    }),
  );
  return { receiptKey, stored: true };
}

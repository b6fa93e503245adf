import { escapeHtml } from '../http/html.ts';

// HTML built from templates in which every interpolated value is escaped unless it is itself built so: the
// printed documents (the offline kit, the incident report) are made of user input from end to end.

const SAFE: unique symbol = Symbol('safe-html');
export interface SafeHtml {
  [SAFE]: string;
}

/** Markup taken as it is: only for text this code wrote itself. */
export function raw(text: string): SafeHtml {
  return { [SAFE]: text };
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(part).join('');
  if (isSafe(value)) return value[SAFE];
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is itself the output of html``. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

/** The markup as text. */
export function htmlText(safe: SafeHtml): string {
  return safe[SAFE];
}

/** A CSS string literal: anything but plain ASCII is written as a hex escape, so text cannot end the string or the style. */
export function cssString(text: string): string {
  // The space after six hex digits ends the escape and is consumed by the CSS parser, so it is always written.
  return `"${[...text].map((ch) => (/[A-Za-z0-9 .,:;_+()-]/.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16).padStart(6, '0')} `)).join('')}"`;
}

import type { ObservableType } from './observable-types.ts';

// How an observable's value is checked and written the one way it is stored (docs/observables.md#normalisation).
// Shared, like the password rule, so that the form shows while typing exactly what the server will store; it uses
// nothing but the language and WHATWG URL, which both the browser and Node have.

export type NormalisedObservable =
  | { ok: true; type: ObservableType; value: string }
  | { ok: false; field: 'value' | 'type'; message: string };

const HASH_LENGTHS: Record<'md5' | 'sha1' | 'sha256' | 'sha512', { length: number; name: string }> = {
  md5: { length: 32, name: 'MD5' },
  sha1: { length: 40, name: 'SHA-1' },
  sha256: { length: 64, name: 'SHA-256' },
  sha512: { length: 128, name: 'SHA-512' },
};

/**
 * File extensions that are not (or rarely) top-level domains: "invoice.pdf" is more likely a file than a host,
 * so without a type it is refused as ambiguous instead of stored as a domain.
 */
const FILE_EXTENSIONS = new Set(
  (
    'exe dll sys scr bat cmd ps1 vbs js jse hta msi lnk jar pdf doc docx docm xls xlsx xlsm ppt pptx rtf txt csv log ' +
    'iso img rar 7z gz tar tgz bin elf so sh py php html htm eml msg one dat tmp'
  ).split(' '),
);

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
const fail = (message: string, field: 'value' | 'type' = 'value'): NormalisedObservable => ({ ok: false, field, message });
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Undoes the usual "defanging" of indicators in reports and tickets: hxxp://, [.], (dot), [@], [:]. */
export function refang(text: string): string {
  return text
    .trim()
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[@\]|\[at\]|\(at\)/gi, '@')
    .replace(/^h(?:xx|XX|xX|Xx)p(s?):/, 'http$1:')
    .replace(/^fxp:/i, 'ftp:');
}

/** The IPv4 address in dotted decimal without leading zeros (a leading zero means octal to some tools), or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail, one "::"), or null. */
export function parseIpv6(text: string): number[] | null {
  let rest = text.toLowerCase();
  if (rest.startsWith('[') && rest.endsWith(']')) rest = rest.slice(1, -1);
  const lastColon = rest.lastIndexOf(':');
  if (lastColon < 0) return null;
  if (rest.slice(lastColon + 1).includes('.')) {
    // An IPv4 tail (::ffff:192.0.2.1) is its last two groups written in decimal.
    const v4 = parseIpv4(rest.slice(lastColon + 1));
    if (!v4) return null;
    rest = `${rest.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const after = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...after].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const count = head.length + after.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return null;
  const zeros = Array<number>(8 - count).fill(0);
  return [...head, ...zeros.map(String), ...after].map((g) => Number.parseInt(g, 16));
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (first on a tie) of two or more zero groups as "::". */
export function formatIpv6(groups: number[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best.at < 0) return hex(groups);
  return `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.length))}`;
}

function normaliseIp(text: string, asked: 'ipv4' | 'ipv6'): NormalisedObservable {
  if (asked === 'ipv4') {
    const bytes = parseIpv4(text);
    return bytes
      ? { ok: true, type: 'ipv4', value: bytes.join('.') }
      : fail(`Not an IPv4 address: ${clip(text)} (four numbers 0–255 without leading zeros, e.g. 192.0.2.10)`);
  }
  if (text.includes('%'))
    return fail(`Not an IPv6 address: ${clip(text)} (leave out the zone after %; it means nothing off the host)`);
  const groups = parseIpv6(text);
  if (!groups) return fail(`Not an IPv6 address: ${clip(text)} (eight groups of up to four hex digits, one "::" at most)`);
  // An IPv4 client seen through a dual-stack socket is that IPv4 address: it is stored as one, so sightings meet.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return { ok: true, type: 'ipv4', value: [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.') };
  }
  return { ok: true, type: 'ipv6', value: formatIpv6(groups) };
}

/** The domain in lower case, without a trailing dot, internationalised names as punycode (xn--); or why not. */
export function normaliseDomain(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const why = (reason: string) => ({ ok: false as const, message: `Not a domain: ${clip(text)} (${reason})` });
  let name = text.toLowerCase().replace(/\.$/, '');
  if (!name) return why('it is empty');
  if (/[\s/:@?#\\[\]]/.test(name) || CONTROL.test(name)) return why('a host name only, without scheme, path, port or spaces');
  if (/[^\x20-\x7e]/.test(name)) {
    try {
      name = new URL(`http://${name}/`).hostname;
    } catch {
      return why('not a valid internationalised name');
    }
  }
  const labels = name.split('.');
  if (labels.length < 2) return why('it needs at least two labels, e.g. example.com');
  if (name.length > 253) return why('longer than 253 characters');
  const bad = labels.find((l) => !/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l));
  if (bad !== undefined) return why(`"${clip(bad)}" is not a label: letters, digits and inner hyphens, at most 63`);
  if (/^\d+$/.test(labels[labels.length - 1])) return why('the last label is a number: is it an IP address?');
  return { ok: true, value: name };
}

function normaliseUrl(text: string): NormalisedObservable {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fail(`Not a URL: ${clip(text)} (give the scheme, e.g. http://…)`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`Not a URL: ${clip(text)}`);
  }
  if (!url.hostname) return fail(`Not a URL: ${clip(text)} (it has no host)`);
  return { ok: true, type: 'url', value: url.href };
}

function normaliseHash(text: string, type: keyof typeof HASH_LENGTHS): NormalisedObservable {
  const { length, name } = HASH_LENGTHS[type];
  const hex = text.replace(/\s+/g, '').toLowerCase();
  const what = `${name === 'MD5' ? 'an' : 'a'} ${name} hash`;
  if (!/^[0-9a-f]*$/.test(hex)) return fail(`Not ${what}: ${clip(text)} (only the digits 0–9 and the letters a–f)`);
  if (hex.length !== length) {
    const hint = Object.values(HASH_LENGTHS).find((h) => h.length === hex.length);
    return fail(
      `Not ${what}: expected ${length} hexadecimal characters, got ${hex.length}${hint ? ` (that is the length of ${hint.name})` : ''}`,
    );
  }
  return { ok: true, type, value: hex };
}

function normaliseEmail(text: string): NormalisedObservable {
  const address = text.replace(/^mailto:/i, '');
  const at = address.lastIndexOf('@');
  if (at <= 0) return fail(`Not an e-mail address: ${clip(text)} (name@domain)`);
  const local = address.slice(0, at);
  if (local.length > 64 || /[\s<>]/.test(local) || CONTROL.test(local))
    return fail(`Not an e-mail address: ${clip(text)} (the part before @ is at most 64 characters, without spaces or <>)`);
  const domain = normaliseDomain(address.slice(at + 1));
  if (!domain.ok)
    return fail(
      `Not an e-mail address: ${clip(text)} (${domain.message.replace(/^Not a domain: .*? \(/, '').replace(/\)$/, '')})`,
    );
  // The local part is kept as written: only the receiving server knows whether it is case-sensitive.
  return { ok: true, type: 'email', value: `${local}@${domain.value}` };
}

function normaliseName(text: string, type: 'filename' | 'account'): NormalisedObservable {
  const what = type === 'filename' ? 'file name' : 'account';
  if (!text) return fail(`The ${what} is empty`);
  if (CONTROL.test(text)) return fail(`Not a ${what}: it contains control characters`);
  if (type === 'filename') {
    if (text.length > 255) return fail('Not a file name: longer than 255 characters');
    if (/[/\\]/.test(text)) {
      const base = text.split(/[/\\]/).pop() ?? '';
      return fail(`Not a file name: ${clip(text)} is a path; give the name alone${base ? ` (${clip(base)})` : ''}`);
    }
  } else if (text.length > 256) return fail('Not an account: longer than 256 characters');
  // Kept as written: file systems and directories differ in whether case matters.
  return { ok: true, type, value: text };
}

/** The one type a value can be, or why none or several fit (then the caller must give the type). */
export function inferObservableType(raw: string): { ok: true; type: ObservableType } | { ok: false; message: string } {
  const text = refang(raw);
  if (!text) return { ok: false, message: 'The value is empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { ok: true, type: 'url' };
  if (parseIpv4(text)) return { ok: true, type: 'ipv4' };
  if (!text.includes('%') && parseIpv6(text)) return { ok: true, type: 'ipv6' };
  if (/^[0-9a-f]+$/i.test(text)) {
    const hash = Object.entries(HASH_LENGTHS).find(([, h]) => h.length === text.length);
    if (hash) return { ok: true, type: hash[0] as ObservableType };
  }
  if (text.includes('@') && normaliseEmail(text).ok) return { ok: true, type: 'email' };
  const domain = normaliseDomain(text);
  if (domain.ok) {
    const last = domain.value.slice(domain.value.lastIndexOf('.') + 1);
    if (!FILE_EXTENSIONS.has(last)) return { ok: true, type: 'domain' };
    return { ok: false, message: `Cannot tell whether ${clip(text)} is a domain or a file name: choose the type` };
  }
  return { ok: false, message: `Cannot tell what ${clip(text)} is: choose the type (a file name or an account, perhaps)` };
}

/**
 * The value as stored for its type, or a message naming what is wrong with it. Without a type, the one type the
 * value can be is taken (see inferObservableType). Defanged network indicators (hxxp, [.]) are accepted.
 */
export function normaliseObservable(raw: string, type?: ObservableType): NormalisedObservable {
  let asked = type;
  if (!asked) {
    const inferred = inferObservableType(raw);
    if (!inferred.ok) return fail(inferred.message, 'type');
    asked = inferred.type;
  }
  switch (asked) {
    case 'ipv4':
    case 'ipv6':
      return normaliseIp(refang(raw), asked);
    case 'domain': {
      const domain = normaliseDomain(refang(raw));
      return domain.ok ? { ok: true, type: 'domain', value: domain.value } : fail(domain.message);
    }
    case 'url':
      return normaliseUrl(refang(raw));
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return normaliseHash(raw.trim(), asked);
    case 'email':
      return normaliseEmail(refang(raw));
    case 'filename':
    case 'account':
      return normaliseName(raw.trim(), asked);
  }
}

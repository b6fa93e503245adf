// Web addresses often are credentials: an incoming-webhook URL, an SMS gateway URL with a key in its query, a
// signed link, "https://user:pass@host". What may be shown of one is its scheme, host and port: enough to tell
// which service it is, never enough to use it.

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`]+/gi;
const ELLIPSIS = '…';

/** `scheme://host[:port]/…` of an absolute URL with an authority (http, https, smtp…); null when it is not one. */
export function urlShape(address: string): string | null {
  const text = address.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    if (!url.host) return null;
    return `${url.protocol}//${url.host}/${ELLIPSIS}`;
  } catch {
    return null;
  }
}

/** Every URL in a text reduced to its scheme, host and port; a text without URLs comes back unchanged. */
export function redactUrls(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (found) => {
    // Paths of code in a stack trace (file:///srv/muster/…) are no credential, and a stack without them is no help.
    if (/^file:/i.test(found)) return found;
    // Punctuation that ends a sentence or closes a bracket is not part of the address.
    const trail = /[.,;:!?)\]}>]+$/.exec(found)?.[0] ?? '';
    const url = trail ? found.slice(0, -trail.length) : found;
    return `${urlShape(url) ?? `${url.slice(0, url.indexOf('://') + 3)}${ELLIPSIS}`}${trail}`;
  });
}

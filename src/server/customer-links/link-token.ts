import { createHmac } from 'node:crypto';
import { sha256 } from '../auth/credentials.ts';

// A customer link (a connection check's, a preservation request's) carries a 256-bit token that is stored nowhere:
// the row holds only its SHA-256, and the message is worded anew for each level of the ladder (hours apart, by the
// delivery job), so the token is derived from the instance secret, the kind and the row's id whenever a message
// needs it. Only the server, holding the secret, can make it; whoever reads the tables cannot.

/** What a customer link lets its holder answer: the path of its page (/check/…, /preserve/…). */
export type CustomerLinkKind = 'check' | 'preserve';

/** What each kind's token is derived from besides the id (a check's words predate the others: links in mail work on). */
const DERIVED_FROM: Record<CustomerLinkKind, string> = { check: 'connection-check', preserve: 'preservation-request' };

/** The token of a link (43 URL-safe characters). */
export function linkToken(secret: Buffer, kind: CustomerLinkKind, id: string): string {
  return createHmac('sha256', secret).update(`${DERIVED_FROM[kind]}:${id}`).digest('base64url');
}

/** What a table stores and a page looks up: the token's SHA-256. */
export const linkTokenHash = (token: string): string => sha256(token);

/** The page where the customer answers: PUBLIC_URL/<kind>/<token>. */
export function linkUrl(publicUrl: string, secret: Buffer, kind: CustomerLinkKind, id: string): string {
  return `${publicUrl}/${kind}/${linkToken(secret, kind, id)}`;
}

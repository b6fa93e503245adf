import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder do, without an account: acknowledge a notification, or answer a question. */
export type LinkPurpose = 'ack' | 'answer';

export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000;

function signature(secret: Buffer, purpose: LinkPurpose, notificationId: string, expires: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${notificationId}:${expires}`).digest('base64url').slice(0, 32);
}

/** A token naming the notification and its expiry, signed so that nobody can make one for another notification. */
export function signLink(secret: Buffer, purpose: LinkPurpose, notificationId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${notificationId}.${expires}.${signature(secret, purpose, notificationId, expires)}`;
}

export type LinkCheck = { ok: true; notificationId: string } | { ok: false; problem: 'invalid' | 'expired' };

/** Whether the token is one we signed for this purpose and is still in date. Single use is the caller's record. */
export function checkLink(secret: Buffer, purpose: LinkPurpose, token: string, now: Date): LinkCheck {
  const [notificationId, expires, given] = token.split('.');
  if (!notificationId || !expires || !given || token.split('.').length !== 3) return { ok: false, problem: 'invalid' };
  const expected = Buffer.from(signature(secret, purpose, notificationId, expires));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, problem: 'invalid' };
  if (Number.parseInt(expires, 36) * 1000 < now.getTime()) return { ok: false, problem: 'expired' };
  return { ok: true, notificationId };
}

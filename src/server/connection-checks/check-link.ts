import { createHmac } from 'node:crypto';
import { sha256 } from '../auth/credentials.ts';
import type { Deps } from '../core/deps.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import { findCheckByNotification } from './connection-checks.queries.ts';

// A check's link carries a 256-bit token that is stored nowhere: the row holds only its SHA-256, and the message is
// worded anew for each level of the ladder (hours apart, by the delivery job), so the token is derived from the
// instance secret and the check's id whenever a message needs it. Only the server, holding the secret, can make
// it; whoever reads the table cannot.

/** The token of a check's link (43 URL-safe characters). */
export function checkToken(secret: Buffer, checkId: string): string {
  return createHmac('sha256', secret).update(`connection-check:${checkId}`).digest('base64url');
}

/** What the table stores and the page looks up: the token's SHA-256. */
export const checkTokenHash = (token: string): string => sha256(token);

/** The page where the customer answers: PUBLIC_URL/check/<token>. */
export function checkUrl(publicUrl: string, secret: Buffer, checkId: string): string {
  return `${publicUrl}/check/${checkToken(secret, checkId)}`;
}

/** The check link a notification carries, or null when the notification asks for no check. */
export async function checkLinkOf(deps: Deps, notificationId: string): Promise<string | null> {
  const check = await findCheckByNotification(deps.database.db, notificationId);
  return check ? checkUrl(deps.config.publicUrl, await instanceSecret(deps.database), check.id) : null;
}

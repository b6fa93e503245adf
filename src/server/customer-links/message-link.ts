import { findCheckByNotification } from '../connection-checks/connection-checks.queries.ts';
import type { Deps } from '../core/deps.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import { findPreservationByNotification } from '../preservation/preservation.queries.ts';
import { linkUrl } from './link-token.ts';

/** A customer link in a message: its page, and what the recipient is asked to do there. */
export interface MessageLink {
  url: string;
  label: string;
}

/**
 * The customer link a notification carries (a connection check's, a preservation request's), or null when it
 * carries none. Only where the content goes: the pages list what TLP:RED withholds from a channel not cleared for it.
 */
export async function customerLinkOf(deps: Deps, notificationId: string): Promise<MessageLink | null> {
  const { db } = deps.database;
  const check = await findCheckByNotification(db, notificationId);
  if (check) {
    return {
      url: linkUrl(deps.config.publicUrl, await instanceSecret(deps.database), 'check', check.id),
      label: 'Answer for each connection here (no account needed, works once)',
    };
  }
  const request = await findPreservationByNotification(db, notificationId);
  if (request) {
    return {
      url: linkUrl(deps.config.publicUrl, await instanceSecret(deps.database), 'preserve', request.id),
      label: 'Confirm each item here (no account needed)',
    };
  }
  return null;
}

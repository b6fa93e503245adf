import type { PreservationItem } from '../../shared/preservation-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { PreservationRequestsTable } from '../core/db/preservation-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { sendWithLink } from '../customer-links/send-with-link.ts';
import { recordCustody } from '../evidence/custody.ts';
import { findPreservation, insertPreservation, type PreservationRow } from './preservation.queries.ts';

export interface PreservationInput {
  /** What to preserve, in the customer's words: 1 to 50, each 1 to 300 characters (checked at the edge). */
  items: string[];
  /** The opening words of the message; absent: a standard text. */
  message?: string;
  /** YYYY-MM-DD: keep them at least until then; absent: until we say. */
  keepUntil?: string;
}

const INTRO =
  'We are handling a security incident that concerns you. Some of what shows what happened is held only by you, and it can be lost: logs roll over, machines are reimaged, mailboxes are cleaned up.';

function messageBody(input: PreservationInput, items: PreservationItem[]): string {
  const until = input.keepUntil ? `at least until ${input.keepUntil}` : 'until we tell you it is no longer needed';
  return [
    input.message?.trim() || INTRO,
    '',
    `Please preserve the following, unchanged, and keep it ${until}:`,
    ...items.map((item, i) => `${i + 1}. ${item.text}`),
    '',
    'Preserve before you clean up, restart or reinstall anything: memory is lost on a restart. Then tell us for each item whether you preserved it and where it is kept, or why you cannot.',
  ].join('\n');
}

/** The items as sent: trimmed, none empty, none repeated (ignoring case); 400 naming the item at fault. */
export function readItems(texts: string[]): PreservationItem[] {
  const seen = new Map<string, number>();
  return texts.map((raw, i) => {
    const text = raw.trim().replace(/\s+/g, ' ');
    if (!text) throw new AppError('invalid', `Item ${i + 1} is empty: write what to preserve, or remove it`, `items.${i}`);
    const key = text.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError('invalid', `Item ${i + 1} repeats item ${first + 1} (“${text}”): remove one of them`, `items.${i}`);
    }
    seen.set(key, i);
    return { id: `item-${i + 1}`, text };
  });
}

function checkKeepUntil(keepUntil: string | undefined, now: Date): void {
  if (keepUntil === undefined) return;
  const day = new Date(`${keepUntil}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== keepUntil) {
    throw new AppError('invalid', `keepUntil ${keepUntil} is not a date (YYYY-MM-DD)`, 'keepUntil');
  }
  if (keepUntil < now.toISOString().slice(0, 10)) {
    throw new AppError('invalid', `keepUntil ${keepUntil} is in the past: choose today or a later day`, 'keepUntil');
  }
}

/**
 * Sends the list of what to preserve up the customer's notify-customer ladder, with a link where they confirm item
 * by item. The request's row, its preservation.requested event and one 'preservation_requested' step per item on
 * its custody stream commit with the notification, or nothing does.
 */
export async function requestPreservation(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: PreservationInput,
): Promise<PreservationRow> {
  const { dialect } = deps.database;
  // Read inside the transaction, after the incident's access check: a stranger learns nothing from a 400.
  let items: PreservationItem[] = [];
  const id = await sendWithLink<Omit<PreservationRequestsTable, 'notification_id'>>(deps, actor, incidentIdOrKey, {
    kind: 'preserve',
    noCustomer: 'The incident has no customer to ask: set its customer in Details first',
    async prepare(_tx, incident, now, link) {
      items = readItems(input.items);
      checkKeepUntil(input.keepUntil, now);
      const row = {
        id: link.id,
        incident_id: incident.id,
        customer_id: incident.customerId,
        items: JSON.stringify(items),
        message: input.message?.trim() ?? '',
        keep_until: input.keepUntil ?? null,
        answers: '{}',
        token_hash: link.tokenHash,
        expires_at: link.expiresAt,
        answered_at: null,
        created_by: actor.name,
        created_at: now.toISOString(),
      };
      return { row, subject: 'Please preserve evidence: {{incident.key}} {{incident.title}}', body: messageBody(input, items) };
    },
    events: (row, notificationId) => [
      {
        type: 'preservation.requested',
        data: {
          requestId: row.id,
          notificationId,
          items: items.map((item) => item.text),
          keepUntil: row.keep_until,
          expiresAt: row.expires_at,
        },
      },
    ],
    async write(tx, row, n, now) {
      await insertPreservation(tx, { ...row, notification_id: n.id });
      const to = n.ladder[0]?.contactName || 'the customer';
      const note = row.keep_until ? `Keep until ${row.keep_until}` : '';
      for (const item of items) {
        await recordCustody(tx, dialect, {
          streamId: row.id,
          customerId: row.customer_id,
          by: actor,
          now,
          action: 'preservation_requested',
          to,
          note,
          details: { item: item.text, itemId: item.id },
        });
      }
    },
  });
  return (await findPreservation(deps.database.db, dialect, id)) as PreservationRow;
}

import type {
  PreservationAnswer,
  PreservationCustodyEntry,
  PreservationItem,
  PreservationRequest,
  PreservationStatus,
} from '../../shared/preservation-types.ts';
import { linkExpired } from '../customer-links/link-status.ts';
import type { CustodyEntry } from '../evidence/custody.ts';
import type { PreservationRow } from './preservation.queries.ts';

export function preservationItems(row: Pick<PreservationRow, 'items'>): PreservationItem[] {
  return JSON.parse(row.items);
}

export function preservationAnswers(row: Pick<PreservationRow, 'answers'>): Record<string, PreservationAnswer> {
  return JSON.parse(row.answers);
}

/** answered once every item has an answer; expired once the link ran out before that; else sent. */
export function preservationStatus(row: PreservationRow, now: Date): PreservationStatus {
  const answers = preservationAnswers(row);
  if (preservationItems(row).every((item) => answers[item.id])) return 'answered';
  return linkExpired(row, now) ? 'expired' : 'sent';
}

export function custodyView(entry: CustodyEntry): PreservationCustodyEntry {
  const { item, itemId } = entry.details as { item?: string; itemId?: string };
  return {
    seq: entry.seq,
    action: entry.action as PreservationCustodyEntry['action'],
    by: entry.by.name,
    at: entry.at,
    location: entry.location,
    note: entry.note,
    itemId: itemId ?? null,
    item: item ?? '',
    hash: entry.hash,
  };
}

export function preservationView(
  row: PreservationRow,
  now: Date,
  delivery: PreservationRequest['delivery'],
  custody: CustodyEntry[],
): PreservationRequest {
  const answers = preservationAnswers(row);
  return {
    id: row.id,
    incidentId: row.incident_id,
    notificationId: row.notification_id,
    status: preservationStatus(row, now),
    items: preservationItems(row).map((item) => ({ ...item, answer: answers[item.id] ?? null })),
    message: row.message,
    keepUntil: row.keep_until,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    delivery,
    custody: custody.map(custodyView),
  };
}

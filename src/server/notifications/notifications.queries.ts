import type { CompromisedChannel, DeliveryAttempt, InstructionAnswer, Notification } from '../../shared/notification-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { CompromisedChannelsTable, NotificationsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type { DeliveryAttempt, InstructionAnswer, Notification };

export const FINISHED: ReadonlySet<Notification['status']> = new Set(['acknowledged', 'answered', 'exhausted']);

export function toNotification(row: NotificationsTable): Notification {
  return {
    id: row.id,
    incidentId: row.incident_id,
    customerId: row.customer_id,
    purpose: row.purpose,
    kind: row.kind as Notification['kind'],
    status: row.status as Notification['status'],
    level: row.level,
    ladder: JSON.parse(row.ladder),
    subject: row.subject,
    body: row.body,
    attempts: JSON.parse(row.attempts),
    obligationRef: row.obligation_ref,
    stepRef: row.step_ref,
    response: row.response ? JSON.parse(row.response) : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
  };
}

export async function insertNotification(tx: Tx, row: NotificationsTable): Promise<void> {
  await tx.insertInto('notifications').values(row).execute();
}

export async function findNotification(tx: Tx, dialect: Dialect, id: string, forUpdate = false) {
  let query = tx.selectFrom('notifications').selectAll().where('id', '=', id);
  if (forUpdate && dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toNotification(row) : null;
}

export async function updateNotification(tx: Tx, id: string, set: Partial<NotificationsTable>): Promise<void> {
  await tx.updateTable('notifications').set(set).where('id', '=', id).execute();
}

export async function listIncidentNotifications(tx: Tx, incidentId: string): Promise<Notification[]> {
  const rows = await tx
    .selectFrom('notifications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toNotification);
}

/** Whether the incident has a notification (a draft too) for this PACE purpose: a first report goes only once. */
export async function hasNotificationFor(tx: Tx, incidentId: string, purpose: string): Promise<boolean> {
  const row = await tx
    .selectFrom('notifications')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('purpose', '=', purpose)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The incident's notifications still walking their ladder (for "move to level" and compromised channels). */
export async function listOpenNotifications(tx: Tx, incidentId: string): Promise<Notification[]> {
  return (await listIncidentNotifications(tx, incidentId)).filter((n) => n.status !== 'draft' && !FINISHED.has(n.status));
}

export async function insertCompromisedChannel(tx: Tx, row: CompromisedChannelsTable): Promise<void> {
  await tx.insertInto('compromised_channels').values(row).execute();
}

/** Channels declared compromised for this incident or for its whole customer, oldest first. */
export async function compromisedChannels(
  tx: Tx,
  incidentId: string | null,
  customerId: string | null,
): Promise<CompromisedChannel[]> {
  if (!incidentId && !customerId) return [];
  const rows = await tx
    .selectFrom('compromised_channels')
    .selectAll()
    .where((w) => {
      const scopes = [];
      if (incidentId) scopes.push(w('incident_id', '=', incidentId));
      if (customerId) scopes.push(w.and([w('customer_id', '=', customerId), w('incident_id', 'is', null)]));
      return w.or(scopes);
    })
    .orderBy('declared_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    channel: r.channel,
    scope: r.incident_id ? 'incident' : 'customer',
    reason: r.reason,
    declaredBy: r.declared_by,
    declaredAt: r.declared_at,
  }));
}

/** What the ladder skips: channel id → why it was declared compromised. */
export async function compromisedReasons(
  tx: Tx,
  incidentId: string | null,
  customerId: string | null,
): Promise<Map<string, string>> {
  return new Map((await compromisedChannels(tx, incidentId, customerId)).map((c) => [c.channelId, c.reason]));
}

/** An active user as a message reaches them: name, account e-mail and the contact they are linked to. */
export function findPersonToTell(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'contact_id'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

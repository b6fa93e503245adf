import type { TriageItemDetail, TriageItemFacts, TriageStatus } from '../../shared/triage-types.ts';
import { type Actor, assertCan, listReader, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { listTriageEvidence } from '../evidence/evidence.queries.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import type { AlertsForTriage } from './feed-triage.ts';
import { findTriageItem, incidentKeyOf, listTriageItems, listTriageMessages, type TriageItemRow } from './triage.queries.ts';
import { triageItemView } from './triage.views.ts';

const ALERTS_SHOWN = 500;

/** The triage queue (or the items taken into one incident), newest activity first. */
export async function listTriage(
  deps: Deps,
  alerts: AlertsForTriage,
  actor: Actor,
  filter: { status?: TriageStatus; incidentId?: string; limit?: number },
): Promise<TriageItemFacts[]> {
  assertCan(actor, 'incident.read');
  const { db } = deps.database;
  const rows = await listTriageItems(db, {
    ...filter,
    visible: visibleCustomers(actor),
    reader: listReader(actor),
    limit: filter.limit ?? 200,
  });
  const firing = await alerts.firingCounts(
    db,
    rows.filter((r) => r.kind === 'alerts').map((r) => r.id),
  );
  return rows.map((row) => triageItemView(row, firing.get(row.id) ?? 0, row.incident_key));
}

/** An item as the API shows it, from its row as a decision left it (without its alerts and messages). */
export async function triageItemNow(deps: Deps, alerts: AlertsForTriage, row: TriageItemRow): Promise<TriageItemFacts> {
  const { db } = deps.database;
  const firing = row.kind === 'alerts' ? ((await alerts.firingCounts(db, [row.id])).get(row.id) ?? 0) : 0;
  return triageItemView(row, firing, await incidentKeyOf(db, row.incident_id));
}

/** One item with its alerts (the most recent 500), what reporters added, and its evidence. */
export async function readTriageItem(
  deps: Deps,
  alerts: AlertsForTriage,
  actor: Actor,
  id: string,
): Promise<Omit<TriageItemDetail, 'item'> & { item: TriageItemFacts }> {
  const { db } = deps.database;
  const row = await findTriageItem(db, id);
  if (!row) throw new AppError('not_found', `No triage item ${id}`);
  assertCan(actor, 'incident.read', { customerId: row.customer_id, notFound: `No triage item ${id}` });
  // Taken into a TLP:RED incident, the item is part of it: only the people on its list read it.
  if (row.incident_id) {
    const incident = await findIncident(db, deps.database.dialect, row.incident_id);
    if (incident) await assertIncidentAccess(db, actor, incident.state, 'incident.read', `No triage item ${id}`);
  }
  const isGroup = row.kind === 'alerts';
  const [listed, firing, messages, evidence, incidentKey] = await Promise.all([
    isGroup ? alerts.listAlerts(db, id, ALERTS_SHOWN) : [],
    isGroup ? alerts.firingCounts(db, [id]) : new Map<string, number>(),
    listTriageMessages(db, id),
    listTriageEvidence(db, id),
    incidentKeyOf(db, row.incident_id),
  ]);
  return {
    item: triageItemView(row, firing.get(id) ?? 0, incidentKey),
    alerts: listed,
    messages: messages.map((m) => ({ id: m.id, author: JSON.parse(m.author), body: m.body, receivedAt: m.received_at })),
    evidence,
  };
}

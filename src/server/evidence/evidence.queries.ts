import type { Selectable } from 'kysely';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import type { EvidenceTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type EvidenceRow = Selectable<EvidenceTable>;

export function evidenceItemView(row: EvidenceRow): EvidenceItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    triageItemId: row.triage_item_id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    source: row.source,
    collectedBy: row.collected_by,
    collectedAt: row.collected_at,
  };
}

/**
 * Stores the bytes under their SHA-256 unless they are stored already: the same file collected twice
 * (an attachment forwarded again, a re-sent message) is kept once. ON CONFLICT DO NOTHING works on both dialects.
 */
export async function insertBlobIfAbsent(tx: Tx, blob: { sha256: string; size: number; bytes: Uint8Array }): Promise<void> {
  await tx
    .insertInto('evidence_blobs')
    .values(blob)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function insertEvidence(tx: Tx, row: EvidenceRow): Promise<void> {
  await tx.insertInto('evidence').values(row).execute();
}

export function findEvidence(tx: Tx, id: string): Promise<EvidenceRow | undefined> {
  return tx.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The stored bytes of a blob, or null when no blob has that hash. */
export async function readBlob(tx: Tx, sha256: string): Promise<Buffer | null> {
  const row = await tx.selectFrom('evidence_blobs').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  // SQLite hands back a Uint8Array, PostgreSQL a Buffer; both views share the memory.
  return row ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
}

export async function listIncidentEvidence(tx: Tx, incidentId: string): Promise<EvidenceItem[]> {
  const rows = await tx
    .selectFrom('evidence')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('collected_at')
    .orderBy('id')
    .execute();
  return rows.map(evidenceItemView);
}

export async function listTriageEvidence(tx: Tx, triageItemId: string): Promise<EvidenceItem[]> {
  const rows = await tx
    .selectFrom('evidence')
    .selectAll()
    .where('triage_item_id', '=', triageItemId)
    .orderBy('collected_at')
    .orderBy('id')
    .execute();
  return rows.map(evidenceItemView);
}

/**
 * Moves the evidence of a triage item to the incident it was opened as or attached to, and under that incident's
 * customer. triage_item_id stays set, so the item's own page still lists what came with it. Returns the moved
 * items: the caller puts an evidence.added event for each on the incident's timeline in the same transaction
 * (see recordEvidenceOnTimeline in store-evidence.ts).
 */
export async function assignTriageEvidenceToIncident(tx: Tx, triageItemId: string, incidentId: string): Promise<EvidenceItem[]> {
  const incident = await tx.selectFrom('incidents').select('customer_id').where('id', '=', incidentId).executeTakeFirst();
  if (!incident) throw new Error(`No incident ${incidentId}`);
  const rows = await tx
    .updateTable('evidence')
    .set({ incident_id: incidentId, customer_id: incident.customer_id })
    .where('triage_item_id', '=', triageItemId)
    .where('incident_id', 'is', null)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.collected_at.localeCompare(b.collected_at) || a.id.localeCompare(b.id)).map(evidenceItemView);
}

/** Any one item with these bytes and content type (the sha256 lookup goes through the blobs' primary key first). */
export async function findEvidenceByHash(tx: Tx, sha256: string, contentType: string): Promise<EvidenceRow | undefined> {
  const blob = await tx.selectFrom('evidence_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  if (!blob) return undefined;
  return tx
    .selectFrom('evidence')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('content_type', '=', contentType)
    .limit(1)
    .executeTakeFirst();
}

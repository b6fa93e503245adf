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
    description: row.description,
    claimedContentType: row.claimed_content_type,
    custodyCount: Number(row.custody_version),
    lastVerification: row.verified_at ? { at: row.verified_at, ok: Number(row.verified_ok) === 1 } : null,
  };
}

export async function insertEvidence(tx: Tx, row: EvidenceRow): Promise<void> {
  await tx.insertInto('evidence').values(row).execute();
}

export function findEvidence(tx: Tx, id: string): Promise<EvidenceRow | undefined> {
  return tx.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether any item stands on the file with these bytes (a file nobody names may be swept). */
export async function isShaReferenced(tx: Tx, sha256: string): Promise<boolean> {
  const row = await tx
    .selectFrom('evidence')
    .select('id')
    .where('sha256', '=', sha256)
    .where('storage', '=', 'file')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The new head of an item's custody stream, after a step was appended in the same transaction. */
export async function updateCustodyHead(tx: Tx, id: string, head: { version: number; hash: string }): Promise<void> {
  await tx.updateTable('evidence').set({ custody_version: head.version, custody_head: head.hash }).where('id', '=', id).execute();
}

export async function updateVerification(tx: Tx, id: string, at: string, ok: boolean): Promise<void> {
  await tx
    .updateTable('evidence')
    .set({ verified_at: at, verified_ok: ok ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** One page of every item, in id order (keyset), for verifying every stored file. */
export function evidencePage(tx: Tx, after: string | null, limit: number): Promise<EvidenceRow[]> {
  let query = tx.selectFrom('evidence').selectAll();
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** The stored bytes of a blob (items stored before 0014), or null when no blob has that hash. */
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

/** Any one item with these bytes and content type. */
export function findEvidenceByHash(tx: Tx, sha256: string, contentType: string): Promise<EvidenceRow | undefined> {
  return tx
    .selectFrom('evidence')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('content_type', '=', contentType)
    .limit(1)
    .executeTakeFirst();
}

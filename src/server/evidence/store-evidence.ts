import { createHash, randomUUIDv7 } from 'node:crypto';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { appendEvents } from '../core/events/event-store.ts';
import { evolve } from '../incidents/incident.ts';
import { forgetIncident } from '../incidents/incident-cache.ts';
import { findIncident, updateIncident } from '../incidents/incidents.queries.ts';
import { evidenceItemView, insertBlobIfAbsent, insertEvidence } from './evidence.queries.ts';

export interface NewEvidence {
  /** Exactly one of incidentId and triageItemId: where the item belongs now. */
  incidentId?: string | null;
  triageItemId?: string | null;
  customerId: string | null;
  name: string;
  contentType: string;
  bytes: Uint8Array;
  /** Where it came from, in words: "e-mail from jane@example.org". */
  source: string;
  /** Who collected it, as the timeline names them. */
  collectedBy: string;
  collectedAt: Date;
}

let lastId = '';

/**
 * A UUIDv7 greater than the previous one from this process. Node's randomUUIDv7 is random within a millisecond,
 * and the items of one message (stored in the same millisecond) must list in the order they were collected.
 */
function nextEvidenceId(): string {
  const fresh = randomUUIDv7();
  if (fresh > lastId) {
    lastId = fresh;
  } else {
    const tail = (BigInt(`0x${lastId.slice(24)}`) + 1n).toString(16).padStart(12, '0').slice(-12);
    lastId = lastId.slice(0, 24) + tail;
  }
  return lastId;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores one evidence item inside the caller's transaction: the bytes content-addressed by their SHA-256 (kept
 * once however often they are collected), and the item saying where it came from, who collected it and when.
 * Puts nothing on a timeline: for an incident, follow with recordEvidenceOnTimeline in the same transaction.
 */
export async function storeEvidence(tx: Tx, _dialect: Dialect, evidence: NewEvidence): Promise<EvidenceItem> {
  const incidentId = evidence.incidentId ?? null;
  const triageItemId = evidence.triageItemId ?? null;
  if ((incidentId === null) === (triageItemId === null)) throw new Error('Evidence belongs to an incident or a triage item');
  const sha256 = sha256Hex(evidence.bytes);
  const size = evidence.bytes.byteLength;
  await insertBlobIfAbsent(tx, { sha256, size, bytes: evidence.bytes });
  const row = {
    id: nextEvidenceId(),
    incident_id: incidentId,
    triage_item_id: triageItemId,
    customer_id: evidence.customerId,
    name: evidence.name,
    content_type: evidence.contentType,
    size,
    sha256,
    source: evidence.source,
    collected_by: evidence.collectedBy,
    collected_at: evidence.collectedAt.toISOString(),
  };
  await insertEvidence(tx, row);
  return evidenceItemView(row);
}

/** The timeline's proof of custody for one item: what it is (by its hash), where it came from, and (as the actor) who. */
export function evidenceAddedEvent(item: EvidenceItem): IncidentEvent {
  return {
    type: 'evidence.added',
    data: {
      evidenceId: item.id,
      name: item.name,
      contentType: item.contentType,
      size: item.size,
      sha256: item.sha256,
      source: item.source,
      collectedBy: item.collectedBy,
      collectedAt: item.collectedAt,
    },
  };
}

/**
 * Appends an evidence.added event per item to the incident's timeline inside the caller's transaction (for
 * use-cases that already hold one, e.g. an incident reported with its attachments). The incident row is locked
 * on PostgreSQL so concurrent writers queue; the caller notifies the feed after commit.
 */
export async function recordEvidenceOnTimeline(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  incidentId: string,
  items: readonly EvidenceItem[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  const { dialect } = deps.database;
  const record = await findIncident(tx, dialect, incidentId, true);
  if (!record) throw new Error(`No incident ${incidentId}`);
  const { state, headHash } = record;
  const events = await appendEvents(
    tx,
    dialect,
    state.id,
    { seq: state.version, hash: headHash },
    items.map(evidenceAddedEvent),
    actor,
    now,
    { streamType: 'incident', customerId: state.customerId },
  );
  const next = events.reduce(evolve, state);
  // The version guard cannot fail here (the row is locked, or SQLite's one writer holds the transaction), but
  // a silent no-op would leave the projection behind its events.
  if (!(await updateIncident(tx, dialect, next, events[events.length - 1].hash, state))) {
    throw new Error(`Incident ${incidentId} changed while evidence was being recorded`);
  }
  // The SQLite cache of the last written state would now be one change behind.
  forgetIncident(deps.database, state.id);
}

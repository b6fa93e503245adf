import { createHash, randomUUIDv7 } from 'node:crypto';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { type Actor, SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import type { EventActor } from '../core/events/event-store.ts';
import { appendEvents } from '../core/events/event-store.ts';
import { evolve } from '../incidents/incident.ts';
import { forgetIncident } from '../incidents/incident-cache.ts';
import { findIncident, updateIncident } from '../incidents/incidents.queries.ts';
import { projectMetricFacts } from '../metrics/project-metric-facts.ts';
import { recordEvidenceCustody } from './custody.ts';
import { evidenceItemView, insertEvidence } from './evidence.queries.ts';
import { sniffContentType } from './evidence-content.ts';
import { type PlacedFile, putBytes } from './evidence-files.ts';

export interface NewEvidence {
  /** Exactly one of incidentId and triageItemId: where the item belongs now. */
  incidentId?: string | null;
  triageItemId?: string | null;
  customerId: string | null;
  /** As given; made safe (safeEvidenceName) by the caller that took it from outside. */
  name: string;
  /** What Muster knows the bytes are (an e-mail it received itself); absent: told from the bytes. */
  contentType?: string;
  /** What the sender said the bytes are; kept, never trusted. */
  claimedContentType?: string | null;
  /** The bytes in memory, or a file already in the store (a streamed upload). */
  bytes?: Uint8Array;
  file?: PlacedFile;
  /** Where it came from, in words: "e-mail from jane@example.org". */
  source: string;
  /** Who collected it, as the timeline names them. */
  collectedBy: string;
  collectedAt: Date;
  description?: string;
  /** Who put it into Muster: the custody stream's first step is theirs (default: Muster itself). */
  by?: EventActor;
  now?: Date;
}

/** What storing evidence needs: the database's dialect and the directory of the files. */
export type EvidenceDeps = { database: Pick<Database, 'dialect'>; config: Pick<Config, 'evidenceDir'> };

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
 * Stores one evidence item inside the caller's transaction: the bytes in the evidence directory by their SHA-256
 * (kept once however often they are collected), the item saying where it came from, who collected it and when,
 * and the first step of its chain of custody ('collected'). Puts nothing on an incident's timeline: for an
 * incident, follow with recordEvidenceOnTimeline in the same transaction. Bytes in memory are written (and
 * synced) before the row; should the transaction fail, the file is left for the sweep of unreferenced files.
 */
export async function storeEvidence(tx: Tx, deps: EvidenceDeps, evidence: NewEvidence): Promise<EvidenceItem> {
  const incidentId = evidence.incidentId ?? null;
  const triageItemId = evidence.triageItemId ?? null;
  if ((incidentId === null) === (triageItemId === null)) throw new Error('Evidence belongs to an incident or a triage item');
  const file = evidence.file ?? (evidence.bytes ? await putBytes(deps.config.evidenceDir, evidence.bytes) : null);
  if (!file) throw new Error('Evidence needs its bytes or a stored file');
  const { sha256, size } = file;
  const id = nextEvidenceId();
  const row = {
    id,
    incident_id: incidentId,
    triage_item_id: triageItemId,
    customer_id: evidence.customerId,
    name: evidence.name,
    content_type: evidence.contentType ?? sniffContentType(file.head),
    size,
    sha256,
    source: evidence.source,
    collected_by: evidence.collectedBy,
    collected_at: evidence.collectedAt.toISOString(),
    storage: 'file' as const,
    description: evidence.description ?? '',
    claimed_content_type: evidence.claimedContentType ?? null,
    custody_version: 0,
    custody_head: null,
    verified_at: null,
    verified_ok: null,
  };
  await insertEvidence(tx, row);
  const by = evidence.by ?? { id: SYSTEM_ACTOR.id, name: SYSTEM_ACTOR.name };
  const collected = await recordEvidenceCustody(tx, deps.database.dialect, {
    evidenceId: id,
    customerId: evidence.customerId,
    by,
    now: evidence.now ?? new Date(),
    action: 'collected',
    note: evidence.description ?? '',
    details: { name: row.name, sha256, size, source: row.source, collectedBy: row.collected_by, collectedAt: row.collected_at },
  });
  return evidenceItemView({ ...row, custody_version: collected.seq, custody_head: collected.hash });
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
  await projectMetricFacts(tx, state, events);
  // The SQLite cache of the last written state would now be one change behind.
  forgetIncident(deps.database, state.id);
}

import { sql } from 'kysely';
import type { CustodyAction } from '../../shared/custody-events.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { appendEvents, type EventActor, toStoredEvents } from '../core/events/event-store.ts';
import { readStream, streamHead } from '../core/events/events.queries.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { updateCustodyHead } from './evidence.queries.ts';

/** One step of a chain of custody as read back: who, when, what, and its link in the stream's hash chain. */
export interface CustodyEntry {
  seq: number;
  action: CustodyAction;
  by: EventActor;
  at: string;
  to: string | null;
  location: string | null;
  note: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface CustodyStep {
  /** The custody stream: an evidence item's id, or a preservation request's id. */
  streamId: string;
  customerId: string | null;
  by: EventActor;
  now: Date;
  action: CustodyAction;
  to?: string | null;
  location?: string | null;
  note?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one step to a custody stream inside the caller's transaction, chained to the step before. Concurrent
 * steps on one stream queue behind a lock on that stream (PostgreSQL) or SQLite's single writer, so none is lost.
 */
export async function recordCustody(tx: Tx, dialect: Dialect, step: CustodyStep): Promise<CustodyEntry> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`custody:${step.streamId}`}, 0))`.execute(tx);
  }
  const head = await streamHead(tx, step.streamId);
  const data = {
    action: step.action,
    to: step.to ?? null,
    location: step.location ?? null,
    note: step.note ?? '',
    ...(step.details ? { details: step.details } : {}),
  };
  const [stored] = await appendEvents(
    tx,
    dialect,
    step.streamId,
    { seq: head.seq, hash: head.hash ?? GENESIS_HASH },
    [{ type: 'custody.recorded', data }],
    step.by,
    step.now,
    { streamType: 'custody', customerId: step.customerId },
  );
  return custodyEntry(stored);
}

/** The whole chain of custody of one stream, oldest first. */
export async function listCustody(tx: Tx, streamId: string): Promise<CustodyEntry[]> {
  return toStoredEvents(await readStream(tx, streamId)).map(custodyEntry);
}

function custodyEntry(event: {
  seq: number;
  actor: EventActor;
  occurredAt: string;
  data: unknown;
  prevHash: string;
  hash: string;
}): CustodyEntry {
  const data = event.data as {
    action: CustodyAction;
    to: string | null;
    location: string | null;
    note: string;
    details?: Record<string, unknown>;
  };
  return {
    seq: event.seq,
    action: data.action,
    by: event.actor,
    at: event.occurredAt,
    to: data.to,
    location: data.location,
    note: data.note,
    details: data.details ?? {},
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/**
 * A step in an evidence item's chain of custody (stream id = the item's id), with the item's row keeping the
 * stream's new head, in the caller's transaction.
 */
export async function recordEvidenceCustody(
  tx: Tx,
  dialect: Dialect,
  step: Omit<CustodyStep, 'streamId'> & { evidenceId: string },
): Promise<CustodyEntry> {
  const { evidenceId, ...rest } = step;
  const entry = await recordCustody(tx, dialect, { ...rest, streamId: evidenceId });
  await updateCustodyHead(tx, evidenceId, { version: entry.seq, hash: entry.hash });
  return entry;
}

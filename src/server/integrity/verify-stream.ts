import type { StreamEvents } from '../../shared/timeline-events.ts';
import { type StoredEvent, toStoredEvent } from '../core/events/event-store.ts';
import type { EventRow } from '../core/events/events.queries.ts';
import { canonicalJson, chainWalker } from '../core/events/hash-chain.ts';
import type { StreamKind } from './integrity.queries.ts';

/** How one stream's projection must follow from its events. Pure: the caller reads the rows. */
export interface Replay<S, K extends StreamKind = StreamKind> {
  kind: K;
  /** The head stored beside the projection (version and hash): the one head verify and the endpoint both check. */
  stored: { version: number; head: string };
  evolve(state: S | null, event: StoredEvent<StreamEvents[K]>): S;
  /** The customer the stream belongs to after an event, by its chained events; undefined when they do not say. */
  customerOf(state: S): string | null | undefined;
  /** How the stored projection differs from the replayed state, in words; empty when it matches. */
  differences(state: S): string[];
}

export interface StreamVerdict {
  valid: boolean;
  /** Events that link, from the first. */
  count: number;
  /** Hash of the last of them. */
  head: string;
  /** The first event that is wrong, when the problem is an event's. */
  firstInvalidSeq?: number;
  problem?: string;
}

const NOUN: Record<StreamKind, string> = { incident: 'incident', record: 'registry record', triage: 'triage item' };

/**
 * Checks a stream fed one event at a time: its hash chain, the columns of each event that the hash does not
 * cover (stream type, customer) against the replay, where it ends against the stored head, optionally the
 * event an anchor recorded, and finally the projection against the replayed state. Stops at the first problem.
 */
export function streamVerifier<S, K extends StreamKind>(replay: Replay<S, K>, anchor?: { seq: number; hash: string }) {
  const walker = chainWalker();
  let state: S | null = null;
  let broken: StreamVerdict | null = null;
  // The problem with the next event, or null: its link, its replay, then its columns outside the hash.
  const problemWith = (row: EventRow): { seq: number; problem: string } | null => {
    let event: StoredEvent;
    try {
      event = toStoredEvent(row);
    } catch {
      return { seq: row.seq, problem: `event #${row.seq} is not readable (its data or actor is not valid JSON)` };
    }
    const linkProblem = walker.next(event);
    if (linkProblem) return { seq: walker.count + 1, problem: linkProblem };
    const { seq } = event;
    try {
      // Replayed as what its stream holds: the fold throws on what it cannot read, and a wrong type is reported below.
      state = replay.evolve(state, event as StoredEvent<StreamEvents[K]>);
    } catch (error) {
      return { seq, problem: `event #${seq} cannot be replayed: ${(error as Error).message}` };
    }
    if (row.stream_type !== replay.kind) {
      const problem = `event #${seq} is filed as a ${row.stream_type} event (events.stream_type) but is on this ${NOUN[replay.kind]}'s stream`;
      return { seq, problem };
    }
    const customer = replay.customerOf(state);
    if (customer !== undefined && row.customer_id !== customer) {
      const problem = `event #${seq} is filed under ${customerWords(row.customer_id)} (events.customer_id), but by its stream the ${NOUN[replay.kind]} belonged to ${customerWords(customer)} then`;
      return { seq, problem };
    }
    if (anchor && seq === anchor.seq && event.hash !== anchor.hash) {
      const problem = `event #${seq} is not the one anchored (hash ${event.hash.slice(0, 16)}…, anchored ${anchor.hash.slice(0, 16)}…): the stream was rewritten after the anchor was taken`;
      return { seq, problem };
    }
    return null;
  };
  return {
    push(row: EventRow): void {
      if (broken) return;
      const found = problemWith(row);
      if (found)
        broken = { valid: false, count: walker.count, head: walker.head, firstInvalidSeq: found.seq, problem: found.problem };
    },
    /** The replayed state so far (null before the first event). */
    get state(): S | null {
      return state;
    },
    finish(): StreamVerdict {
      if (broken) return broken;
      const { count, head } = walker;
      const { version, head: storedHead } = replay.stored;
      const noun = NOUN[replay.kind];
      if (count < version || (count === version && head !== storedHead)) {
        return {
          valid: false,
          count,
          head,
          firstInvalidSeq: count + 1,
          problem: `the ${noun}'s stream should hold ${version} events but ${count} remain intact`,
        };
      }
      if (count > version) {
        return {
          valid: false,
          count,
          head,
          firstInvalidSeq: version + 1,
          problem: `the ${noun}'s stream holds ${count} events but the ${noun} says ${version}: events were added to it outside Muster, or its version was changed`,
        };
      }
      if (anchor && anchor.seq > count) {
        return {
          valid: false,
          count,
          head,
          firstInvalidSeq: count + 1,
          problem: `the stream ends at event #${count} but the anchor recorded event #${anchor.seq}: events were removed after the anchor was taken`,
        };
      }
      if (state === null) return { valid: false, count, head, problem: `the ${noun} has no events` };
      const differences = replay.differences(state);
      if (differences.length) return { valid: false, count, head, problem: differences.join('; ') };
      return { valid: true, count, head };
    },
  };
}

function customerWords(id: string | null): string {
  return id === null ? 'no customer' : `customer ${id}`;
}

/** A stored value for a message: short, quoted text, "none" for null. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  const text = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The fields of a stored JSON object that differ from the replayed one, each as "the stored <where> <field> is X
 * but its stream says Y". Nested objects listed in `deeper` are compared field by field.
 */
export function jsonDifferences(
  where: string,
  storedText: string,
  replayed: Record<string, unknown>,
  deeper: string[] = [],
): string[] {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(storedText);
  } catch {
    return [`the stored ${where} is not valid JSON`];
  }
  if (stored === null || typeof stored !== 'object') return [`the stored ${where} is not an object`];
  const out: string[] = [];
  for (const field of new Set([...Object.keys(stored), ...Object.keys(replayed)])) {
    const [a, b] = [stored[field], replayed[field]];
    if (same(a, b)) continue;
    if (deeper.includes(field) && a && b && typeof a === 'object' && typeof b === 'object') {
      out.push(...jsonDifferences(`${where} ${field}`, JSON.stringify(a), b as Record<string, unknown>));
    } else {
      out.push(`the stored ${where} ${field} is ${shown(a)} but its stream says ${shown(b)}`);
    }
  }
  return out;
}

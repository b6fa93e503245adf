import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so that equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Written as a loop rather than entries/filter/sort/map: this runs for every event appended, on the write path.
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    text += `${text ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${text}}`;
}

/** The fields of an event that its hash covers: everything but the hash and the global position. */
export interface ChainedFields {
  streamId: string;
  seq: number;
  type: string;
  actor: unknown;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
  prevHash: string;
}

/**
 * sha256 of the canonical JSON of the chained fields. dataText and actorText, when given, are canonicalJson of
 * fields.data and fields.actor (the caller has them already: they are what it stores).
 */
export function hashEvent(
  fields: ChainedFields,
  dataText = canonicalJson(fields.data),
  actorText = canonicalJson(fields.actor),
): string {
  const { streamId, seq, type, occurredAt, recordedAt, prevHash } = fields;
  // Keys in sorted order, as canonicalJson would write them, with the data spliced in as it was serialised.
  const text = `{"actor":${actorText},"data":${dataText},"occurredAt":${JSON.stringify(occurredAt)},"prevHash":${JSON.stringify(prevHash)},"recordedAt":${JSON.stringify(recordedAt)},"seq":${seq},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  return hash('sha256', text, 'hex');
}

export interface ChainVerdict {
  valid: boolean;
  count: number;
  head: string;
  firstInvalidSeq?: number;
  problem?: string;
}

/**
 * Checks a stream's links one event at a time, so that long streams can be read in pages. next() answers the
 * problem with the event in words (null: it links); after a problem the walker stays where it stopped.
 */
export function chainWalker() {
  let head = GENESIS_HASH;
  let count = 0;
  return {
    next(event: ChainedFields & { hash: string }): string | null {
      const seq = count + 1;
      if (event.seq !== seq) return `event #${seq} is missing (found #${event.seq} in its place)`;
      if (event.prevHash !== head) return `event #${seq} does not link to the event before it`;
      if (hashEvent(event) !== event.hash) return `event #${seq} was altered after it was recorded`;
      head = event.hash;
      count = seq;
      return null;
    },
    /** How many events link so far, and the hash of the last of them. */
    get count() {
      return count;
    },
    get head() {
      return head;
    },
  };
}

/** The problem when an intact chain does not end where its projection says it does (events cut off the end). */
export function endProblem(count: number, head: string, expected: { version: number; head: string }): string | null {
  if (expected.version === count && expected.head === head) return null;
  return `the timeline should hold ${expected.version} events but ${count} remain intact`;
}

/**
 * Recomputes a stream's chain. expected (the projection's version and head) catches events removed from the end.
 * Reports the first broken link.
 */
export function verifyChain(
  events: Iterable<ChainedFields & { hash: string }>,
  expected?: { version: number; head: string },
): ChainVerdict {
  const walker = chainWalker();
  for (const event of events) {
    const problem = walker.next(event);
    if (problem) return { valid: false, count: walker.count, head: walker.head, firstInvalidSeq: walker.count + 1, problem };
  }
  const { count, head } = walker;
  const problem = expected && endProblem(count, head, expected);
  if (problem) return { valid: false, count, head, firstInvalidSeq: count + 1, problem };
  return { valid: true, count, head };
}

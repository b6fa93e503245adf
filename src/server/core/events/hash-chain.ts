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
 * Recomputes a stream's chain. expected (the projection's version and head) catches events removed from the end.
 * Reports the first broken link.
 */
export function verifyChain(
  events: Iterable<ChainedFields & { hash: string }>,
  expected?: { version: number; head: string },
): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const event of events) {
    const seq = count + 1;
    const broken = (problem: string): ChainVerdict => ({ valid: false, count, head: prev, firstInvalidSeq: seq, problem });
    if (event.seq !== seq) return broken(`event #${seq} is missing (found #${event.seq} in its place)`);
    if (event.prevHash !== prev) return broken(`event #${seq} does not link to the event before it`);
    if (hashEvent(event) !== event.hash) return broken(`event #${seq} was altered after it was recorded`);
    prev = event.hash;
    count = seq;
  }
  if (expected && (expected.version !== count || expected.head !== prev)) {
    return {
      valid: false,
      count,
      head: prev,
      firstInvalidSeq: count + 1,
      problem: `the timeline should hold ${expected.version} events but ${count} remain intact`,
    };
  }
  return { valid: true, count, head: prev };
}

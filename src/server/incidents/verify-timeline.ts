import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { toStoredEvents } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { type ChainVerdict, verifyChain } from '../core/events/hash-chain.ts';
import { listRecordHeads } from '../registry/records.queries.ts';
import { listIncidentHeads } from './incidents.queries.ts';

/** Recomputes one incident's hash chain and checks it still ends where the incident says it does. */
export async function verifyIncidentTimeline(
  db: Kysely<DB>,
  incidentId: string,
  expected: { version: number; head: string },
): Promise<ChainVerdict> {
  const events = [];
  for (let after = 0; ; ) {
    const page = await readStream(db, incidentId, after, 5000);
    events.push(...toStoredEvents(page));
    if (page.length < 5000) break;
    after = page[page.length - 1].seq;
  }
  return verifyChain(events, expected);
}

/**
 * Verifies every stream: each incident's timeline and each registry object's history. The report lists each
 * broken one (by incident key, or kind and id) with its first broken link.
 */
export async function verifyAllTimelines(
  db: Kysely<DB>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ checked: number; broken: { streamId: string; key: string; verdict: ChainVerdict }[] }> {
  const heads = [
    ...(await listIncidentHeads(db)),
    ...(await listRecordHeads(db)).map((r) => ({ ...r, key: `${r.kind} ${r.id}` })),
  ];
  const broken = [];
  let done = 0;
  for (const h of heads) {
    const verdict = await verifyIncidentTimeline(db, h.id, { version: h.version, head: h.head_hash });
    if (!verdict.valid) broken.push({ streamId: h.id, key: h.key, verdict });
    onProgress?.(++done, heads.length);
  }
  return { checked: heads.length, broken };
}

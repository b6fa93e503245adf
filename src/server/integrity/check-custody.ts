import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { toStoredEvent } from '../core/events/event-store.ts';
import type { EventRow } from '../core/events/events.queries.ts';
import { chainWalker } from '../core/events/hash-chain.ts';
import { custodyHeadPage, eventsOfStreams, otherCustodyStreams } from './integrity.queries.ts';

/** A broken chain of custody, named so that a person can find it (the same shape as verify's other findings). */
export interface CustodyFinding {
  id: string;
  label: string;
  firstInvalidSeq?: number;
  problem: string;
}

const PAGE = 500;
const EVENTS_PER_PAGE = 5000;

/** Walks one custody stream's chain: every link, and that each event is filed as a custody event. */
function custodyWalker() {
  const walker = chainWalker();
  let problem: { seq: number; text: string } | null = null;
  return {
    push(row: EventRow) {
      if (problem) return;
      let text: string | null;
      try {
        text = walker.next(toStoredEvent(row));
      } catch {
        text = `event #${row.seq} is not readable (its data or actor is not valid JSON)`;
      }
      if (!text && row.stream_type !== 'custody')
        text = `event #${row.seq} is filed as a ${row.stream_type} event on a custody stream`;
      if (text) problem = { seq: walker.count + 1, text };
    },
    get problem() {
      return problem;
    },
    get count() {
      return walker.count;
    },
    get head() {
      return walker.head;
    },
  };
}

async function walk(db: Kysely<DB>, ids: string[]) {
  const walkers = new Map(ids.map((id) => [id, custodyWalker()]));
  for (let cursor: { streamId: string; seq: number } | null = null; ; ) {
    const events = await eventsOfStreams(db, ids, cursor, EVENTS_PER_PAGE);
    for (const event of events) walkers.get(event.stream_id)?.push(event);
    if (events.length < EVENTS_PER_PAGE) break;
    const last = events[events.length - 1];
    cursor = { streamId: last.stream_id, seq: last.seq };
  }
  return walkers;
}

/**
 * Verifies every chain of custody: each evidence item's stream links from the first step and ends where the item
 * says (custody_version, custody_head), so a step altered, removed or added outside Muster is found; custody
 * streams of no item (preservation requests) are checked link by link.
 */
export async function verifyCustodyStreams(db: Kysely<DB>): Promise<{ checked: number; findings: CustodyFinding[] }> {
  const findings: CustodyFinding[] = [];
  let checked = 0;
  for (let after: string | null = null; ; ) {
    const rows = await custodyHeadPage(db, after, PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const walkers = await walk(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      checked += 1;
      const walker = walkers.get(row.id) as ReturnType<typeof custodyWalker>;
      const label = `chain of custody of evidence ${JSON.stringify(row.name)} (${row.id})`;
      const version = Number(row.custody_version);
      if (walker.problem) {
        findings.push({ id: row.id, label, firstInvalidSeq: walker.problem.seq, problem: walker.problem.text });
      } else if (walker.count !== version || walker.head !== row.custody_head) {
        findings.push({
          id: row.id,
          label,
          firstInvalidSeq: Math.min(walker.count, version) + 1,
          problem:
            walker.count > version
              ? `the stream holds ${walker.count} steps but the item says ${version}: steps were added outside Muster`
              : `the item's chain should hold ${version} steps but ${walker.count} remain intact`,
        });
      }
    }
  }
  for (let after: string | null = null; ; ) {
    const ids = await otherCustodyStreams(db, after, PAGE);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    for (const [id, walker] of await walk(db, ids)) {
      checked += 1;
      if (walker.problem) {
        findings.push({ id, label: `custody stream ${id}`, firstInvalidSeq: walker.problem.seq, problem: walker.problem.text });
      }
    }
  }
  return { checked, findings };
}

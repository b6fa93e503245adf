import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { toStoredEvent } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { chainWalker } from '../core/events/hash-chain.ts';
import { preservationDifferences } from './custody-replay.ts';
import { custodyOwners, custodyStreamPage, evidenceWithEmptyCustody } from './integrity.queries.ts';

const STREAMS_PER_PAGE = 500;
const EVENTS_PER_PAGE = 5000;

type CustodyFinding = { id: string; label: string; firstInvalidSeq?: number; problem: string };

/**
 * Verifies every custody stream (an evidence item's, a preservation request's): its hash chain, that every event on
 * it is filed as custody under one customer, that its owner still exists, that an evidence item's chain ends where
 * the item says (so a step added or cut off outside Muster is found), and that a preservation request's stored
 * answers are what its stream says. A stream is read in pages, so memory stays flat.
 */
export async function verifyCustodyStreams(db: Kysely<DB>): Promise<{ checked: number; findings: CustodyFinding[] }> {
  const findings: CustodyFinding[] = [];
  let checked = 0;
  for (let after: string | null = null; ; ) {
    const ids = await custodyStreamPage(db, after, STREAMS_PER_PAGE);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    const owners = await custodyOwners(db, ids);
    for (const id of ids) {
      checked++;
      const owner = owners.get(id);
      const label =
        owner?.kind === 'preservation'
          ? `preservation request ${id}`
          : owner?.kind === 'evidence'
            ? `chain of custody of evidence ${JSON.stringify(owner.name)} (${id})`
            : `custody stream ${id}`;
      const walker = chainWalker();
      const steps: Parameters<typeof preservationDifferences>[2] = [];
      let problem: { seq?: number; text: string } | null = null;
      let customer: string | null | undefined;
      for (let seq = 0; !problem; ) {
        const page = await readStream(db, id, seq, EVENTS_PER_PAGE);
        for (const row of page) {
          const event = toStoredEvent(row);
          const link = walker.next(event);
          if (link) problem = { seq: walker.count + 1, text: link };
          else if (row.stream_type !== 'custody') {
            problem = { seq: row.seq, text: `event #${row.seq} is filed as a ${row.stream_type} event on a custody stream` };
          } else if (customer !== undefined && row.customer_id !== customer) {
            problem = { seq: row.seq, text: `event #${row.seq} is filed under another customer than the events before it` };
          }
          if (problem) break;
          customer = row.customer_id;
          const data = event.data as Omit<(typeof steps)[number], 'at'>;
          steps.push({ ...data, at: event.occurredAt });
        }
        if (page.length < EVENTS_PER_PAGE) break;
        seq = page[page.length - 1].seq;
      }
      if (!problem && !owner) {
        problem = {
          text: `its ${walker.count} events belong to no evidence item or preservation request: the row that held them was deleted`,
        };
      }
      if (!problem && owner?.kind === 'evidence' && (walker.count !== owner.version || walker.head !== owner.head)) {
        problem = {
          seq: Math.min(walker.count, owner.version) + 1,
          text:
            walker.count > owner.version
              ? `the stream holds ${walker.count} steps but the item says ${owner.version}: steps were added outside Muster`
              : `the item's chain should hold ${owner.version} steps but ${walker.count} remain intact`,
        };
      }
      if (!problem && owner?.kind === 'preservation') {
        const differences = preservationDifferences(owner.items, owner.answers, steps);
        if (differences.length) problem = { text: differences.join('; ') };
      }
      if (problem) findings.push({ id, label, firstInvalidSeq: problem.seq, problem: problem.text });
    }
  }
  for (const row of await evidenceWithEmptyCustody(db)) {
    checked++;
    findings.push({
      id: row.id,
      label: `chain of custody of evidence ${JSON.stringify(row.name)} (${row.id})`,
      firstInvalidSeq: 1,
      problem: `the item's chain should hold ${row.custody_version} steps but 0 remain intact`,
    });
  }
  return { checked, findings };
}

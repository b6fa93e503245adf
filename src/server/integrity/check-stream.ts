import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { readStream } from '../core/events/events.queries.ts';
import { incidentReplay, type StoredBeside } from './incident-replay.ts';
import { besideIncidents, findProjection, type ProjectionRow, type StreamKind, userIds } from './integrity.queries.ts';
import { recordReplay } from './record-replay.ts';
import { triageReplay } from './triage-replay.ts';
import { type Replay, type StreamVerdict, streamVerifier } from './verify-stream.ts';

/** The replay of a stream against its row; an incident's also against what is stored beside it (required then). */
export function replayFor<K extends StreamKind>(kind: K, row: ProjectionRow[K], beside?: StoredBeside): Replay<unknown> {
  if (kind === 'incident') {
    if (!beside) throw new Error("an incident's replay needs its access list and role holders");
    return incidentReplay(row as ProjectionRow['incident'], beside) as Replay<unknown>;
  }
  if (kind === 'record') return recordReplay(row as ProjectionRow['record']) as Replay<unknown>;
  return triageReplay(row as ProjectionRow['triage']) as Replay<unknown>;
}

const PAGE = 5000;
const ATTEMPTS = 3;

/**
 * Verifies one stream against its projection, reading its events in pages. A writer may append between reading
 * the row and its events: a problem found while the row moved is checked again, so that only a problem that
 * stays is reported. Undefined when no such projection exists.
 */
export async function checkStream(
  db: Kysely<DB>,
  kind: StreamKind,
  id: string,
  anchor?: { seq: number; hash: string },
): Promise<StreamVerdict | undefined> {
  let verdict: StreamVerdict | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const row = await findProjection(db, kind, id);
    if (!row) return undefined;
    const stored = kind === 'incident' ? (await besideIncidents(db, [id])).get(id) : undefined;
    const beside = stored && { ...stored, users: await userIds(db) };
    const verifier = streamVerifier(replayFor(kind, row, beside), anchor);
    for (let after = 0; ; ) {
      const page = await readStream(db, id, after, PAGE);
      for (const event of page) verifier.push(event);
      if (page.length < PAGE) break;
      after = page[page.length - 1].seq;
    }
    verdict = verifier.finish();
    if (verdict.valid) return verdict;
    const again = await findProjection(db, kind, id);
    if (again && again.version === row.version && again.head_hash === row.head_hash) return verdict;
  }
  return verdict;
}

import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { planLabel, planVersionProblem } from './check-plan-version.ts';
import { checkStream, replayFor } from './check-stream.ts';
import {
  besideIncidents,
  countProjections,
  eventsOfStreams,
  type ProjectionRow,
  planVersionPage,
  projectionPage,
  type StreamKind,
  streamsWithoutProjection,
  userIds,
} from './integrity.queries.ts';
import type { PlanPublication, RecordState } from './record-replay.ts';
import { verifyCustodyStreams } from './verify-custody.ts';
import { streamVerifier } from './verify-stream.ts';

/** One stream's last event: what an anchor keeps. */
export interface StreamHead {
  kind: StreamKind;
  id: string;
  seq: number;
  hash: string;
}

/** Something wrong, named so that a person can find it: the stream or plan, and the first event concerned. */
export interface Finding {
  id: string;
  label: string;
  firstInvalidSeq?: number;
  problem: string;
}

export interface IntegrityReport {
  checked: { incidents: number; records: number; triageItems: number; custodyStreams: number; planVersions: number };
  findings: Finding[];
  /** Every intact stream's head, in kind and id order (for an anchor). */
  heads: StreamHead[];
}

const KINDS: StreamKind[] = ['incident', 'record', 'triage'];
const ROWS_PER_PAGE = 500;
const EVENTS_PER_PAGE = 5000;
const PLANS_PER_PAGE = 50;

/**
 * Verifies everything that can be checked from inside the database: every stream's chain, the columns of its
 * events outside the hash, its projection against its replay, rows left without their stream and streams left
 * without their row, and every published plan's SHA-256 against its snapshot and its publication. With an anchor,
 * also that each stream it recorded still has the same event at the same position. Projections are read 500 rows
 * at a time with their events in pages, so memory stays flat however large the database is.
 */
export async function verifyEverything(
  db: Kysely<DB>,
  options: { anchor?: Map<string, StreamHead>; onProgress?: (done: number, total: number) => void } = {},
): Promise<IntegrityReport> {
  const { anchor } = options;
  const findings: Finding[] = [];
  const heads: StreamHead[] = [];
  const publications = new Map<string, PlanPublication>();
  const seen = new Set<string>();
  const users = await userIds(db);
  const counts = Object.fromEntries(await Promise.all(KINDS.map(async (k) => [k, await countProjections(db, k)])));
  const total = KINDS.reduce((n, k) => n + counts[k], 0);
  let done = 0;

  for (const kind of KINDS) {
    for (let after: string | null = null; ; ) {
      const rows: ProjectionRow[StreamKind][] = await projectionPage(db, kind, after, ROWS_PER_PAGE);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const ids = rows.map((row) => row.id);
      const stored = kind === 'incident' ? await besideIncidents(db, ids) : null;
      const verifiers = new Map(
        rows.map((row) => {
          const beside = stored ? { access: [], roles: [], ...stored.get(row.id), users } : undefined;
          return [row.id, streamVerifier(replayFor(kind, row, beside), anchor?.get(row.id))];
        }),
      );
      for (let cursor: { streamId: string; seq: number } | null = null; ; ) {
        const events = await eventsOfStreams(db, ids, cursor, EVENTS_PER_PAGE);
        for (const event of events) verifiers.get(event.stream_id)?.push(event);
        if (events.length < EVENTS_PER_PAGE) break;
        const last = events[events.length - 1];
        cursor = { streamId: last.stream_id, seq: last.seq };
      }
      for (const row of rows) {
        seen.add(row.id);
        const verifier = verifiers.get(row.id) as ReturnType<typeof streamVerifier>;
        let verdict = verifier.finish();
        // A writer may have appended while the page was read: check again on its own before reporting.
        if (!verdict.valid) verdict = (await checkStream(db, kind, row.id, anchor?.get(row.id))) ?? verdict;
        if (kind === 'record') {
          for (const p of (verifier.state as RecordState | null)?.publications ?? []) publications.set(p.planVersionId, p);
        }
        if (verdict.valid) heads.push({ kind, id: row.id, seq: verdict.count, hash: verdict.head });
        else
          findings.push({
            id: row.id,
            label: labelOf(kind, row),
            firstInvalidSeq: verdict.firstInvalidSeq,
            problem: verdict.problem ?? '',
          });
      }
      done += rows.length;
      options.onProgress?.(done, total);
    }
  }

  for (const orphan of await streamsWithoutProjection(db)) {
    seen.add(orphan.stream_id);
    findings.push({
      id: orphan.stream_id,
      label: `${orphan.stream_type} stream ${orphan.stream_id}`,
      problem: `its ${orphan.events} events (up to #${orphan.last_seq}) belong to no incident, registry record or triage item: the row that held them was deleted`,
    });
  }
  for (const head of anchor?.values() ?? []) {
    if (seen.has(head.id)) continue;
    findings.push({
      id: head.id,
      label: `${head.kind} ${head.id}`,
      problem: `it was anchored at event #${head.seq} but is gone: its row and its events were deleted after the anchor was taken`,
    });
  }

  let planVersions = 0;
  for (let after: string | null = null; ; ) {
    const page = await planVersionPage(db, after, PLANS_PER_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    planVersions += page.length;
    for (const row of page) {
      const problem = planVersionProblem(row, publications.get(row.id));
      if (problem) findings.push({ id: row.id, label: planLabel(row), problem });
    }
  }
  const custody = await verifyCustodyStreams(db);
  findings.push(...custody.findings);
  return {
    checked: {
      incidents: counts.incident,
      records: counts.record,
      triageItems: counts.triage,
      custodyStreams: custody.checked,
      planVersions,
    },
    findings,
    heads,
  };
}

function labelOf(kind: StreamKind, row: ProjectionRow[StreamKind]): string {
  if (kind === 'incident') return (row as ProjectionRow['incident']).key;
  if (kind === 'triage') return `triage item ${row.id} (${JSON.stringify((row as ProjectionRow['triage']).title)})`;
  const record = row as ProjectionRow['record'];
  let name: unknown;
  try {
    name = JSON.parse(record.data).name;
  } catch {}
  return typeof name === 'string' ? `${record.kind} ${JSON.stringify(name)} (${record.id})` : `${record.kind} ${record.id}`;
}

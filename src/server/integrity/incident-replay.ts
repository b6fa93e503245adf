import type { IncidentsTable } from '../core/db/schema.ts';
import { evolve } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { incidentRow } from '../incidents/incidents.queries.ts';
import { jsonDifferences, type Replay, same, shown } from './verify-stream.ts';

const COLUMN_WORDS: Partial<Record<keyof IncidentsTable, string>> = {
  id: 'id',
  key: 'key',
  title: 'title',
  description: 'description',
  status: 'status',
  severity: 'severity',
  tlp: 'TLP',
  exercise: 'exercise flag',
  customer_id: 'customer',
  reported_at: 'report time',
  updated_at: 'time of the last change',
  severity_rank: 'severity rank',
  status_rank: 'status rank',
};

/** An incident's row must be exactly what writing the fold of its timeline gives: every column and the state JSON. */
export function incidentReplay(row: IncidentsTable): Replay<IncidentState, 'incident'> {
  return {
    kind: 'incident',
    stored: { version: Number(row.version), head: row.head_hash },
    evolve,
    customerOf: (state) => state.customerId,
    differences(state) {
      const expected = incidentRow(state, row.head_hash);
      const out: string[] = [];
      for (const [column, words] of Object.entries(COLUMN_WORDS) as [keyof IncidentsTable, string][]) {
        if (!same(normal(row[column]), normal(expected[column]))) {
          out.push(
            `its ${words} (incidents.${column}) is ${shown(row[column])} but its timeline says ${shown(expected[column])}`,
          );
        }
      }
      const inState = jsonDifferences('state (incidents.state)', row.state, JSON.parse(expected.state), ['times']);
      return [...out, ...inState.map((d) => d.replace('but its stream says', 'but its timeline says'))];
    },
  };
}

// PostgreSQL and SQLite may hand integers back as numbers or numeric strings.
const normal = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : value);

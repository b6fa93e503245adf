import type { IncidentsTable } from '../core/db/schema.ts';
import { evolve } from '../incidents/incident.ts';
import { accessStepsOf } from '../incidents/incident-access.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { incidentRow } from '../incidents/incidents.queries.ts';
import type { AccessEntry, BesideIncident } from './integrity.queries.ts';
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

/** What verify holds beside an incident's row: its stored access list and role holders, and who the users are. */
export interface StoredBeside extends BesideIncident {
  users: ReadonlySet<string>;
}

/**
 * An incident's row must be exactly what writing the fold of its timeline gives: every column and the state JSON;
 * its access list (who may read it at TLP:RED) what the timeline's steps give (accessStepsOf); its role holders
 * (the list's "Mine") the assignments of its state.
 */
export function incidentReplay(row: IncidentsTable, beside: StoredBeside): Replay<IncidentState, 'incident'> {
  const list = new Map<string, AccessEntry>();
  const join = (entry: AccessEntry) => {
    if (!list.has(entry.user_id)) list.set(entry.user_id, entry);
  };
  return {
    kind: 'incident',
    stored: { version: Number(row.version), head: row.head_hash },
    evolve(state, event) {
      const next = evolve(state, event);
      for (const step of accessStepsOf(event)) {
        if ('remove' in step) list.delete(step.remove);
        else if ('addHolders' in step) {
          for (const id of step.addHolders) if (beside.users.has(id)) join({ ...step.entry, user_id: id, user_name: id });
        } else if (!step.ifUser || beside.users.has(step.add.user_id)) join(step.add);
      }
      return next;
    },
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
      return [
        ...out,
        ...inState.map((d) => d.replace('but its stream says', 'but its timeline says')),
        ...accessDifferences(beside.access, list),
        ...roleDifferences(beside.roles, state.assignments ?? {}),
      ];
    },
  };
}

/** Who is on the stored access list and should not be, who should be and is not, and entries that say otherwise. */
function accessDifferences(stored: AccessEntry[], replayed: Map<string, AccessEntry>): string[] {
  const out: string[] = [];
  const storedIds = new Set(stored.map((e) => e.user_id));
  for (const entry of stored) {
    const expected = replayed.get(entry.user_id);
    const who = `${shown(entry.user_name)} (${entry.user_id})`;
    if (!expected) {
      out.push(`${who} is on its access list (incident_access) but its timeline never let them in`);
      continue;
    }
    for (const [field, words] of [
      ['reason', 'reason'],
      ['added_by_id', 'who added them'],
      ['added_at', 'when they were added'],
    ] as const) {
      if (!same(entry[field], expected[field]))
        out.push(
          `the access list's ${words} for ${who} (incident_access.${field}) is ${shown(entry[field])} but its timeline says ${shown(expected[field])}`,
        );
    }
  }
  for (const [id, entry] of replayed) {
    if (!storedIds.has(id))
      out.push(`${id} should be on its access list (incident_access) by its timeline (${entry.reason}) but is not`);
  }
  return out;
}

// PostgreSQL and SQLite may hand integers back as numbers or numeric strings.
const normal = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : value);

/** Role holders in incident_roles that the incident's assignments do not give, and assignments missing there. */
function roleDifferences(stored: { role: string; holder: string }[], assignments: Record<string, string>): string[] {
  const out: string[] = [];
  for (const { role, holder } of stored) {
    if (assignments[role] !== holder)
      out.push(
        `its role ${role} is held by ${shown(holder)} in incident_roles but its timeline gives it to ${shown(assignments[role])}`,
      );
  }
  for (const [role, holder] of Object.entries(assignments)) {
    if (!stored.some((s) => s.role === role && s.holder === holder))
      out.push(`its role ${role}, given to ${shown(holder)} by its timeline, is missing from incident_roles`);
  }
  return out;
}

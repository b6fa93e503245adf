import type { Kysely, Migration } from 'kysely';

// The migrations of tasks on incidents. Each runs on both dialects; never edit a released migration, add a new one.
/** The tables 0012 reads and fills, as they were when it was written. */
type Tables0012 = {
  incidents: { id: string; state: string };
  events: { stream_id: string; seq: number; type: string; data: string };
};

export function taskMigrations(): Record<string, Migration> {
  return {
    '0012_tasks': {
      async up(db: Kysely<unknown>) {
        // A projection of the task events on each incident's timeline (see task-schema.ts).
        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('incident_key', 'text', (c) => c.notNull())
          .addColumn('incident_title', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('playbook_id', 'text')
          .addColumn('playbook_name', 'text')
          .addColumn('step_id', 'text')
          .addColumn('step_ref', 'text')
          .addColumn('phase', 'text')
          .addColumn('role', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('assignee_id', 'text')
          .addColumn('assignee_name', 'text')
          .addColumn('due_at', 'text')
          .addColumn('due_key', 'text', (c) => c.notNull())
          .addColumn('due_from', 'text')
          .addColumn('needs_instruction', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('finished', 'integer', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('override_reason', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('reminded_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // "My tasks": one person's open (or finished) tasks, soonest due first, read as a range in order.
        await db.schema
          .createIndex('tasks_by_assignee')
          .on('tasks')
          .columns(['assignee_id', 'finished', 'due_key', 'id'])
          .execute();
        // An incident's tasks, and the list's "Mine" (an open task of the user on the incident).
        await db.schema.createIndex('tasks_by_incident').on('tasks').columns(['incident_id', 'assignee_id']).execute();
        // Every visible task across incidents (assignee=any), soonest due first.
        await db.schema.createIndex('tasks_by_due').on('tasks').columns(['finished', 'due_key', 'id']).execute();

        // DP1's time is now kept in the state (times.confirmedAt: the first move to assessing). Incidents stored before
        // get it from their timeline, so that their row stays what replaying the timeline gives.
        const tables = db.withTables<Tables0012>();
        const moves = await tables
          .selectFrom('events')
          .select(['stream_id', 'seq', 'data'])
          .where('type', '=', 'incident.transitioned')
          .orderBy('stream_id')
          .orderBy('seq')
          .execute();
        const confirmed = new Map<string, string>();
        for (const move of moves) {
          const data = JSON.parse(move.data) as { to?: string; at?: string };
          if (data.to === 'assessing' && data.at && !confirmed.has(move.stream_id)) confirmed.set(move.stream_id, data.at);
        }
        for (const [id, at] of confirmed) {
          const row = await tables.selectFrom('incidents').select('state').where('id', '=', id).executeTakeFirst();
          if (!row) continue;
          const state = JSON.parse(row.state) as { times?: Record<string, unknown> };
          if (!state.times || state.times.confirmedAt) continue;
          state.times = { ...state.times, confirmedAt: at };
          await tables
            .updateTable('incidents')
            .set({ state: JSON.stringify(state) })
            .where('id', '=', id)
            .execute();
        }
      },
    },
  };
}

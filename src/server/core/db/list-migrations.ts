import { type Kysely, type Migration, sql } from 'kysely';

// The migrations of the incident list at volume: sort keys with their indexes, and who holds which role. Each runs
// on both dialects; never edit a released migration, add a new one.
/** The tables 0010 reads and fills, as they were when it was written. */
type Tables0010 = {
  incidents: { id: string; state: string };
  incident_roles: { incident_id: string; role: string; holder: string };
};

export function listMigrations(): Record<string, Migration> {
  return {
    '0010_incident_list_sorting_and_roles': {
      async up(db: Kysely<unknown>) {
        // Severity and status sort by meaning (critical before high, reported before closed), not by spelling: an
        // integer rank each, kept by the writer of the row like the other copied columns.
        await db.schema
          .alterTable('incidents')
          .addColumn('severity_rank', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('incidents')
          .addColumn('status_rank', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`update incidents set
            severity_rank = case severity when 'low' then 1 when 'medium' then 2 when 'high' then 3 when 'critical' then 4 else 0 end,
            status_rank = case status when 'reported' then 0 when 'assessing' then 1 when 'responding' then 2
              when 'recovering' then 3 when 'reviewing' then 4 when 'closed' then 5 when 'dismissed' then 6 else 7 end`.execute(
          db,
        );
        // One index per order the list offers, ending in the id: the cursor's tiebreak, walked either way.
        // (reported_at, id) exists since 0001.
        await db.schema.createIndex('incidents_by_updated').on('incidents').columns(['updated_at', 'id']).execute();
        await db.schema.createIndex('incidents_by_severity_rank').on('incidents').columns(['severity_rank', 'id']).execute();
        await db.schema.createIndex('incidents_by_status_rank').on('incidents').columns(['status_rank', 'id']).execute();

        await db.schema
          .createTable('incident_roles')
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('incident_roles_pk', ['incident_id', 'role'])
          .execute();
        await db.schema.createIndex('incident_roles_by_holder').on('incident_roles').columns(['holder', 'incident_id']).execute();
        // The roles of incidents reported before the table existed, from their state.
        const tables = db.withTables<Tables0010>();
        const rows = await tables.selectFrom('incidents').select(['id', 'state']).execute();
        const roles = rows.flatMap((row) =>
          Object.entries((JSON.parse(row.state).assignments ?? {}) as Record<string, string>)
            .filter(([, holder]) => holder)
            .map(([role, holder]) => ({ incident_id: row.id, role, holder })),
        );
        for (let i = 0; i < roles.length; i += 500) {
          await tables
            .insertInto('incident_roles')
            .values(roles.slice(i, i + 500))
            .execute();
        }
      },
    },
  };
}

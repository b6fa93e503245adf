import type { Kysely, Migration } from 'kysely';

// The migration of observables on incidents (issue 13). Runs on both dialects; never edit a released migration, add
// a new one.
export function observableMigrations(): Record<string, Migration> {
  return {
    '0015_observables': {
      async up(db: Kysely<unknown>) {
        // A projection of the observable.* events on each incident's timeline (see observables-schema.ts).
        await db.schema
          .createTable('observables')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('tlp', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .addColumn('added_by_id', 'text', (c) => c.notNull())
          .addColumn('added_by_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // One observable per value per incident: adding it again is another sighting of the same one.
        await db.schema
          .createIndex('observables_by_incident')
          .on('observables')
          .columns(['incident_id', 'type', 'value'])
          .unique()
          .execute();
        // Sightings: every incident where a value was seen.
        await db.schema.createIndex('observables_by_value').on('observables').columns(['type', 'value']).execute();
      },
    },
  };
}

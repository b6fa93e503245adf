import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './database.ts';

// The migration of the live feed's order on PostgreSQL (decision 0018). Runs on both dialects (a no-op on SQLite,
// whose one writer commits positions in order); never edit a released migration, add a new one.
export function feedMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0019_event_transaction_ids': {
      async up(db: Kysely<unknown>) {
        if (dialect !== 'postgres') return;
        // Which transaction wrote the event (raised to its stream's previous event's, see insertEvents): the feed
        // reads only events of transactions that have all finished. Rows written before are all finished: '0'.
        // Not part of the hash: it says when the row was written, not what it says.
        await sql`alter table events add column xact_id xid8 not null default '0'`.execute(db);
        await sql`alter table events alter column xact_id set default pg_current_xact_id()`.execute(db);
        await db.schema.createIndex('events_by_xact').on('events').columns(['xact_id', 'position']).execute();
      },
      async down(db: Kysely<unknown>) {
        if (dialect !== 'postgres') return;
        await sql`alter table events drop column xact_id`.execute(db);
      },
    },
  };
}

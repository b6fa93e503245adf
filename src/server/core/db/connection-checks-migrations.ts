import type { Kysely, Migration } from 'kysely';

// The migration of the customer checking its connections (issue 12). Runs on both dialects; never edit a released
// migration, add a new one.
export function connectionCheckMigrations(): Record<string, Migration> {
  return {
    '0013_connection_checks': {
      async up(db: Kysely<unknown>) {
        // A projection of the incident's connection_check.* events: the list sent, the customer's answers, and the
        // link's state. The link's token is never stored, only its SHA-256 (looked up when the page is opened).
        await db.schema
          .createTable('connection_checks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('notification_id', 'text', (c) => c.notNull())
          .addColumn('connections', 'text', (c) => c.notNull())
          .addColumn('answers', 'text')
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('answered_at', 'text')
          .addColumn('answered_by', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('connection_checks_by_incident')
          .on('connection_checks')
          .columns(['incident_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('connection_checks_by_notification')
          .on('connection_checks')
          .columns(['notification_id'])
          .execute();
      },
    },
  };
}

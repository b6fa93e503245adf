import type { Kysely, Migration } from 'kysely';

// The migration of preservation requests (issue 13). Runs on both dialects; never edit a released migration, add a
// new one.
export function preservationMigrations(): Record<string, Migration> {
  return {
    '0016_preservation_requests': {
      async up(db: Kysely<unknown>) {
        // A projection of the incident's preservation.* events and the request's custody stream: the list sent, the
        // latest answer per item, and the link's state. The link's token is never stored, only its SHA-256.
        await db.schema
          .createTable('preservation_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('notification_id', 'text', (c) => c.notNull())
          .addColumn('items', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('keep_until', 'text')
          .addColumn('answers', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('answered_at', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('preservation_requests_by_incident')
          .on('preservation_requests')
          .columns(['incident_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('preservation_requests_by_notification')
          .on('preservation_requests')
          .columns(['notification_id'])
          .execute();
      },
    },
  };
}

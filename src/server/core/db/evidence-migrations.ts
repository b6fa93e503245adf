import type { Kysely, Migration } from 'kysely';

// The migrations of evidence files and their chain of custody. Each runs on both dialects; never edit a released
// migration, add a new one.
export function evidenceMigrations(): Record<string, Migration> {
  return {
    '0014_evidence_files_and_custody': {
      async up(db: Kysely<unknown>) {
        // Where the bytes are: 'file' (EVIDENCE_DIR, by SHA-256) for everything stored from now on, 'blob' for rows
        // stored before, whose bytes stay in evidence_blobs and are read from there (decision 0014).
        await db.schema
          .alterTable('evidence')
          .addColumn('storage', 'text', (c) => c.notNull().defaultTo('blob'))
          .execute();
        await db.schema
          .alterTable('evidence')
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        // What the sender said the type was; content_type is what Muster found in the bytes.
        await db.schema.alterTable('evidence').addColumn('claimed_content_type', 'text').execute();
        // The head of the item's custody stream (stream id = the item's id), kept like every projection's head so
        // that verify notices a custody step removed from the end.
        await db.schema
          .alterTable('evidence')
          .addColumn('custody_version', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('evidence').addColumn('custody_head', 'text').execute();
        // The last re-hash: when, and whether the bytes were still the ones collected (1/0).
        await db.schema.alterTable('evidence').addColumn('verified_at', 'text').execute();
        await db.schema.alterTable('evidence').addColumn('verified_ok', 'integer').execute();
        // "Is any row still holding these bytes?" (the sweep of unreferenced files, duplicate e-mails).
        await db.schema.createIndex('evidence_by_sha256').on('evidence').columns(['sha256']).execute();
      },
    },
  };
}

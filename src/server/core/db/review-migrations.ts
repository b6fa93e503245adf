import type { Kysely, Migration } from 'kysely';

// The migration of post-incident reviews and their actions (issue 14). Runs on both dialects; never edit a released
// migration, add a new one.
export function reviewMigrations(): Record<string, Migration> {
  return {
    '0017_reviews_and_actions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('reviews')
          .addColumn('incident_id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('required', 'integer', (c) => c.notNull())
          .addColumn('fields', 'text', (c) => c.notNull())
          .addColumn('findings', 'text')
          .addColumn('waiver_reason', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('opened_at', 'text', (c) => c.notNull())
          .addColumn('completed_at', 'text')
          .addColumn('completed_by', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('review_actions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('incident_key', 'text', (c) => c.notNull())
          .addColumn('incident_title', 'text', (c) => c.notNull())
          .addColumn('exercise', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('owner_id', 'text')
          .addColumn('owner_name', 'text')
          .addColumn('due_at', 'text')
          .addColumn('due_key', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('finished', 'integer', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('target_customer_id', 'text')
          .addColumn('drafted_at', 'text')
          .addColumn('draft_record_id', 'text')
          .addColumn('plan_version_id', 'text')
          .addColumn('done_at', 'text')
          .addColumn('reminded_at', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // "My open actions" soonest first, the overdue list, an incident's actions, and what a plan publish completes.
        await db.schema
          .createIndex('review_actions_by_owner')
          .on('review_actions')
          .columns(['owner_id', 'finished', 'due_key', 'id'])
          .execute();
        await db.schema
          .createIndex('review_actions_by_due')
          .on('review_actions')
          .columns(['finished', 'due_key', 'id'])
          .execute();
        await db.schema
          .createIndex('review_actions_by_incident')
          .on('review_actions')
          .columns(['incident_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('review_actions_by_target_customer')
          .on('review_actions')
          .columns(['target_customer_id', 'finished'])
          .execute();
        // A plan version names the reviews it came from (JSON PlanVersionSource[]; null: none).
        await db.schema.alterTable('plan_versions').addColumn('from_reviews', 'text').execute();
      },
    },
  };
}

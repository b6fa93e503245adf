import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from './database.ts';

// Each migration must run on both dialects. Never edit a released migration: add a new one.
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('setup_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('incidents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('severity', 'text')
          .addColumn('tlp', 'text', (c) => c.notNull())
          .addColumn('exercise', 'integer', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('reported_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('head_hash', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('incidents_by_reported').on('incidents').columns(['reported_at', 'id']).execute();
        await db.schema.createIndex('incidents_by_status').on('incidents').columns(['status', 'reported_at', 'id']).execute();
        await db.schema
          .createTable('events')
          .addColumn('position', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('stream_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addUniqueConstraint('events_stream_seq', ['stream_id', 'seq'])
          .execute();
      },
    },
    '0002_prepare': {
      async up(db: Kysely<any>) {
        // Which customer an event concerns and what kind of stream it belongs to: routing for the live stream,
        // so that nobody is sent another customer's events. Not part of the hash (the chain covers the content).
        await db.schema
          .alterTable('events')
          .addColumn('stream_type', 'text', (c) => c.notNull().defaultTo('incident'))
          .execute();
        await db.schema.alterTable('events').addColumn('customer_id', 'text').execute();
        await db.schema
          .createTable('records')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('head_hash', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('archived_at', 'text')
          .execute();
        await db.schema.createIndex('records_by_kind').on('records').columns(['kind', 'customer_id']).execute();
        await db.schema
          .createTable('memberships')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('customer_id', 'text', (c) => c.notNull().references('records.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'customer_id'])
          .execute();
        await db.schema.createIndex('memberships_by_customer').on('memberships').columns(['customer_id']).execute();
        await db.schema
          .createTable('plan_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('records.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('approver', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.notNull())
          .addColumn('review_by', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('snapshot', 'text', (c) => c.notNull())
          .addUniqueConstraint('plan_versions_customer_version', ['customer_id', 'version'])
          .execute();
        await db.schema.createIndex('incidents_by_customer').on('incidents').columns(['customer_id', 'reported_at']).execute();
      },
    },
    '0003_jobs': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('run_at', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('lease_until', 'text')
          .addColumn('leased_by', 'text')
          .addColumn('last_error', 'text')
          .addColumn('unique_key', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .execute();
        await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
      },
    },
    '0004_notifications': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('settings')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text')
          .addColumn('customer_id', 'text')
          .addColumn('purpose', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('ladder', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('attempts', 'text', (c) => c.notNull())
          .addColumn('obligation_ref', 'text')
          .addColumn('step_ref', 'text')
          .addColumn('response', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .addColumn('acknowledged_at', 'text')
          .addColumn('acknowledged_by', 'text')
          .execute();
        await db.schema
          .createIndex('notifications_by_incident')
          .on('notifications')
          .columns(['incident_id', 'created_at'])
          .execute();
        await db.schema
          .createTable('compromised_channels')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('incident_id', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('declared_by', 'text', (c) => c.notNull())
          .addColumn('declared_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('compromised_by_channel').on('compromised_channels').columns(['channel_id']).execute();
        await db.schema
          .createTable('deadlines')
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('obligation_id', 'text', (c) => c.notNull())
          .addColumn('stage_id', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('incident_key', 'text', (c) => c.notNull())
          .addColumn('incident_title', 'text', (c) => c.notNull())
          .addColumn('obligation_name', 'text', (c) => c.notNull())
          .addColumn('stage_name', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('due_at', 'text')
          .addColumn('submitted_at', 'text')
          .addColumn('missed_at', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('deadlines_pk', ['incident_id', 'obligation_id', 'stage_id'])
          .execute();
        await db.schema.createIndex('deadlines_by_due').on('deadlines').columns(['status', 'due_at']).execute();
      },
    },
  };
}

/** Applies every pending migration; safe to run concurrently from several instances (Kysely locks). */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

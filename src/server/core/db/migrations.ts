import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { connectionCheckMigrations } from './connection-checks-migrations.ts';
import type { Dialect } from './database.ts';
import { evidenceMigrations } from './evidence-migrations.ts';
import { feedMigrations } from './feed-migrations.ts';
import { hardeningMigrations } from './hardening-migrations.ts';
import { listMigrations } from './list-migrations.ts';
import { metricsMigrations } from './metrics-migrations.ts';
import { observableMigrations } from './observables-migrations.ts';
import { peopleMigrations } from './people-migrations.ts';
import { preservationMigrations } from './preservation-migrations.ts';
import { reviewMigrations } from './review-migrations.ts';
import { searchMigrations } from './search-migrations.ts';
import { taskMigrations } from './task-migrations.ts';

// Each migration must run on both dialects. Never edit a released migration: add a new one.
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
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
      async up(db: Kysely<unknown>) {
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
      async up(db: Kysely<unknown>) {
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
      async up(db: Kysely<unknown>) {
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
    '0005_identify': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('alert_sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text')
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('fingerprint_labels', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('alert_rules')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('triage_items')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('service_id', 'text')
          .addColumn('source_id', 'text')
          .addColumn('rule_id', 'text')
          .addColumn('group_key', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('severity', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('alert_count', 'integer', (c) => c.notNull())
          .addColumn('occurrences', 'integer', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .addColumn('incident_id', 'text')
          .addColumn('decision_reason', 'text')
          .addColumn('decided_by', 'text')
          .addColumn('decided_at', 'text')
          .addColumn('reporter', 'text')
          .addColumn('receipt_hash', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('triage_by_status').on('triage_items').columns(['status', 'last_seen']).execute();
        await db.schema.createIndex('triage_by_group_key').on('triage_items').columns(['group_key', 'last_seen']).execute();
        await db.schema.createIndex('triage_by_incident').on('triage_items').columns(['incident_id']).execute();
        // An alert is identified by its customer and fingerprint: the same fingerprint from two customers is two alerts.
        // The fingerprint leads the key: every alert request looks fingerprints up, and with the customer first
        // PostgreSQL, holding statistics from before a bulk load, scanned all of a customer's alerts instead.
        await db.schema
          .createTable('alerts')
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('severity', 'text')
          .addColumn('labels', 'text', (c) => c.notNull())
          .addColumn('annotations', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .addColumn('starts_at', 'text')
          .addColumn('ends_at', 'text')
          .addColumn('resolved_at', 'text')
          .addColumn('group_id', 'text')
          .addPrimaryKeyConstraint('alerts_pk', ['fingerprint', 'customer_id'])
          .execute();
        await db.schema.createIndex('alerts_by_group').on('alerts').columns(['group_id', 'status']).execute();
        await db.schema
          .createTable('alert_silences')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('silences_by_expiry').on('alert_silences').columns(['expires_at']).execute();
        await db.schema
          .createTable('triage_messages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('item_id', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('triage_messages_by_item')
          .on('triage_messages')
          .columns(['item_id', 'received_at'])
          .execute();
        // Evidence files live in the database, content-addressed: backups carry them and every instance sees them.
        await db.schema
          .createTable('evidence_blobs')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('evidence')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('incident_id', 'text')
          .addColumn('triage_item_id', 'text')
          .addColumn('customer_id', 'text')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('collected_by', 'text', (c) => c.notNull())
          .addColumn('collected_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('evidence_by_incident').on('evidence').columns(['incident_id']).execute();
        await db.schema.createIndex('evidence_by_triage_item').on('evidence').columns(['triage_item_id']).execute();
      },
    },
    ...hardeningMigrations(),
    ...peopleMigrations(),
    ...listMigrations(),
    ...connectionCheckMigrations(),
    ...taskMigrations(),
    ...evidenceMigrations(),
    ...observableMigrations(),
    ...preservationMigrations(),
    ...reviewMigrations(),
    ...metricsMigrations(),
    ...feedMigrations(dialect),
    ...searchMigrations(dialect),
  };
}

/** Applies every pending migration; safe to run concurrently from several instances (Kysely locks). */
export async function migrateToLatest<D>(db: Kysely<D>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Undoes, newest first, every applied migration after `name` (each must have a `down`); for tests of a migration. */
export async function migrateDownTo<D>(db: Kysely<D>, dialect: Dialect, name: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}

import type { Kysely, Migration } from 'kysely';

// The migrations of bringing people in without a terminal: invitations, and API tokens that expire. Each runs on
// both dialects; never edit a released migration, add a new one.
export function peopleMigrations(): Record<string, Migration> {
  return {
    '0009_people_invitations_token_expiry': {
      async up(db: Kysely<unknown>) {
        // An invitation is a single-use link (its secret stored as SHA-256 only) for one e-mail address, with the
        // global role and optionally a customer and the role there. Rows stay after use: they record who invited whom.
        await db.schema
          .createTable('invitations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('customer_role', 'text')
          .addColumn('invited_by_id', 'text', (c) => c.notNull())
          .addColumn('invited_by_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('accepted_at', 'text')
          .addColumn('accepted_user_id', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('revoked_by_id', 'text')
          .execute();
        await db.schema.createIndex('invitations_by_email').on('invitations').columns(['email']).execute();
        await db.schema.createIndex('invitations_by_customer').on('invitations').columns(['customer_id']).execute();
        // null: never expires (tokens made before this migration, and those made without an expiry).
        await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
      },
    },
    '0011_users_linked_contact': {
      async up(db: Kysely<unknown>) {
        // A user may be linked to a contact of the registry: Muster then reaches the person (a role given, a task
        // due) through that contact's channels, in order, instead of only the account's e-mail address.
        await db.schema.alterTable('users').addColumn('contact_id', 'text').execute();
      },
    },
  };
}

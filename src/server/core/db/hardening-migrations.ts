import { type Kysely, type Migration, sql } from 'kysely';

/** The tables 0006 reads and fills, as they were when it was written. */
type Tables0006 = {
  users: { id: string; name: string };
  events: { stream_id: string; recorded_at: string; actor: string; type: string };
  incident_access: {
    incident_id: string;
    user_id: string;
    user_name: string;
    reason: string;
    added_by_id: string;
    added_by_name: string;
    added_at: string;
  };
};

// The migrations of the hardening: TLP:RED access lists, the sign-in throttle with one setup token at a time, and
// triage heads for verify. Each runs on both dialects; never edit a released migration, add a new one.
export function hardeningMigrations(): Record<string, Migration> {
  return {
    '0006_incident_access_need_to_know': {
      // Who may read a TLP:RED incident: a projection of the timeline (the reporter, whoever set RED, the people
      // given a role, and access.granted / access.revoked events), kept for one indexed check per read.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('incident_access')
          .addColumn('incident_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('added_by_id', 'text', (c) => c.notNull())
          .addColumn('added_by_name', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('incident_access_pk', ['incident_id', 'user_id'])
          .execute();
        await db.schema.createIndex('incident_access_by_user').on('incident_access').columns(['user_id']).execute();
        // Incidents reported before the list existed: their reporters (people, not intake) are on it.
        const tables = db.withTables<Tables0006>();
        const users = new Map((await tables.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
        const reports = await tables
          .selectFrom('events')
          .select(['stream_id', 'recorded_at', 'actor'])
          .where('type', '=', 'incident.reported')
          .execute();
        const reported = reports
          .map((e) => ({ ...e, id: JSON.parse(e.actor).id as string }))
          .filter((e) => users.has(e.id))
          .map((e) => ({ ...e, name: users.get(e.id) as string }));
        for (const r of reported) {
          await tables
            .insertInto('incident_access')
            .values({
              incident_id: r.stream_id,
              user_id: r.id,
              user_name: r.name,
              reason: 'reporter',
              added_by_id: r.id,
              added_by_name: r.name,
              added_at: r.recorded_at,
            })
            .execute();
        }
      },
    },
    '0007_accounts_login_throttle': {
      async up(db: Kysely<unknown>) {
        // Failed sign-ins per submitted e-mail address (known or not), shared by every instance.
        await db.schema
          .createTable('login_throttle')
          .addColumn('key_hash', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('last_attempt_at', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text')
          .execute();
        await db.schema.createIndex('login_throttle_by_age').on('login_throttle').columns(['last_attempt_at']).execute();
        // One setup token at a time: the table is remade with a fixed key, so issuing a token replaces the last
        // one even when two instances start at once. Pending tokens are dropped; the next start prints a new one.
        await db.schema.dropTable('setup_tokens').execute();
        await db.schema
          .createTable('setup_tokens')
          .addColumn('slot', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // Triage items keep their stream's head like incidents and registry records do, so that verify can tell a
    // stream cut short from an intact one. Existing items take the head their events have now.
    '0008_tamper_triage_heads': {
      async up(db: Kysely<unknown>) {
        const genesis = '0'.repeat(64);
        await db.schema
          .alterTable('triage_items')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('triage_items')
          .addColumn('head_hash', 'text', (c) => c.notNull().defaultTo(genesis))
          .execute();
        await sql`update triage_items set
            version = coalesce((select max(e.seq) from events e where e.stream_id = triage_items.id), 0),
            head_hash = coalesce(
              (select e.hash from events e where e.stream_id = triage_items.id order by e.seq desc limit 1),
              ${genesis})`.execute(db);
      },
    },
  };
}

import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './database.ts';

// The migration of the incident search index (decision 0019). Runs on both dialects; never edit a released
// migration, add a new one.
//
// The index is kept by triggers on `incidents`, so it changes in the same transaction as the row whatever writes it
// (the projection, a migration, a bulk load), and only when the title, description or key changes: a note, which
// rewrites the row, leaves the index alone.
export function searchMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0020_incident_search': {
      async up(db: Kysely<unknown>) {
        if (dialect === 'postgres') await upPostgres(db);
        else await upSqlite(db);
      },
      async down(db: Kysely<unknown>) {
        for (const statement of searchMigrationDown(dialect)) await sql.raw(statement).execute(db);
      },
    },
    '0021_incident_search_filters': {
      async up(db: Kysely<unknown>) {
        if (dialect === 'postgres') await upPostgresFilters(db);
      },
      async down(db: Kysely<unknown>) {
        if (dialect === 'postgres') await downPostgresFilters(db);
      },
    },
  };
}

/** The names of the search index's migrations, oldest first: undone together by searchMigrationDown. */
export const SEARCH_MIGRATION_NAMES = ['0020_incident_search', '0021_incident_search_filters'] as const;

/**
 * The statements that undo migrations 0020 and 0021 (also used by the tamper test, which replays migrations; remove
 * SEARCH_MIGRATION_NAMES from kysely_migration with them).
 */
export function searchMigrationDown(dialect: Dialect): string[] {
  return dialect === 'postgres'
    ? [
        'drop trigger if exists incident_search_on_insert on incidents',
        'drop trigger if exists incident_search_on_update on incidents',
        'drop function if exists incident_search_sync()',
        'drop table if exists incident_search',
      ]
    : [
        'drop trigger if exists incident_search_on_insert',
        'drop trigger if exists incident_search_on_update',
        'drop trigger if exists incident_search_on_delete',
        'drop table if exists incident_search_fts',
        'drop table if exists incident_search_rows',
      ];
}

// SQLite: an FTS5 table with the trigram tokenizer (any substring of three characters or more, case folded), and
// a table that gives each incident the integer the FTS5 row needs (the incidents table has no INTEGER PRIMARY KEY,
// and VACUUM may renumber an implicit rowid).
async function upSqlite(db: Kysely<unknown>) {
  await sql`create table incident_search_rows (n integer primary key, incident_id text not null unique)`.execute(db);
  await sql`create virtual table incident_search_fts using fts5(title, description, key, tokenize = 'trigram')`.execute(db);
  await sql`insert into incident_search_rows (incident_id) select id from incidents order by reported_at, id`.execute(db);
  await sql`insert into incident_search_fts (rowid, title, description, key)
    select r.n, i.title, i.description, i.key from incident_search_rows r join incidents i on i.id = r.incident_id`.execute(db);
  await sql`create trigger incident_search_on_insert after insert on incidents begin
    insert into incident_search_rows (incident_id) values (new.id);
    insert into incident_search_fts (rowid, title, description, key)
      values ((select n from incident_search_rows where incident_id = new.id), new.title, new.description, new.key);
  end`.execute(db);
  await sql`create trigger incident_search_on_update after update of title, description, key on incidents
    when old.title is not new.title or old.description is not new.description or old.key is not new.key begin
    update incident_search_fts set title = new.title, description = new.description, key = new.key
      where rowid = (select n from incident_search_rows where incident_id = new.id);
  end`.execute(db);
  await sql`create trigger incident_search_on_delete after delete on incidents begin
    delete from incident_search_fts where rowid = (select n from incident_search_rows where incident_id = old.id);
    delete from incident_search_rows where incident_id = old.id;
  end`.execute(db);
}

// PostgreSQL: the three fields in one lower-cased text column (a newline between them, so no word spans two) in a
// table of its own with a pg_trgm GIN index, which answers LIKE '%word%' (LIKE on lower-cased text: a third of
// ILIKE's time where rows are checked one by one). A table of its own, not an expression index on
// incidents: every change rewrites the incident's row, and the GIN index would take a new entry for each trigram.
async function upPostgres(db: Kysely<unknown>) {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create table incident_search (
    incident_id text primary key references incidents (id) on delete cascade,
    text text not null
  )`.execute(db);
  await sql`insert into incident_search (incident_id, text)
    select id, lower(title || E'\n' || description || E'\n' || key) from incidents`.execute(db);
  await sql`create index incident_search_trgm on incident_search using gin (text gin_trgm_ops)`.execute(db);
  await sql`create function incident_search_sync() returns trigger language plpgsql as $$
    begin
      insert into incident_search (incident_id, text) values (new.id, lower(new.title || E'\n' || new.description || E'\n' || new.key))
        on conflict (incident_id) do update set text = excluded.text;
      return null;
    end $$`.execute(db);
  await sql`create trigger incident_search_on_insert after insert on incidents
    for each row execute function incident_search_sync()`.execute(db);
  await sql`create trigger incident_search_on_update after update of title, description, key on incidents
    for each row when (old.title is distinct from new.title or old.description is distinct from new.description
      or old.key is distinct from new.key)
    execute function incident_search_sync()`.execute(db);
  await sql`analyze incident_search`.execute(db);
}

/** The incidents' columns the list filters on (and its default sort key), copied into incident_search by 0021. */
const COPIED = ['customer_id', 'tlp', 'status', 'severity', 'exercise', 'reported_at'] as const;

// PostgreSQL, 0021: the search's table also holds the incident's filter columns and its reported time, so that a
// search reads and counts its matches in this narrow table alone (customer, TLP:RED need-to-know, status, severity,
// exercise, the default order) instead of looking up each match's incident (a look-up of a wide row by id, four
// buffers, for each of up to 1,001 matches: most of a common word's or a 1 % word's time at 100,000 incidents).
// Kept by the same trigger, now also when one of those columns changes (a status or TLP change, not a note).
async function upPostgresFilters(db: Kysely<unknown>) {
  // A new table filled in one pass and renamed, not an update of every row: an update writes each row again and,
  // without room on its page, a new entry in the GIN index for each of its trigrams (17 s for 100,000 incidents
  // here). Some room on each page (fillfactor) lets a later change of a copied column rewrite the row in place,
  // without touching that index.
  await sql`create table incident_search_filtered (
    incident_id text primary key references incidents (id) on delete cascade,
    text text not null,
    customer_id text,
    tlp text not null,
    status text not null,
    severity text,
    exercise integer not null,
    reported_at text not null
  ) with (fillfactor = 90)`.execute(db);
  await sql`insert into incident_search_filtered
    select i.id, s.text, i.customer_id, i.tlp, i.status, i.severity, i.exercise, i.reported_at
    from incident_search s join incidents i on i.id = s.incident_id`.execute(db);
  await sql`drop table incident_search`.execute(db);
  await sql`alter table incident_search_filtered rename to incident_search`.execute(db);
  await sql`alter index incident_search_filtered_pkey rename to incident_search_pkey`.execute(db);
  await sql`alter table incident_search rename constraint incident_search_filtered_incident_id_fkey
    to incident_search_incident_id_fkey`.execute(db);
  await sql`create index incident_search_trgm on incident_search using gin (text gin_trgm_ops)`.execute(db);
  await sql`create or replace function incident_search_sync() returns trigger language plpgsql as $$
    begin
      insert into incident_search (incident_id, text, customer_id, tlp, status, severity, exercise, reported_at)
        values (new.id, lower(new.title || E'\n' || new.description || E'\n' || new.key), new.customer_id, new.tlp,
          new.status, new.severity, new.exercise, new.reported_at)
        on conflict (incident_id) do update set text = excluded.text, customer_id = excluded.customer_id,
          tlp = excluded.tlp, status = excluded.status, severity = excluded.severity, exercise = excluded.exercise,
          reported_at = excluded.reported_at;
      return null;
    end $$`.execute(db);
  await sql`drop trigger incident_search_on_update on incidents`.execute(db);
  const changed = sql.join(
    ['title', 'description', 'key', ...COPIED].map((c) => sql`old.${sql.ref(c)} is distinct from new.${sql.ref(c)}`),
    sql` or `,
  );
  await sql`create trigger incident_search_on_update
    after update of ${sql.join(['title', 'description', 'key', ...COPIED].map((c) => sql.ref(c)))} on incidents
    for each row when (${changed}) execute function incident_search_sync()`.execute(db);
  await sql`analyze incident_search`.execute(db);
}

async function downPostgresFilters(db: Kysely<unknown>) {
  await sql`drop trigger incident_search_on_update on incidents`.execute(db);
  await sql`create or replace function incident_search_sync() returns trigger language plpgsql as $$
    begin
      insert into incident_search (incident_id, text) values (new.id, lower(new.title || E'\n' || new.description || E'\n' || new.key))
        on conflict (incident_id) do update set text = excluded.text;
      return null;
    end $$`.execute(db);
  await sql`create trigger incident_search_on_update after update of title, description, key on incidents
    for each row when (old.title is distinct from new.title or old.description is distinct from new.description
      or old.key is distinct from new.key)
    execute function incident_search_sync()`.execute(db);
  await sql`alter table incident_search drop column customer_id, drop column tlp, drop column status,
    drop column severity, drop column exercise, drop column reported_at`.execute(db);
}

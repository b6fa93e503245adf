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
  };
}

/** The statements that undo migration 0020 (also used by the tamper test, which replays migrations). */
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

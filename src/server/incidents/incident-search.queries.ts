import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../core/db/database.ts';
import type { DB } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

// The incident search (decision 0019): every word of `q` (split at white space) must appear, ignoring case, as a
// substring of the incident's title, description or key. Words the trigram index can answer are looked up in it
// (migration 0020); the others are checked on the row.

/** At most this many words count; the rest of a very long query is ignored (q is at most 200 characters anyway). */
const MAX_WORDS = 16;

/**
 * At most how many index matches a page sorts by itself (SQLite); with more, it walks the list's sort index. A match
 * looked up costs about four rows checked in a walk, and a walk checks about page × incidents / matches rows: the
 * two cross near √(16 × incidents) matches (1,000 at 100,000 incidents, 126 at 1,000).
 */
export const indexPageLimit = (incidents: number) => Math.min(1000, Math.max(64, Math.round(Math.sqrt(16 * incidents))));

export interface SearchTerms {
  /** Every distinct word, as typed. */
  words: string[];
  /** The words the index answers: three characters or more (PostgreSQL: a run of three letters or digits). */
  indexed: string[];
}

/** The words of a search; null when there are none (only white space: no search). */
export function searchTerms(q: string | undefined, dialect: Dialect): SearchTerms | null {
  const words = [...new Set((q ?? '').split(/\s+/u).filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const indexable = dialect === 'postgres' ? (w: string) => /[\p{L}\p{N}]{3,}/u.test(w) : (w: string) => [...w].length >= 3;
  return { words, indexed: words.filter(indexable) };
}

const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The word on the incident's own row: the scan every search did before the index, still used for short words. */
export function wordOnRow(dialect: Dialect, word: string) {
  const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
  const pattern = likePattern(word);
  return sql<SqlBool>`(incidents.title ${like} ${pattern} escape '\\' or incidents.description ${like} ${pattern} escape '\\' or incidents.key ${like} ${pattern} escape '\\')`;
}

/** An FTS5 query that takes each word literally: a quoted string (its quotes doubled) is one phrase, operators and all. */
export function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ');
}

// biome-ignore lint/complexity/noBannedTypes: Kysely's own type of a query that has selected nothing yet
type IncidentQuery = SelectQueryBuilder<DB, 'incidents', {}>;

/**
 * The incidents that have every indexed word, read from the index. On SQLite the index is the outer loop (CROSS JOIN
 * keeps that order): it hands over the matching incidents, then each is looked up by its id. On PostgreSQL a
 * semi-join, and the planner chooses between the GIN index and walking the list's sort index; with no word the index
 * can answer, a check of the narrow lower-cased text is still cheaper than ILIKE on the incident's three fields.
 */
export function fromIndex(tx: Tx, dialect: Dialect, terms: SearchTerms): IncidentQuery {
  if (dialect === 'postgres') {
    return tx.selectFrom('incidents').where('incidents.id', 'in', (eb) => {
      let sub = eb.selectFrom('incident_search').select('incident_search.incident_id');
      for (const word of terms.words)
        sub = sub.where(sql<SqlBool>`incident_search.text like lower(${likePattern(word)}) escape '\\'`);
      return sub;
    });
  }
  let query = tx
    .selectFrom('incident_search_fts')
    .crossJoin('incident_search_rows')
    .crossJoin('incidents')
    .where(sql<SqlBool>`incident_search_fts match ${ftsQuery(terms.indexed)}`)
    .whereRef('incident_search_rows.n', '=', 'incident_search_fts.rowid')
    .whereRef('incidents.id', '=', 'incident_search_rows.incident_id');
  for (const word of terms.words) if (!terms.indexed.includes(word)) query = query.where(wordOnRow(dialect, word));
  // The other tables' columns are only joined through; the callers see the incidents.
  return query as unknown as IncidentQuery;
}

/** The incidents that have every word, checked on each row: for a walk of the sort index that stops at a page. */
export function onRows(tx: Tx, dialect: Dialect, terms: SearchTerms): IncidentQuery {
  let query = tx.selectFrom('incidents');
  for (const word of terms.words) query = query.where(wordOnRow(dialect, word));
  return query;
}

/**
 * Whether a page of this search is cheaper read from the index (few matches: look them up and sort them) than by
 * walking the list's sort index and checking each row (many matches: the page fills within a few rows). SQLite
 * only, by counting the index's matches up to indexPageLimit; PostgreSQL's planner weighs the same from its
 * statistics.
 */
export async function pageFromIndex(tx: Tx, dialect: Dialect, terms: SearchTerms): Promise<boolean> {
  if (dialect === 'postgres') return true;
  if (terms.indexed.length === 0) return false;
  // The integers are handed out in order, so the largest is about how many incidents there are (one index step).
  const rows = await tx
    .selectFrom('incident_search_rows')
    .select((eb) => eb.fn.max('n').as('n'))
    .executeTakeFirstOrThrow();
  const limit = indexPageLimit(Number(rows.n ?? 0));
  const row = await tx
    .selectFrom(
      tx
        .selectFrom('incident_search_fts')
        .select(sql`1`.as('one'))
        .where(sql<SqlBool>`incident_search_fts match ${ftsQuery(terms.indexed)}`)
        .limit(limit + 1)
        .as('matches'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) <= limit;
}

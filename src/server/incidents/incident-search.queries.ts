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
 * At most how many of the index's matches PostgreSQL reads to plan a search: a search with no more is read from
 * its matches (page and count), one with more walks the list's sort index. As many as the count's cap + 1, so that
 * the matches read also count a common word when the filters let all of them through.
 */
export const POSTGRES_PROBE_LIMIT = 1000;

/** How a search is read: decided once per list request, for its page and its count. */
export interface SearchPlan {
  terms: SearchTerms;
  /** Few matches: the page is read from the index's matches; many: the list's sort index is walked. */
  fromIndex: boolean;
  /**
   * PostgreSQL: the ids of the index's matches, read once, up to POSTGRES_PROBE_LIMIT + 1 (all of them when
   * fromIndex). Null on SQLite, which reads the index in the page's and the count's own statements.
   */
  matches: string[] | null;
  /** PostgreSQL, planned for a list request: how many of the matches read pass the request's filters. */
  visible?: number;
  /** PostgreSQL, planned for a list request with few matches: the page's ids, in the page's order. */
  pageIds?: string[];
  /** PostgreSQL, planned for a list request: its count may read incident_search alone (see countIncidents). */
  narrowCount?: boolean;
}

/**
 * The incidents that have every indexed word, read from the index (SQLite). The index is the outer loop (CROSS
 * JOIN keeps that order): it hands over the matching incidents, then each is looked up by its id.
 */
export function fromIndex(tx: Tx, dialect: Dialect, terms: SearchTerms): IncidentQuery {
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

/** The incidents of these ids (PostgreSQL: the index's matches, read by searchPlan). */
export function fromMatches(tx: Tx, ids: string[]): IncidentQuery {
  return tx.selectFrom('incidents').where('incidents.id', '=', sql<string>`any(${ids}::text[])`);
}

/** The lower-cased text of PostgreSQL's incident_search row has every word. */
export function textHasEvery(words: string[]) {
  const each = words.map((word) => sql`incident_search.text like lower(${likePattern(word)}) escape '\\'`);
  return sql<SqlBool>`(${sql.join(each, sql` and `)})`;
}

/**
 * The incidents that have every word, checked on each row: for a walk that stops at a page or at the count's cap.
 * On PostgreSQL the check is a look-up of the incident's lower-cased text by its id; `offset 0` keeps it a check
 * of each row walked (a semi-join would let the planner join all the matches first: a merge join of the two
 * primary keys for a common word's count).
 */
export function onRows(tx: Tx, dialect: Dialect, terms: SearchTerms): IncidentQuery {
  if (dialect === 'postgres')
    return tx
      .selectFrom('incidents')
      .where(
        sql<SqlBool>`exists (select 1 from incident_search where incident_search.incident_id = incidents.id and ${textHasEvery(terms.words)} offset 0)`,
      );
  let query = tx.selectFrom('incidents');
  for (const word of terms.words) query = query.where(wordOnRow(dialect, word));
  return query;
}

/**
 * How to read a search: from the index's matches when they are few (look them up and sort them), or by walking
 * the list's sort index and checking each row when they are many (the page fills within a few rows). Both dialects
 * count the index's matches up to a limit. PostgreSQL reads their ids (the GIN index for a rarer word, its text
 * table in order for a common one, whichever its planner finds cheaper), so that a word in few incidents is read
 * from the index once for page and count.
 */
export async function searchPlan(tx: Tx, dialect: Dialect, q: string | undefined): Promise<SearchPlan | null> {
  const terms = searchTerms(q, dialect);
  if (!terms) return null;
  if (dialect === 'postgres') {
    const rows = await tx
      .selectFrom('incident_search')
      .select('incident_search.incident_id')
      .where(textHasEvery(terms.words))
      .limit(POSTGRES_PROBE_LIMIT + 1)
      .execute();
    const matches = rows.map((r) => r.incident_id);
    return { terms, fromIndex: matches.length <= POSTGRES_PROBE_LIMIT, matches };
  }
  if (terms.indexed.length === 0) return { terms, fromIndex: false, matches: null };
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
  return { terms, fromIndex: Number(row.n) <= limit, matches: null };
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import { migrateToLatest } from './migrations.ts';
import { keepTableStatistics, STATISTICS_CHECK_MS } from './table-statistics.ts';

if ((await testDialects()).includes('postgres')) {
  describe('table statistics on postgres without autovacuum', () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDb('postgres');
      await migrateToLatest(testDb.database.db, 'postgres');
    });
    after(() => testDb.drop());

    it('makes a connection that planned a lookup on the empty table plan it again once the table has grown', async (t) => {
      const { db } = testDb.database;
      // Whatever the cluster's setting: autovacuum is off for this table, as it is for every table on some clusters.
      await sql`alter table alerts set (autovacuum_enabled = false)`.execute(db);
      // Statistics taken on the new installation (`vacuumdb --analyze`, a benchmark's set-up): the table is empty.
      await sql`analyze alerts`.execute(db);
      // One pooled connection, as the alert writer's: it looks up 500 fingerprints at a time, a named statement.
      const connection = new pg.Client({ connectionString: testDb.url as string });
      await connection.connect();
      const logged: string[] = [];
      const keeper = { stop: async () => {} };
      try {
        const fingerprints = Array.from({ length: 500 }, (_, i) => `$${i + 2}`).join(', ');
        const lookup = {
          name: 'find-alert-states',
          text: `select fingerprint, status from alerts where customer_id = $1 and fingerprint in (${fingerprints})`,
          values: ['customer', ...Array.from({ length: 500 }, (_, i) => `disk-${i}`)],
        };
        const timed = async () => {
          const started = performance.now();
          await connection.query(lookup);
          return performance.now() - started;
        };
        // Past five runs the connection keeps one plan for the statement: made for an empty table.
        for (let i = 0; i < 8; i++) await timed();
        await sql`
          insert into alerts (customer_id, fingerprint, source_id, title, severity, labels, annotations, status, count,
                              first_seen, last_seen)
          select 'customer', 'grown-' || i, 'source', 'Grown', 'low', '{}', '{}', 'firing', 1, now()::text, now()::text
          from generate_series(1, 100000) as i`.execute(db);
        const stale = await timed();
        assert.ok(stale > 200, `the plan made for the empty table should scan all 100,000 rows (${Math.round(stale)} ms)`);

        Object.assign(keeper, keepTableStatistics(testDb.database, { warn: (_obj, msg) => logged.push(String(msg)) }));
        const before = await lastAnalyze(testDb);
        for (const until = Date.now() + STATISTICS_CHECK_MS * 3; (await lastAnalyze(testDb)) === before; ) {
          assert.ok(Date.now() < until, 'the grown table was not analyzed');
          await new Promise((r) => setTimeout(r, 100));
        }
        const fresh = Math.max(await timed(), await timed());
        t.diagnostic(
          `500 fingerprints among 100,000 alerts: ${Math.round(stale)} ms on the old plan, ${Math.round(fresh)} ms after`,
        );
        assert.ok(fresh < stale / 10, `after the analyze: ${Math.round(fresh)} ms, before it ${Math.round(stale)} ms`);
        assert.match(logged.join('\n'), /autovacuum is off for these tables/);
      } finally {
        await keeper.stop();
        await connection.end();
      }
    });
  });
}

async function lastAnalyze(testDb: TestDatabase): Promise<string | null> {
  const { rows } = await sql<{ at: string | null }>`
    select last_analyze::text as at from pg_stat_user_tables where relname = 'alerts'`.execute(testDb.database.db);
  return rows[0]?.at ?? null;
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import { migrateToLatest } from './migrations.ts';
import { keepTablesUp, UPKEEP_CHECK_MS } from './table-upkeep.ts';

if ((await testDialects()).includes('postgres')) {
  describe('table upkeep on postgres without autovacuum', () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDb('postgres');
      await migrateToLatest(testDb.database.db, 'postgres');
    });
    after(() => testDb.drop());

    it('makes connections plan again once a table analyzed empty has grown, and reclaims dead rows', async (t) => {
      const { db } = testDb.database;
      // Whatever the cluster's setting: autovacuum is off for this table, as it is for every table on some clusters.
      await sql`alter table alerts set (autovacuum_enabled = false)`.execute(db);
      // Statistics taken on the new installation (`vacuumdb --analyze`, a benchmark's set-up): the table is empty.
      await sql`analyze alerts`.execute(db);
      // One pooled connection, as the alert writer's: it looks up 500 fingerprints at a time, a named statement.
      const connection = new pg.Client({ connectionString: testDb.url as string });
      await connection.connect();
      // Such a connection has settled on one generic plan for the statement (PostgreSQL's choice after five runs,
      // which may also keep making custom plans): forced here, so the test does not depend on that choice.
      await connection.query('set plan_cache_mode = force_generic_plan');
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
        // The connection's plan for the statement, made for an empty table.
        for (let i = 0; i < 8; i++) await timed();
        await sql`
          insert into alerts (customer_id, fingerprint, source_id, title, severity, labels, annotations, status, count,
                              first_seen, last_seen)
          select 'customer', 'grown-' || i, 'source', 'Grown', 'low', '{}', '{}', 'firing', 1, now()::text, now()::text
          from generate_series(1, 100000) as i`.execute(db);
        const stale = await timed();
        assert.ok(stale > 200, `the plan made for the empty table should scan all 100,000 rows (${Math.round(stale)} ms)`);

        Object.assign(keeper, keepTablesUp(testDb.database, { warn: (_obj, msg) => logged.push(String(msg)) }));
        await upkept(testDb, 'last_analyze', 'the grown table was not analyzed');
        const fresh = Math.max(await timed(), await timed());
        t.diagnostic(
          `500 fingerprints among 100,000 alerts: ${Math.round(stale)} ms on the old plan, ${Math.round(fresh)} ms after`,
        );
        assert.ok(fresh < stale / 10, `after the analyze: ${Math.round(fresh)} ms, before it ${Math.round(stale)} ms`);
        assert.match(logged.join('\n'), /autovacuum is off for these tables/);

        // Every alert counted up once: 100,000 dead rows, which only a vacuum reclaims.
        await sql`update alerts set count = count + 1`.execute(db);
        await upkept(testDb, 'last_vacuum', 'the dead rows were not vacuumed');
        const { rows } = await sql<{ dead: string }>`
          select n_dead_tup as dead from pg_stat_user_tables where relname = 'alerts'`.execute(db);
        assert.ok(Number(rows[0].dead) < 1000, `${rows[0].dead} dead rows left`);
      } finally {
        await keeper.stop();
        await connection.end();
      }
    });
  });
}

/** Waits until the alerts table's last analyze or vacuum (by hand, not by autovacuum) is a new one. */
async function upkept(testDb: TestDatabase, column: 'last_analyze' | 'last_vacuum', failure: string): Promise<void> {
  const at = async () => {
    const { rows } = await sql<{ at: string | null }>`
      select ${sql.ref(column)}::text as at from pg_stat_user_tables where relname = 'alerts'`.execute(testDb.database.db);
    return rows[0]?.at ?? null;
  };
  const before = await at();
  for (const until = Date.now() + UPKEEP_CHECK_MS * 3; (await at()) === before; ) {
    assert.ok(Date.now() < until, failure);
    await new Promise((r) => setTimeout(r, 100));
  }
}

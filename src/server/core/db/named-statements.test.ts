import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';

for (const dialect of (await testDialects()).filter((d) => d === 'postgres')) {
  describe(`statements on ${dialect}`, () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDb(dialect);
    });
    after(() => testDb.drop());

    it('parses a parameterised statement once per connection and then only binds it', async () => {
      await testDb.database.db.connection().execute(async (db) => {
        for (const n of [1, 2, 3]) {
          const { rows } = await sql<{ n: number }>`select ${n}::int + 1 as n`.execute(db);
          assert.equal(rows[0].n, n + 1);
        }
        const { rows } = await sql<{ text: string }>`select statement as text from pg_prepared_statements`.execute(db);
        assert.equal(rows.filter((r) => r.text === 'select $1::int + 1 as n').length, 1, JSON.stringify(rows));
      });
    });

    it('still runs statements without parameters, and reports a bad one without spoiling the next', async () => {
      const db = testDb.database.db;
      await assert.rejects(sql`select ${1}::int from no_such_table`.execute(db), /no_such_table/);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      assert.equal(rows[0].one, 1);
      await assert.rejects(sql`select ${1}::int from no_such_table`.execute(db), /no_such_table/);
    });
  });
}

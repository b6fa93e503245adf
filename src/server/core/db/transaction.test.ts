import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import { migrateToLatest } from './migrations.ts';
import { withTransaction, writeUnanswered } from './transaction.ts';

for (const dialect of await testDialects()) {
  describe(`withTransaction on ${dialect}`, () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDb(dialect);
      await migrateToLatest(testDb.database.db, dialect);
    });
    after(() => testDb.drop());

    const counterValue = async (name: string) =>
      (await testDb.database.db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst())?.value;

    it('commits what the work wrote and returns its value', async () => {
      const value = await withTransaction(testDb.database, async (tx) => {
        await tx.insertInto('counters').values({ name: 'committed', value: 1 }).execute();
        await tx.updateTable('counters').set({ value: 2 }).where('name', '=', 'committed').execute();
        return 'done';
      });
      assert.equal(value, 'done');
      assert.equal(await counterValue('committed'), 2);
    });

    it('keeps nothing of a work that throws, and the next work runs normally', async () => {
      await assert.rejects(
        withTransaction(testDb.database, async (tx) => {
          await tx.insertInto('counters').values({ name: 'thrown', value: 1 }).execute();
          throw new Error('refused');
        }),
        /refused/,
      );
      assert.equal(await counterValue('thrown'), undefined);
      await withTransaction(testDb.database, (tx) => tx.insertInto('counters').values({ name: 'after', value: 3 }).execute());
      assert.equal(await counterValue('after'), 3);
    });

    it('commits or rolls back each of many concurrent works by itself', async () => {
      const works = Array.from({ length: 40 }, (_, i) =>
        withTransaction(testDb.database, async (tx) => {
          await tx
            .insertInto('counters')
            .values({ name: `concurrent-${i}`, value: i })
            .execute();
          if (i % 3 === 0) throw new Error(`work ${i} refused`);
          return i;
        }),
      );
      const outcomes = await Promise.allSettled(works);
      for (const [i, outcome] of outcomes.entries()) {
        assert.equal(outcome.status, i % 3 === 0 ? 'rejected' : 'fulfilled', `work ${i}`);
        assert.equal(await counterValue(`concurrent-${i}`), i % 3 === 0 ? undefined : i, `work ${i}`);
      }
    });

    it('runs the first statement inside the transaction, with the ones after it', async () => {
      if (dialect === 'sqlite') return; // SQLite: the group's one transaction is begun before any work runs
      const ids = await withTransaction(testDb.database, async (tx) => {
        const first = await sql<{ id: string }>`select pg_current_xact_id()::text as id where ${1} = 1`.execute(tx);
        const second = await sql<{ id: string }>`select pg_current_xact_id()::text as id`.execute(tx);
        return [first.rows[0].id, second.rows[0].id];
      });
      assert.equal(ids[0], ids[1]);
    });

    it('never acknowledges a write that a failed statement took with it, even when the work caught the error', async () => {
      const work = withTransaction(testDb.database, async (tx) => {
        await tx.insertInto('counters').values({ name: 'swallowed', value: 1 }).execute();
        await sql`select * from no_such_table`.execute(tx).catch(() => undefined);
        return 'done';
      });
      if (dialect === 'postgres') {
        // PostgreSQL aborts the whole transaction on a failed statement and answers its COMMIT with ROLLBACK.
        await assert.rejects(work, /rolled back/);
        assert.equal(await counterValue('swallowed'), undefined);
      } else {
        // SQLite undoes only the failed statement: the rest of the work stands and is committed.
        assert.equal(await work, 'done');
        assert.equal(await counterValue('swallowed'), 1);
      }
    });

    it('commits a write sent without waiting for its answer, and later statements of the work see it', async () => {
      const seen = await withTransaction(testDb.database, async (tx) => {
        await writeUnanswered(tx, tx.insertInto('counters').values({ name: 'unanswered', value: 5 }));
        return (await tx.selectFrom('counters').select('value').where('name', '=', 'unanswered').executeTakeFirst())?.value;
      });
      assert.equal(seen, 5);
      assert.equal(await counterValue('unanswered'), 5);
    });

    it('fails the whole work, and keeps none of it, when a write sent without waiting fails', async () => {
      await withTransaction(testDb.database, (tx) => tx.insertInto('counters').values({ name: 'taken', value: 1 }).execute());
      await assert.rejects(
        withTransaction(testDb.database, async (tx) => {
          await tx.insertInto('counters').values({ name: 'before-the-failure', value: 1 }).execute();
          // The name is the key: this insert fails, and only the commit learns of it (PostgreSQL).
          await writeUnanswered(tx, tx.insertInto('counters').values({ name: 'taken', value: 2 }));
          return 'done';
        }),
        /unique|UNIQUE|duplicate/,
      );
      assert.equal(await counterValue('before-the-failure'), undefined);
      assert.equal(await counterValue('taken'), 1);
    });
  });
}

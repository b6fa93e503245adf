import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import { changeStamp } from './change-stamp.queries.ts';
import type { Database } from './database.ts';
import { keptUntilChanged } from './kept-until-changed.ts';
import { migrateToLatest } from './migrations.ts';
import { withTransaction } from './transaction.ts';

for (const dialect of await testDialects()) {
  describe(`keptUntilChanged on ${dialect}`, () => {
    let testDb: TestDatabase;
    let database: Database;
    let reads = 0;
    // What a reader sees: the names of the settings stored, read afresh each time `read` runs.
    const settings = () =>
      keptUntilChanged(database, 'settings', async () => {
        reads++;
        const rows = await database.db.selectFrom('settings').select('name').orderBy('name').execute();
        return { value: rows.map((r) => r.name).join(','), keep: true };
      });
    const put = (db: Database, key: string) => db.db.insertInto('settings').values({ name: key, value: '1' }).execute();

    before(async () => {
      testDb = await createTestDb(dialect);
      database = testDb.database;
      await migrateToLatest(database.db, dialect);
      await database.db.deleteFrom('settings').execute();
    });
    after(() => testDb.drop());

    it('reads once while nothing changes, and again after a change through this connection', async () => {
      reads = 0;
      const stampBefore = await changeStamp(database);
      assert.equal(await settings(), '');
      assert.equal(await settings(), '');
      // On PostgreSQL a write in any other database of the cluster (other tests run beside this one) moves the stamp.
      if (dialect === 'sqlite' || (await changeStamp(database)) === stampBefore) assert.equal(reads, 1, 'kept');
      const readsBefore = reads;
      await put(database, 'a');
      assert.equal(await settings(), 'a');
      assert.equal(reads, readsBefore + 1);
    });

    it('reads again after a commit by another connection (another instance or process)', async () => {
      await settings();
      reads = 0;
      const other = testDb.openAnother();
      try {
        await put(other, 'b');
      } finally {
        await other.close();
      }
      assert.equal(await settings(), 'a,b');
      assert.equal(reads, 1);
    });

    it('never hands out what was read while a change was being made', async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The read waits until the change is in; what it read then is not kept under the stamp taken before.
      const stale = keptUntilChanged(database, 'slow', async () => {
        await gate;
        return { value: 'read during a change', keep: true };
      });
      await put(database, 'c');
      release();
      assert.equal(await stale, 'read during a change');
      const fresh = await keptUntilChanged(database, 'slow', async () => ({ value: 'read after', keep: true }));
      assert.equal(fresh, 'read after');
    });

    it('keeps nothing that says it must not be kept', async () => {
      let n = 0;
      const timely = () => keptUntilChanged(database, 'timely', async () => ({ value: ++n, keep: false }));
      assert.equal(await timely(), 1);
      assert.equal(await timely(), 2);
    });

    if (dialect === 'postgres') {
      it('shares a snapshot read only with those who asked before it was sent', async () => {
        // The first read's answer is held back until released; a commit lands while it is held.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let holding = true;
        const slow: KyselyPlugin = {
          transformQuery: (args) => args.node,
          transformResult: async (args) => {
            if (holding) {
              holding = false;
              await held;
            }
            return args.result;
          },
        };
        const slowDatabase = { ...database, db: database.db.withPlugin(slow) };
        const first = changeStamp(slowDatabase);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const other = testDb.openAnother();
        try {
          await put(other, 'committed while the first read was on its way');
        } finally {
          await other.close();
        }
        const second = changeStamp(slowDatabase);
        release();
        assert.notEqual(await second, await first, 'the second stamp is read after the commit it was asked after');
        const both = await Promise.all([changeStamp(database), changeStamp(database), changeStamp(database)]);
        assert.equal(new Set(both.slice(1)).size, 1, 'those asking while a read is on its way share the next one');
      });
    }

    if (dialect === 'sqlite') {
      it('keeps nothing while a transaction is open on the connection (a read could see its uncommitted rows)', async () => {
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let entered = () => {};
        const open = new Promise<void>((resolve) => {
          entered = resolve;
        });
        const writing = withTransaction(database, async (tx) => {
          await tx.insertInto('settings').values({ name: 'd', value: '1' }).execute();
          entered();
          await gate;
        });
        await open;
        let n = 0;
        const during = () => keptUntilChanged(database, 'during', async () => ({ value: ++n, keep: true }));
        assert.equal(await during(), 1);
        assert.equal(await during(), 2, 'read again');
        release();
        await writing;
        assert.equal(await settings(), 'a,b,c,d');
      });
    }
  });
}

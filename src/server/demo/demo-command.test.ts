import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAIN, processEnv, runFile } from '../testing/serve-process.ts';
import { createTestDb, type TestDatabase, testDialects } from '../testing/test-db.ts';

for (const dialect of await testDialects()) {
  describe(`npm run muster -- demo on ${dialect}`, () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDb(dialect);
      await testDb.database.close();
    });
    after(() => testDb.drop());

    it('says which database it loaded the demo into', async () => {
      const env = processEnv(testDb, 0);
      const { stdout } = await runFile(process.execPath, [MAIN, 'demo'], { env });
      if (dialect === 'sqlite') {
        assert.ok(stdout.includes(`DATA_DIR ${env.DATA_DIR}`), stdout);
        assert.ok(stdout.includes(`${env.DATA_DIR}/muster.sqlite`), stdout);
      } else {
        const url = new URL(testDb.url as string);
        assert.ok(stdout.includes(`PostgreSQL database ${url.pathname.slice(1)} on ${url.hostname}:${url.port}`), stdout);
        assert.ok(!stdout.includes('DATA_DIR'), stdout);
      }
      assert.match(stdout, /Loaded 2 customers/);
    });
  });
}

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../core/config.ts';
import { migrateToLatest } from '../core/db/migrations.ts';
import { createTestDb, type TestDatabase, testDialects } from '../testing/test-db.ts';
import { publicKeyFingerprint } from './export-signature.ts';
import { loadSigningKey } from './signing-key.ts';

for (const dialect of await testDialects()) {
  describe(`the installation's signing key on ${dialect}`, () => {
    let testDb: TestDatabase;
    const dirs: string[] = [];
    const dataDir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-key-'));
      dirs.push(dir);
      return dir;
    };
    const config = (env: Record<string, string>) => loadConfig({ DATABASE_URL: testDb.url ?? '', ...env });
    before(async () => {
      testDb = await createTestDb(dialect);
      await migrateToLatest(testDb.database.db, dialect);
    });
    after(async () => {
      await testDb.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('is made at first use and kept under DATA_DIR, readable by its owner only', async () => {
      const dir = dataDir();
      assert.equal(await loadSigningKey(config({ DATA_DIR: dir }), testDb.database, false), null, 'none before it is made');
      const key = await loadSigningKey(config({ DATA_DIR: dir }), testDb.database, true);
      const file = path.join(dir, 'signing-key.pem');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(key?.keyId, publicKeyFingerprint(key?.publicKey as never).keyId);
      assert.match(key?.keyId ?? '', /^[0-9a-f]{16}$/);
      const again = await loadSigningKey(config({ DATA_DIR: dir }), testDb.database, true);
      assert.equal(again?.keyId, key?.keyId, 'the same key on the next start');
    });

    it('is the same for an instance on the same database with another DATA_DIR', async () => {
      const first = await loadSigningKey(config({ DATA_DIR: dataDir() }), testDb.database, true);
      const otherDir = dataDir();
      const other = testDb.openAnother();
      try {
        const second = await loadSigningKey(config({ DATA_DIR: otherDir }), other, true);
        assert.equal(second?.keyId, first?.keyId);
        assert.ok(fs.existsSync(path.join(otherDir, 'signing-key.pem')), 'written to its own DATA_DIR too');
      } finally {
        await other.close();
      }
    });

    it('is the one SIGNING_KEY_FILE names, when set, and refuses a key that is not Ed25519', async () => {
      const dir = dataDir();
      const given = path.join(dir, 'given.pem');
      const pair = generateKeyPairSync('ed25519');
      fs.writeFileSync(given, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const key = await loadSigningKey(config({ DATA_DIR: dir, SIGNING_KEY_FILE: given }), testDb.database, true);
      assert.equal(key?.keyId, publicKeyFingerprint(pair.publicKey).keyId);
      assert.ok(!fs.existsSync(path.join(dir, 'signing-key.pem')), 'nothing made beside it');
      const rsa = path.join(dir, 'rsa.pem');
      fs.writeFileSync(
        rsa,
        generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      );
      await assert.rejects(
        loadSigningKey(config({ DATA_DIR: dir, SIGNING_KEY_FILE: rsa }), testDb.database, true),
        /not Ed25519/,
      );
      await assert.rejects(
        loadSigningKey(config({ DATA_DIR: dir, SIGNING_KEY_FILE: path.join(dir, 'absent.pem') }), testDb.database, true),
        /does not exist/,
      );
    });
  });
}

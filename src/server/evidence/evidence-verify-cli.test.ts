import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { multipartBody } from '../testing/multipart.ts';
import { MAIN, runFile } from '../testing/serve-process.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { evidencePath } from './evidence-files.ts';

for (const dialect of await testDialects()) {
  describe(`muster verify and evidence on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let incidentId: string;

    const verify = () =>
      runFile(process.execPath, [MAIN, 'verify'], {
        env: {
          ...process.env,
          LOG_LEVEL: 'warn',
          DATA_DIR: server.testDb.dataDir,
          DATABASE_URL: server.testDb.url ?? '',
        },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const upload = async (name: string, content: Buffer) => {
      const { body, contentType } = multipartBody([
        { name: 'source', value: 'Image of the laptop' },
        { name: 'file', filename: name, content },
      ]);
      const res = await fetch(`${server.url}/api/v1/incidents/${incidentId}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
        body: new Uint8Array(body),
      });
      assert.equal(res.status, 201);
      return (await res.json()) as { id: string; sha256: string };
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      const res = await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: 'Stolen laptop' } });
      incidentId = ((await res.json()) as { id: string }).id;
    });
    after(() => server.close());

    it('hashes every evidence file again and names each whose bytes changed or went missing', async () => {
      const bytes = randomBytes(4096);
      const flipped = await upload('disk.img', bytes);
      const missing = await upload('memory.raw', randomBytes(100));
      const intact = await upload('notes.txt', Buffer.from('all fine'));
      const clean = await verify();
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /3 chains of custody .* \(and 3 evidence files hashed again\), 0 broken\n$/);

      const changed = Buffer.from(bytes);
      changed[1234] ^= 0x80;
      fs.writeFileSync(evidencePath(server.deps.config.evidenceDir, flipped.sha256), changed);
      fs.rmSync(evidencePath(server.deps.config.evidenceDir, missing.sha256));
      const run = await verify();
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const broken = run.stdout.split('\n').filter((line) => line.startsWith('BROKEN '));
      assert.deepEqual(broken, [
        `BROKEN evidence "disk.img" (${flipped.id}): its stored bytes changed: SHA-256 ${(await import('node:crypto')).createHash('sha256').update(changed).digest('hex')} where ${flipped.sha256} was recorded when it was collected`,
        `BROKEN evidence "memory.raw" (${missing.id}): its stored bytes are missing`,
      ]);
      assert.ok(!run.stdout.includes(intact.id));
      fs.writeFileSync(evidencePath(server.deps.config.evidenceDir, flipped.sha256), bytes);
      fs.rmSync(evidencePath(server.deps.config.evidenceDir, intact.sha256));
      await server.deps.database.db.deleteFrom('evidence').where('id', 'in', [missing.id, intact.id]).execute();
      await server.deps.database.db.deleteFrom('events').where('stream_id', 'in', [missing.id, intact.id]).execute();
    });

    it('checks each chain of custody: a step altered or cut off is found', async () => {
      const item = await upload('pcap.pcap', randomBytes(500));
      const step = await server.request('POST', `/api/v1/evidence/${item.id}/custody`, {
        token: admin,
        body: { action: 'transferred', to: 'CERT', note: 'sent by courier' },
      });
      assert.equal(step.status, 201);
      assert.equal((await verify()).code, 0);
      const db = server.deps.database.db;
      const [event] = await db.selectFrom('events').selectAll().where('stream_id', '=', item.id).where('seq', '=', 2).execute();
      await db
        .updateTable('events')
        .set({ data: event.data.replace('CERT', 'nobody') })
        .where('stream_id', '=', item.id)
        .where('seq', '=', 2)
        .execute();
      const altered = await verify();
      assert.equal(altered.code, 1);
      assert.match(
        altered.stdout,
        new RegExp(
          `^BROKEN chain of custody of evidence "pcap.pcap" \\(${item.id}\\): first broken link at event #2: event #2 was altered after it was recorded$`,
          'm',
        ),
      );
      await db.deleteFrom('events').where('stream_id', '=', item.id).where('seq', '=', 2).execute();
      const cut = await verify();
      assert.match(cut.stdout, /the item's chain should hold 2 steps but 1 remain intact/);
    });
  });
}

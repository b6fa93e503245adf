import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { multipartBody, type Part } from '../testing/multipart.ts';
import { rawConnection } from '../testing/raw-http.ts';
import { connectSse } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { evidencePath } from './evidence-files.ts';

const LIMIT = 64 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const dialect of await testDialects()) {
  describe(`POST /api/v1/incidents/:id/evidence on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let responder: string;
    let viewer: string;
    let stranger: string;
    let acme: { id: string };
    let incident: { id: string; key: string };

    const call = async (method: string, url: string, token = admin, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    const upload = async (parts: Part[], token = admin, incidentId = incident.id) => {
      const { body, contentType } = multipartBody(parts);
      const res = await fetch(`${server.url}/api/v1/incidents/${incidentId}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body: new Uint8Array(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const file = (content: Uint8Array, filename = 'capture.bin', contentType = 'application/octet-stream'): Part => ({
      name: 'file',
      filename,
      contentType,
      content,
    });
    const source: Part = { name: 'source', value: 'Firewall of fs01' };
    const dir = () => server.deps.config.evidenceDir;
    /** Every file in the store, tmp/ included, relative to it. */
    const storedFiles = () =>
      fs.existsSync(dir())
        ? fs
            .readdirSync(dir(), { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => path.relative(dir(), path.join(e.parentPath, e.name)))
            .sort()
        : [];
    const download = (id: string, token = admin) =>
      fetch(`${server.url}/api/v1/evidence/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
    const custody = async (id: string, token = admin) =>
      (await call('GET', `/api/v1/evidence/${id}/custody`, token)).body.custody;
    const timeline = async () => (await call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.events;

    before(async () => {
      server = await startTestServer({ dialect, env: { EVIDENCE_MAX_BYTES: String(LIMIT) } });
      admin = await server.userToken('admin', 'Ada Admin');
      acme = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      const bravo = (await call('POST', '/api/v1/customers', admin, { name: 'Bravo' })).body;
      responder = await server.memberToken(acme.id, 'responder', 'Rita Responder');
      viewer = await server.memberToken(acme.id, 'viewer', 'Victor Viewer');
      stranger = await server.memberToken(bravo.id, 'manager', 'Stan at Bravo');
      incident = (await call('POST', '/api/v1/incidents', admin, { title: 'Ransomware on fs01', customerId: acme.id })).body;
    });
    after(() => server.close());

    it('streams a file into the store by its SHA-256, tells its type from its bytes and starts its chain of custody', async () => {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
      const res = await upload(
        [
          source,
          { name: 'collectedBy', value: 'Kim Forensics' },
          { name: 'collectedAt', value: '2026-12-01T08:30:00Z' },
          { name: 'description', value: 'Ransom note as found on the share' },
          file(bytes, 'note.pdf', 'text/html'),
        ],
        responder,
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const item = res.body;
      assert.equal(item.sha256, sha256(bytes));
      assert.equal(item.size, bytes.length);
      assert.equal(item.name, 'note.pdf');
      assert.equal(item.contentType, 'application/pdf', 'told from the bytes');
      assert.equal(item.claimedContentType, 'text/html', 'what the client said, kept but not used');
      assert.equal(item.collectedBy, 'Kim Forensics');
      assert.equal(item.collectedAt, '2026-12-01T08:30:00.000Z');
      assert.equal(item.description, 'Ransom note as found on the share');
      assert.equal(item.custodyCount, 1);
      assert.equal(item.lastVerification, null);
      assert.deepEqual(fs.readFileSync(evidencePath(dir(), item.sha256)), bytes);

      const steps = await custody(item.id);
      assert.deepEqual(
        steps.map((s: { action: string; by: { name: string } }) => [s.action, s.by.name]),
        [['collected', 'Rita Responder']],
      );
      assert.equal(steps[0].details.sha256, item.sha256);
      const added = (await timeline()).find((e: { type: string }) => e.type === 'evidence.added');
      assert.equal(added.data.evidenceId, item.id);
      assert.equal(added.actor.name, 'Rita Responder');
      const listed = await call('GET', `/api/v1/incidents/${incident.id}/evidence`, viewer);
      assert.equal(listed.body.maxBytes, LIMIT);
      assert.ok(listed.body.evidence.some((e: { id: string }) => e.id === item.id));
    });

    it('refuses a file over EVIDENCE_MAX_BYTES with 413 naming the limit, and keeps 0 bytes of it', async () => {
      const before = storedFiles();
      const res = await upload([source, file(randomBytes(LIMIT + 1))]);
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'payload_too_large');
      assert.match(res.body.error.message, /larger than the limit of 64 KiB \(EVIDENCE_MAX_BYTES\)/);
      assert.deepEqual(storedFiles(), before);
      const exactly = await upload([source, file(randomBytes(LIMIT))]);
      assert.equal(exactly.status, 201, 'a file of exactly the limit is taken');
    });

    it('leaves no temp file when the client goes away mid-upload', async () => {
      const before = storedFiles();
      const { body, contentType } = multipartBody([source, file(randomBytes(60_000))]);
      const connection = await rawConnection(server.url);
      connection.write(
        `POST /api/v1/incidents/${incident.id}/evidence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      connection.write(body.subarray(0, 30_000));
      // The temp file exists while the upload is under way…
      for (let i = 0; i < 100 && storedFiles().every((f) => !f.startsWith('tmp')); i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(
        storedFiles().some((f) => f.startsWith('tmp')),
        'the upload was being written',
      );
      connection.socket.destroy();
      // …and is gone once the client is.
      for (let i = 0; i < 100 && storedFiles().some((f) => f.startsWith('tmp')); i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(storedFiles(), before);
    });

    it('keeps the same bytes once however often they are uploaded', async () => {
      const bytes = randomBytes(2000);
      const first = await upload([source, file(bytes, 'one.bin')]);
      const second = await upload([source, file(bytes, 'two.bin')]);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.notEqual(first.body.id, second.body.id);
      assert.deepEqual(
        storedFiles().filter((f) => f.endsWith(sha256(bytes))),
        [path.join(sha256(bytes).slice(0, 2), sha256(bytes))],
      );
      assert.ok(!storedFiles().some((f) => f.startsWith('tmp')), 'no temp copy left behind');
      assert.deepEqual(Buffer.from(await (await download(second.body.id)).arrayBuffer()), bytes);
    });

    it('stores hostile names safely and sends them back only as a download name', async () => {
      const long = `${'A'.repeat(296)}.txt`;
      const hostile = await upload([source, file(Buffer.from('etc'), '../../etc/passwd\0.txt')]);
      assert.equal(hostile.status, 201, JSON.stringify(hostile.body));
      assert.equal(hostile.body.name, 'passwd.txt');
      const longOne = await upload([source, file(Buffer.from('long'), long)]);
      assert.equal(longOne.status, 201);
      assert.equal([...longOne.body.name].length, 255);
      assert.ok(longOne.body.name.endsWith('.txt'));
      for (const item of [hostile.body, longOne.body]) {
        const res = await download(item.id);
        assert.equal(res.status, 200);
        assert.equal(
          res.headers.get('content-disposition'),
          `attachment; filename="${item.name}"; filename*=UTF-8''${item.name}`,
        );
        await res.arrayBuffer();
      }
      // Nothing was written outside the store: the only files are named by their hash (or the DB's own).
      for (const f of storedFiles()) assert.match(f, /^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    });

    it('refuses uploads by a viewer (403) and by a member of another customer (404) before storing a byte', async () => {
      const before = storedFiles();
      const asViewer = await upload([source, file(randomBytes(100))], viewer);
      assert.equal(asViewer.status, 403);
      const asStranger = await upload([source, file(randomBytes(100))], stranger);
      assert.equal(asStranger.status, 404);
      assert.equal(asStranger.body.error.message, `No incident ${incident.id}`);
      assert.deepEqual(storedFiles(), before);
    });

    it('names the field of a bad upload', async () => {
      const noSource = await upload([file(randomBytes(10))]);
      assert.equal(noSource.status, 400);
      assert.match(noSource.body.error.message, /^source is required/);
      const badDate = await upload([source, { name: 'collectedAt', value: 'yesterday' }, file(randomBytes(10))]);
      assert.match(badDate.body.error.message, /^collectedAt must be a date/);
      const noFile = await upload([source]);
      assert.match(noFile.body.error.message, /holds no file/);
      const json = await call('POST', `/api/v1/incidents/${incident.id}/evidence`, admin, { source: 'x' });
      assert.equal(json.status, 400);
      assert.ok(!storedFiles().some((f) => f.startsWith('tmp')));
    });

    it('records every download by a member as a custody step, and tells a non-member nothing (404, no step)', async () => {
      const item = (await upload([source, file(Buffer.from('<svg onload=alert(1)>'), 'x.svg', 'image/svg+xml')])).body;
      assert.equal(item.contentType, 'text/plain', 'an SVG is never served as an image');
      const res = await download(item.id, viewer);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-evidence-sha256'), item.sha256);
      assert.equal(res.headers.get('content-type'), 'application/octet-stream');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
      await res.arrayBuffer();
      assert.equal((await download(item.id, stranger)).status, 404);
      const steps = await custody(item.id);
      assert.deepEqual(
        steps.map((s: { action: string; by: { name: string } }) => [s.action, s.by.name]),
        [
          ['collected', 'Ada Admin'],
          ['downloaded', 'Victor Viewer'],
        ],
      );
      assert.equal((await call('GET', `/api/v1/evidence/${item.id}/custody`, stranger)).status, 404);
    });

    it("keeps a TLP:RED incident's evidence to the people on its access list", async () => {
      const red = (
        await call('POST', '/api/v1/incidents', responder, { title: 'Board mailbox', customerId: acme.id, tlp: 'TLP:RED' })
      ).body;
      const item = (await upload([source, file(randomBytes(100))], responder, red.id)).body;
      assert.equal((await download(item.id, responder)).status, 200, 'the reporter is on the list');
      const refused = await download(item.id, viewer);
      assert.equal(refused.status, 404, 'a member of the customer who is not on the list');
      assert.equal((await refused.json()).error.message, `No evidence ${item.id}`);
      assert.equal((await call('GET', `/api/v1/evidence/${item.id}`, viewer)).status, 404);
      assert.equal((await upload([source, file(randomBytes(10))], viewer, red.id)).status, 404);
      assert.deepEqual(
        (await custody(item.id, responder)).map((s: { action: string }) => s.action),
        ['collected', 'downloaded'],
      );
    });

    it('records custody steps people take, checks each action, and chains them', async () => {
      const item = (await upload([source, file(randomBytes(300))])).body;
      const step = (body: unknown, token = responder) => call('POST', `/api/v1/evidence/${item.id}/custody`, token, body);
      const unknown = await step({ action: 'lost', note: '' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /^action must be one of transferred, stored/);
      assert.match((await step({ action: 'transferred', note: 'to the police' })).body.error.message, /^to is required/);
      assert.match((await step({ action: 'stored', note: '' })).body.error.message, /^location is required/);
      assert.equal((await step({ action: 'accessed', note: '' }, viewer)).status, 403);
      assert.equal((await step({ action: 'accessed', note: '' }, stranger)).status, 404);

      const transfer = await step({ action: 'transferred', to: 'Oslo police, case 2026-811', note: 'Handed over on USB' });
      assert.equal(transfer.status, 201, JSON.stringify(transfer.body));
      assert.equal(transfer.body.to, 'Oslo police, case 2026-811');
      const stored = await step({ action: 'stored', location: 'Safe 2, room 101', note: '' });
      assert.equal(stored.status, 201);

      const read = await call('GET', `/api/v1/evidence/${item.id}`, viewer);
      assert.equal(read.body.evidence.custodyCount, 3);
      const steps = read.body.custody;
      assert.deepEqual(
        steps.map((s: { action: string }) => s.action),
        ['collected', 'transferred', 'stored'],
      );
      for (let i = 1; i < steps.length; i++) assert.equal(steps[i].prevHash, steps[i - 1].hash);
      const recorded = (await timeline()).filter((e: { type: string }) => e.type === 'evidence.custody_recorded');
      assert.deepEqual(
        recorded.map((e: { data: { action: string; evidenceId: string } }) => [e.data.action, e.data.evidenceId]),
        [
          ['transferred', item.id],
          ['stored', item.id],
        ],
      );
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/integrity`)).body.valid, true);
    });

    it("sends custody changes on the live feed only as the incident's timeline events, to its readers", async () => {
      const headers = (token: string) => ({ authorization: `Bearer ${token}` });
      const member = await connectSse(`${server.url}/api/v1/stream`, headers(viewer));
      const other = await connectSse(`${server.url}/api/v1/stream`, headers(stranger));
      try {
        const item = (await upload([source, file(randomBytes(64))])).body;
        await download(item.id, viewer).then((r) => r.arrayBuffer());
        const step = await call('POST', `/api/v1/evidence/${item.id}/custody`, responder, { action: 'accessed', note: '' });
        assert.equal(step.status, 201);
        const seen = await member.waitFor(2);
        assert.deepEqual(
          seen.map((m) => [m.event, JSON.parse(m.data).type]),
          [
            ['timeline', 'evidence.added'],
            ['timeline', 'evidence.custody_recorded'],
          ],
        );
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(
          member.messages.filter((m) => m.event !== 'timeline').map((m) => m.data),
          [],
          'no custody step (collected, downloaded, accessed) as a registry change',
        );
        assert.deepEqual(other.messages, [], 'nothing of another customer');
      } finally {
        member.close();
        other.close();
      }
    });

    it('verifies the stored bytes again: a flipped byte and a missing file are reported and recorded', async () => {
      const bytes = randomBytes(1000);
      const item = (await upload([source, file(bytes)])).body;
      const verify = () => call('POST', `/api/v1/evidence/${item.id}/verify`, responder);
      const fine = await verify();
      assert.equal(fine.status, 200, JSON.stringify(fine.body));
      assert.deepEqual([fine.body.ok, fine.body.actual], [true, item.sha256]);

      const stored = evidencePath(dir(), item.sha256);
      const flipped = Buffer.from(bytes);
      flipped[500] ^= 0x01;
      fs.chmodSync(stored, 0o644);
      fs.writeFileSync(stored, flipped);
      const broken = await verify();
      assert.deepEqual([broken.body.ok, broken.body.expected, broken.body.actual], [false, item.sha256, sha256(flipped)]);
      assert.equal(broken.body.custody.action, 'verified');

      fs.rmSync(stored);
      const missing = await verify();
      assert.equal(missing.status, 200);
      assert.deepEqual([missing.body.ok, missing.body.actual], [false, null]);

      const read = (await call('GET', `/api/v1/evidence/${item.id}`)).body;
      assert.deepEqual(read.evidence.lastVerification, { at: missing.body.at, ok: false });
      assert.deepEqual(
        read.custody.map((s: { action: string; details: { ok?: boolean } }) => [s.action, s.details.ok]),
        [
          ['collected', undefined],
          ['verified', true],
          ['verified', false],
          ['verified', false],
        ],
      );
      const verified = (await timeline()).filter(
        (e: { type: string; data: { evidenceId: string } }) => e.type === 'evidence.verified' && e.data.evidenceId === item.id,
      );
      assert.deepEqual(
        verified.map((e: { data: { ok: boolean } }) => e.data.ok),
        [true, false, false],
      );
      assert.equal((await call('POST', `/api/v1/evidence/${item.id}/verify`, viewer)).status, 403);
      assert.equal((await download(item.id)).status, 404, 'a missing file is not served');
    });
  });
}

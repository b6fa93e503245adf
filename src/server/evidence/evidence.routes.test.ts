import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { feedTriage } from '../triage/feed-triage.ts';
import { assignTriageEvidenceToIncident } from './evidence.queries.ts';
import { contentDisposition } from './evidence.routes.ts';
import { recordEvidenceOnTimeline, storeEvidence } from './store-evidence.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name in RFC 5987 form', () => {
    assert.equal(
      contentDisposition('Rapport "blåbær" 100%.pdf'),
      `attachment; filename="Rapport _bl_b_r_ 100_.pdf"; filename*=UTF-8''Rapport%20%22bl%C3%A5b%C3%A6r%22%20100%25.pdf`,
    );
    assert.equal(
      contentDisposition("it's (1).txt"),
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});

for (const dialect of await testDialects()) {
  describe(`evidence on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let acmeViewer: string;
    let bravoViewer: string;
    let acme: { id: string };
    let bravo: { id: string };

    const call = async (method: string, url: string, token = admin, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    const inTransaction = <T>(fn: Parameters<typeof withTransaction<T>>[1]) => withTransaction(server.deps.database, fn);
    const file = (
      name: string,
      bytes: Uint8Array,
      owner: { triageItemId?: string; incidentId?: string; customerId: string | null },
    ) =>
      inTransaction((tx) =>
        storeEvidence(tx, server.deps, {
          ...owner,
          name,
          contentType: 'text/html',
          bytes,
          source: 'upload',
          collectedBy: 'Test',
          collectedAt: new Date(),
        }),
      );
    const triageItem = (customerId: string | null) =>
      inTransaction(
        async (tx) =>
          (
            await feedTriage(tx, {
              source: 'email',
              dialect,
              now: new Date(),
              by: SYSTEM_ACTOR,
              customerId,
              title: 'Suspicious mail',
              description: '',
              reporter: { anonymous: true },
            })
          ).id,
      );
    const download = (id: string, token: string) => server.request('GET', `/api/v1/evidence/${id}/content`, { token });

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      acme = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      bravo = (await call('POST', '/api/v1/customers', admin, { name: 'Bravo' })).body;
      acmeViewer = await server.memberToken(acme.id, 'viewer', 'Victor at Acme');
      bravoViewer = await server.memberToken(bravo.id, 'viewer', 'Bea at Bravo');
    });
    after(() => server.close());

    it('serves the exact bytes as a download that a browser never renders', async () => {
      const bytes = Buffer.from('<script>alert("pwned")</script>\u0000\u00ff');
      const itemId = await triageItem(acme.id);
      const item = await file('phish.html', bytes, { triageItemId: itemId, customerId: acme.id });
      assert.equal(item.sha256, sha256(bytes));
      const res = await download(item.id, acmeViewer);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/octet-stream');
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="phish.html"; filename*=UTF-8''phish.html`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-evidence-sha256'), sha256(bytes));
      assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
    });

    it('lets only admins and members of its customer read evidence still in triage', async () => {
      const acmeItem = await file('a.txt', Buffer.from('acme only'), {
        triageItemId: await triageItem(acme.id),
        customerId: acme.id,
      });
      assert.equal((await download(acmeItem.id, admin)).status, 200);
      assert.equal((await download(acmeItem.id, acmeViewer)).status, 200);
      const refused = await download(acmeItem.id, bravoViewer);
      assert.equal(refused.status, 404);
      assert.deepEqual(await refused.json(), { error: { code: 'not_found', message: `No evidence ${acmeItem.id}` } });
      assert.equal((await download('no-such-evidence', admin)).status, 404);
      assert.equal((await server.request('GET', `/api/v1/evidence/${acmeItem.id}/content`)).status, 401);
    });

    it('keeps the same bytes once, however often they are collected', async () => {
      const bytes = Buffer.from(`same file ${dialect}`);
      const itemId = await triageItem(null);
      const first = await file('one.txt', bytes, { triageItemId: itemId, customerId: null });
      const second = await file('two.txt', bytes, { triageItemId: itemId, customerId: null });
      assert.notEqual(first.id, second.id);
      const folder = path.join(server.deps.config.evidenceDir, sha256(bytes).slice(0, 2));
      assert.deepEqual(
        fs.readdirSync(folder).filter((f) => f === sha256(bytes)),
        [sha256(bytes)],
      );
      assert.ok(!fs.readdirSync(path.join(server.deps.config.evidenceDir, 'tmp')).length, 'no temp copy left behind');
      assert.deepEqual(Buffer.from(await (await download(second.id, admin)).arrayBuffer()), bytes);
    });

    it('still serves and verifies items stored in the database before evidence files', async () => {
      const incident = (await call('POST', '/api/v1/incidents', admin, { title: 'Old evidence', customerId: acme.id })).body;
      const bytes = Buffer.from(`kept in evidence_blobs on ${dialect}`);
      const id = `legacy-${dialect}`;
      await inTransaction(async (tx) => {
        await tx
          .insertInto('evidence_blobs')
          .values({ sha256: sha256(bytes), size: bytes.length, bytes })
          .execute();
        await tx
          .insertInto('evidence')
          .values({
            id,
            incident_id: incident.id,
            triage_item_id: null,
            customer_id: acme.id,
            name: 'old.txt',
            content_type: 'text/plain',
            size: bytes.length,
            sha256: sha256(bytes),
            source: 'e-mail',
            collected_by: 'Muster',
            collected_at: new Date().toISOString(),
            storage: 'blob',
            description: '',
            claimed_content_type: null,
            custody_version: 0,
            custody_head: null,
            verified_at: null,
            verified_ok: null,
          })
          .execute();
      });
      const res = await download(id, acmeViewer);
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
      const verified = await call('POST', `/api/v1/evidence/${id}/verify`);
      assert.deepEqual([verified.body.ok, verified.body.actual], [true, sha256(bytes)]);
      const steps = (await call('GET', `/api/v1/evidence/${id}/custody`)).body.custody;
      assert.deepEqual(
        steps.map((s: { action: string }) => s.action),
        ['downloaded', 'verified'],
      );
    });

    it('lists the items collected in one go in the order they were collected', async () => {
      const incident = (await call('POST', '/api/v1/incidents', admin, { title: 'Many files', customerId: acme.id })).body;
      const names = Array.from({ length: 20 }, (_, i) => `file-${i}.txt`);
      const at = new Date();
      await inTransaction(async (tx) => {
        for (const name of names) {
          const owner = { incidentId: incident.id, customerId: acme.id };
          const fields = { name, contentType: 'text/plain', source: 'upload', collectedBy: 'Test', collectedAt: at };
          await storeEvidence(tx, server.deps, { ...owner, ...fields, bytes: Buffer.from(name) });
        }
      });
      const listed = (await call('GET', `/api/v1/incidents/${incident.id}/evidence`)).body.evidence;
      assert.deepEqual(
        listed.map((e: { name: string }) => e.name),
        names,
      );
    });

    it("moves a triage item's evidence to the incident it became, onto its timeline and under its customer", async () => {
      const incident = (await call('POST', '/api/v1/incidents', admin, { title: 'Phishing', customerId: bravo.id })).body;
      assert.equal((await call('POST', `/api/v1/incidents/${incident.id}/notes`, admin, { body: 'Mail reported.' })).status, 201);
      const itemId = await triageItem(null);
      const bytes = Buffer.from('headers of the phishing mail');
      const stored = await file('mail.eml', bytes, { triageItemId: itemId, customerId: null });
      assert.equal((await download(stored.id, bravoViewer)).status, 200, 'evidence of no customer: any organisation reader');
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/evidence`)).body.evidence.length, 0);

      const moved = await inTransaction(async (tx) => {
        const items = await assignTriageEvidenceToIncident(tx, itemId, incident.id);
        await recordEvidenceOnTimeline(tx, server.deps, SYSTEM_ACTOR, incident.id, items, new Date());
        return items;
      });
      assert.deepEqual(
        moved.map((m) => [m.id, m.incidentId, m.triageItemId]),
        [[stored.id, incident.id, itemId]],
      );
      const listed = await call('GET', `/api/v1/incidents/${incident.id}/evidence`, bravoViewer);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.evidence, moved);
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/evidence`, acmeViewer)).status, 404);
      assert.equal((await download(stored.id, acmeViewer)).status, 404, 'now the incident decides who reads it');
      assert.equal((await download(stored.id, bravoViewer)).status, 200);

      // The timeline proves custody, the chain still verifies, and the incident takes further changes.
      const note = await call('POST', `/api/v1/incidents/${incident.id}/notes`, admin, { body: 'Looked at the headers.' });
      assert.equal(note.status, 201, JSON.stringify(note.body));
      const events = (await call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.events;
      assert.deepEqual(
        events.map((e: { type: string }) => e.type),
        ['incident.reported', 'note.added', 'evidence.added', 'note.added'],
      );
      assert.deepEqual(events[2].data, {
        evidenceId: stored.id,
        name: 'mail.eml',
        contentType: 'text/html',
        size: bytes.length,
        sha256: sha256(bytes),
        source: 'upload',
        collectedBy: 'Test',
        collectedAt: stored.collectedAt,
      });
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/integrity`)).body.valid, true);
    });
  });
}

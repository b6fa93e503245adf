import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { recordEvidenceCustody } from '../evidence/custody.ts';
import { recordEvidenceOnTimeline, storeEvidence } from '../evidence/store-evidence.ts';
import { answerPreservation } from '../preservation/answer-preservation.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { testDialects } from '../testing/test-db.ts';
import { verifyExport } from './export-signature.ts';
import type { IncidentReport } from './report-sections.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const SUMMER = '2026-07-01T10:00:00.000Z'; // 12:00 in Oslo, summer time
const WINTER = '2026-01-15T10:00:00.000Z'; // 11:00 in Oslo, standard time

/** The signed file without its trailer: the JSON export's object as it was before the signature was added. */
function reportOf(bytes: Buffer): IncidentReport & { signature: { keyId: string; value: string } } {
  return JSON.parse(bytes.toString('utf8'));
}

for (const dialect of await testDialects()) {
  describe(`GET /api/v1/incidents/:id/report.{html,pdf,json} on ${dialect}`, () => {
    let f: NotifyFixture;
    let inc: { id: string; key: string };
    let dir: string;
    const files: Record<string, Buffer> = {};
    const get = async (url: string, token = f.admin) => {
      const res = await f.server.request('GET', url, { token });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    before(async () => {
      f = await startNotifyFixture(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-report-'));
      inc = await f.incident({
        personalData: true,
        title: 'Customer records on a paste site',
        awareAt: SUMMER,
        occurredAt: WINTER,
        tlp: 'TLP:AMBER',
      });
      const go = async (method: string, url: string, body: unknown, status = 200) => {
        const res = await f.call(method, `/api/v1/incidents/${inc.id}${url}`, body);
        assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body)}`);
        return res.body;
      };
      await go('POST', '/transitions', { to: 'assessing', reason: 'Confirmed by the customer' });
      await f.lead(inc.id);
      await go('PATCH', '', {
        category: 'information-content-security/unauthorised-information-access',
        impact: { confidentiality: 'high', integrity: 'low', availability: 'none' },
      });
      await go('POST', '/transitions', { to: 'responding', reason: 'High confidentiality impact' });
      await go('PUT', '/effects', {
        answers: [{ question: 'personal-data', answer: 'yes', detail: 'Names and national ID numbers', confidence: 'high' }],
      });
      await go('POST', '/tasks', { title: 'Ask the paste site to take the records down' }, 201);
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      const ack = await f.call('POST', `/api/v1/notifications/${sent.id}/acknowledgements`, { note: 'Ola called back' });
      assert.equal(ack.status, 200, JSON.stringify(ack.body));
      await go('POST', '/obligations/gdpr-art-33/stages/notification/submissions', { reference: 'DPA-2026-0042' }, 201);
      await go('POST', '/observables', { type: 'domain', value: 'paste.example', tags: ['exfil-site'] }, 201);
      const asked = await go(
        'POST',
        '/preservation-requests',
        { items: ['Web server logs of March', 'Disk image of FS01'], keepUntil: '2099-06-30' },
        201,
      );
      await f.work();
      const deps = f.server.deps;
      await answerPreservation(deps, asked.id, {
        answers: [{ itemId: 'item-1', status: 'preserved', location: 'Evidence safe, room B', note: '' }],
        name: 'Ola Kontakt',
      });
      await withTransaction(deps.database, async (tx) => {
        const now = deps.clock.now();
        const [item] = [
          await storeEvidence(tx, deps, {
            incidentId: inc.id,
            customerId: f.customer.id,
            name: 'paste-site-capture.txt',
            contentType: 'text/plain',
            bytes: Buffer.from('records as published'),
            source: 'Captured from the paste site',
            collectedBy: 'Ada Admin',
            collectedAt: now,
          }),
        ];
        await recordEvidenceOnTimeline(tx, deps, SYSTEM_ACTOR, inc.id, [item], now);
        const step = { evidenceId: item.id, customerId: f.customer.id, by: { id: 'u1', name: 'Ada Admin' }, now };
        await recordEvidenceCustody(tx, dialect, { ...step, action: 'transferred', to: 'Kripos', note: 'Handed over on USB' });
      });
      for (const format of ['json', 'html', 'pdf']) {
        const { res, bytes } = await get(`/api/v1/incidents/${inc.id}/report.${format}`);
        assert.equal(res.status, 200, bytes.toString().slice(0, 300));
        files[format] = bytes;
        fs.writeFileSync(path.join(dir, `report.${format}`), bytes);
      }
    });
    after(async () => {
      await f.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers each format as a download of its own type, named by the incident, with the file’s SHA-256', async () => {
      for (const [format, type] of [
        ['json', 'application/json'],
        ['html', 'text/html'],
        ['pdf', 'application/pdf'],
      ]) {
        const { res } = await get(`/api/v1/incidents/${inc.key}/report.${format}`);
        assert.equal(res.status, 200);
        assert.ok(res.headers.get('content-type')?.startsWith(type), `${format}: ${res.headers.get('content-type')}`);
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="${inc.key}-report.${format}"`);
        assert.match(res.headers.get('x-report-sha256') ?? '', /^[0-9a-f]{64}$/);
      }
    });

    it('holds every section: classification, effects, decisions with reasons, roles, tasks, notifications, deadlines, evidence', () => {
      const r = reportOf(files.json);
      assert.equal(r.kind, 'muster-incident-report');
      assert.equal(r.incident.key, inc.key);
      assert.deepEqual(r.incident.impact, { confidentiality: 'high', integrity: 'low', availability: 'none' });
      assert.equal(r.incident.severity, 'high');
      assert.equal(r.incident.customer?.code, 'NLE');
      const personal = r.effects.answers.find((a) => a.question === 'personal-data');
      assert.equal(personal?.answer, 'yes');
      assert.equal(personal?.detail, 'Names and national ID numbers');
      assert.ok(
        r.decisions.some((d) => d.decision === 'DP1: incident' && d.reason === 'Confirmed by the customer'),
        JSON.stringify(r.decisions),
      );
      assert.ok(r.decisions.some((d) => d.decision.startsWith('DP2: respond') && d.reason === 'High confidentiality impact'));
      assert.equal(r.roles.find((x) => x.role === 'incident-manager')?.holder, 'Ada Admin');
      assert.deepEqual(
        r.tasks.map((t) => t.title),
        ['Ask the paste site to take the records down'],
      );
      const n = r.notifications.find((x) => x.purpose === 'notify-customer');
      assert.ok(
        n?.attempts.some((a) => a.outcome === 'accepted'),
        JSON.stringify(n?.attempts),
      );
      assert.ok(n?.acknowledgedAt, 'the acknowledgement is there');
      const stage = r.obligations.find((o) => o.obligationId === 'gdpr-art-33' && o.stageId === 'notification');
      assert.equal(stage?.dueAt, new Date(Date.parse(SUMMER) + 72 * 3_600_000).toISOString(), 'due 72 hours after awareness');
      assert.equal(stage?.submission?.reference, 'DPA-2026-0042');
      assert.equal(stage?.submission?.via, 'manual');
      assert.ok(stage?.submittedAt);
      const [item] = r.evidence;
      assert.equal(item.sha256, createHash('sha256').update('records as published').digest('hex'));
      assert.deepEqual(
        item.custody.map((c) => [c.action, c.to]),
        [
          ['collected', null],
          ['transferred', 'Kripos'],
        ],
      );
    });

    it('holds the preservation requests with each item’s latest answer and their custody, and the observables', () => {
      const r = reportOf(files.json);
      const [p] = r.preservation;
      assert.equal(p.keepUntil, '2099-06-30');
      assert.ok(p.sentAt, 'the list went out');
      assert.deepEqual(
        p.items.map((i) => [i.text, i.answer?.status ?? null, i.answer?.location ?? null]),
        [
          ['Web server logs of March', 'preserved', 'Evidence safe, room B'],
          ['Disk image of FS01', null, null],
        ],
      );
      assert.deepEqual(
        p.custody.map((c) => [c.action, c.itemId]),
        [
          ['preservation_requested', 'item-1'],
          ['preservation_requested', 'item-2'],
          ['preserved', 'item-1'],
        ],
      );
      assert.deepEqual(
        r.observables.map((o) => [o.type, o.value, o.tlp, o.tags]),
        [['domain', 'paste.example', 'TLP:AMBER', ['exfil-site']]],
      );
      const text = pdfText(files.pdf).replace(/\s+/g, '');
      for (const shown of [
        'Preservationrequestsandchainofcustody',
        'WebserverlogsofMarch',
        'PreservedatEvidencesafe,roomB',
        'Waitingforananswer',
        'keepuntil2099-06-30',
        'preservation_requested',
        'Observables',
        'paste.example',
        'exfil-site',
      ]) {
        assert.ok(text.includes(shown), `the PDF shows ${shown}`);
      }
      const page = files.html.toString('utf8');
      assert.match(page, /Preserved at Evidence safe, room B/);
      assert.match(page, /paste\.example/);
    });

    it('shows the timeline up to its head before the export, and records the export as the next event', async () => {
      const r = reportOf(files.json);
      assert.equal(r.timeline.count, r.timeline.headSeq);
      assert.equal(r.timeline.events.at(-1)?.hash, r.timeline.headHash);
      assert.equal(r.timeline.integrity.valid, true);
      const events = await f.timeline(inc.id);
      const exported = events.find((e) => e.seq === r.timeline.headSeq + 1);
      assert.equal(exported?.type, 'report.exported');
      assert.equal(exported?.data.format, 'json');
      assert.equal(exported?.data.timelineHead, r.timeline.headHash);
      assert.equal(exported?.data.sha256, createHash('sha256').update(files.json).digest('hex'));
    });

    it('shows times in the customer’s zone: +02:00 in the Oslo summer, +01:00 in its winter', () => {
      const html = files.html.toString('utf8');
      assert.ok(html.includes('2026-07-01 12:00:00 +02:00'), 'awareness, in summer time');
      assert.ok(html.includes('2026-01-15 11:00:00 +01:00'), 'occurrence, in standard time');
      const r = reportOf(files.json);
      assert.equal(r.timeZone, 'Europe/Oslo');
      assert.equal(r.incident.times.awareAt, SUMMER, 'the JSON keeps RFC 3339 UTC');
      assert.ok(pdfText(files.pdf).replace(/\s+/g, '').includes('2026-07-0112:00:00+02:00'), 'the PDF too');
    });

    it('puts the TLP marking in the header and footer of every PDF page, and the HTML marks its pages too', () => {
      const text = pdfText(files.pdf).replace(/\s+/g, '');
      const pages = files.pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      assert.ok(pages >= 2, `${pages} pages`);
      assert.equal(text.split('TLP:AMBER').length - 1 >= pages * 2, true, 'twice per page at least');
      for (let page = 1; page <= pages; page++) assert.ok(text.includes(`${inc.key}·page${page}of${pages}`), `page ${page}`);
      const html = files.html.toString('utf8');
      assert.match(html, /@top-center\{content:"TLP:AMBER"/);
      assert.match(html, /@bottom-center\{content:"TLP:AMBER"/);
    });

    it('marks an exercise as EXERCISE on every page', async () => {
      const drill = await f.incident({ title: 'Tabletop: ransomware', exercise: true });
      const { bytes } = await get(`/api/v1/incidents/${drill.id}/report.pdf`);
      const text = pdfText(bytes).replace(/\s+/g, '');
      const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      assert.ok(text.split('EXERCISE').length - 1 >= pages * 2, 'in the header and the footer of each page');
    });

    it('verifies each untouched export, and fails each of 1,000 random single-byte changes to it', async () => {
      const key = (await (await fetch(`${f.server.url}/api/v1/signing-key`)).json()) as { publicKeyPem: string };
      const publicKey = createPublicKey(key.publicKeyPem);
      for (const [format, bytes] of Object.entries(files)) {
        assert.equal(verifyExport(bytes, publicKey).valid, true, format);
        for (let i = 0; i < 1000; i++) {
          const changed = Buffer.from(bytes);
          const at = randomInt(changed.length);
          changed[at] = (changed[at] + randomInt(1, 256)) % 256;
          assert.equal(verifyExport(changed, publicKey).valid, false, `${format}: byte ${at} changed and it still verified`);
        }
      }
    });

    it('publishes the public key without sign-in, as JSON and as PEM', async () => {
      const res = await fetch(`${f.server.url}/api/v1/signing-key`);
      assert.equal(res.status, 200);
      const key = await res.json();
      assert.equal(key.algorithm, 'Ed25519');
      assert.match(key.keyId, /^[0-9a-f]{16}$/);
      assert.equal(key.fingerprint.slice(0, 16), key.keyId);
      assert.equal(Buffer.from(key.publicKeyRaw, 'base64').length, 32);
      assert.equal(reportOf(files.json).signature.keyId, key.keyId);
      const pem = await (await fetch(`${f.server.url}/api/v1/signing-key.pem`)).text();
      assert.equal(pem, key.publicKeyPem);
    });

    it('gives a TLP:RED incident’s report only to its access list, and nothing of another customer’s', async () => {
      const red = await f.incident({ title: 'Board member’s mailbox', tlp: 'TLP:RED' });
      const member = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      const other = await f.created('/api/v1/customers', { name: 'Fjord Kraft', code: 'FJK', timeZone: 'Europe/Oslo' });
      const outsider = await f.server.memberToken(other.id, 'viewer', 'Otto Outsider');
      for (const format of ['json', 'pdf', 'html']) {
        assert.equal((await get(`/api/v1/incidents/${red.id}/report.${format}`, member)).res.status, 404, `RED ${format}`);
        assert.equal((await get(`/api/v1/incidents/${inc.id}/report.${format}`, outsider)).res.status, 404, `other ${format}`);
      }
      assert.equal((await get(`/api/v1/incidents/${inc.id}/report.json`, member)).res.status, 200, 'a viewer may export');
      assert.equal((await get(`/api/v1/incidents/${red.id}/report.json`)).res.status, 200, 'the reporter is on the list');
      assert.equal((await f.server.request('GET', `/api/v1/incidents/${inc.id}/report.json`)).status, 401);
    });

    it('refuses an unknown time zone, naming timeZone', async () => {
      const { res, bytes } = await get(`/api/v1/incidents/${inc.id}/report.json?timeZone=Mars/Olympus`);
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(bytes.toString()).error.field, 'timeZone');
    });

    it('verify-export says valid (exit 0) for a real export and invalid (exit 1) for a changed one', async () => {
      const env = { ...process.env, DATA_DIR: f.server.testDb.dataDir, DATABASE_URL: f.server.testDb.url ?? '' };
      const cli = (args: string[]) =>
        run(NODE, [path.join(ROOT, 'src/main.ts'), 'verify-export', ...args], { env, cwd: ROOT }).then(
          (out) => ({ code: 0, out: out.stdout }),
          (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
        );
      const good = await cli([path.join(dir, 'report.pdf')]);
      assert.equal(good.code, 0, good.out);
      assert.match(good.out, /^VALID: .* signed Muster PDF export, signed by key [0-9a-f]{16}/);
      const tampered = Buffer.from(files.json);
      const at = tampered.indexOf('DPA-2026-0042');
      tampered[at] = 'E'.charCodeAt(0);
      fs.writeFileSync(path.join(dir, 'tampered.json'), tampered);
      const bad = await cli([path.join(dir, 'tampered.json')]);
      assert.equal(bad.code, 1, bad.out);
      assert.match(bad.out, /INVALID: .*changed after signing/);
      fs.writeFileSync(path.join(dir, 'key.pem'), await (await fetch(`${f.server.url}/api/v1/signing-key.pem`)).text());
      assert.equal((await cli([path.join(dir, 'report.html'), '--key', path.join(dir, 'key.pem')])).code, 0);
      assert.equal((await cli([path.join(dir, 'report.html'), '--key-url', `${f.server.url}/api/v1/signing-key`])).code, 0);
      assert.equal((await cli([path.join(dir, 'missing.pdf')])).code, 2);
    });

    it('checks with openssl exactly as docs/incident-report.md shows', async (t) => {
      const has = await run('openssl', ['version']).catch(() => null);
      if (!has) return t.skip('openssl is not installed');
      const sh = (script: string) => run('bash', ['-c', script], { cwd: dir });
      await sh(`curl -s -o muster-signing-key.pem ${f.server.url}/api/v1/signing-key.pem`);
      const trailers: [string, number][] = [
        ['pdf', 1],
        ['json', 4],
        ['html', 5],
      ];
      for (const [format, after] of trailers) {
        // The recipe of docs/incident-report.md, word for word but for the file name and t.
        await sh(`f=report.${format}; t=${after}
n=$(wc -c < "$f")
head -c $((n - 128 - t)) "$f" > signed.bin
tail -c $((128 + t)) "$f" | head -c 128 | xxd -r -p > sig.bin`);
        const out = await sh(
          'openssl pkeyutl -verify -pubin -inkey muster-signing-key.pem -rawin -in signed.bin -sigfile sig.bin',
        );
        assert.match(out.stdout, /Signature Verified Successfully/, format);
      }
      await sh('printf X | dd of=signed.bin bs=1 seek=100 conv=notrunc 2>/dev/null');
      const tampered = await sh(
        'openssl pkeyutl -verify -pubin -inkey muster-signing-key.pem -rawin -in signed.bin -sigfile sig.bin',
      ).catch((error: { stdout: string }) => error);
      assert.doesNotMatch(tampered.stdout, /Verified Successfully/);
    });
  });
}

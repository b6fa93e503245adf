import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { loadConfig } from '../core/config.ts';
import { testDialects } from '../core/testing/test-db.ts';
import { startTestServer, type TestServer } from '../core/testing/test-server.ts';
import { mimeProblem } from './email-intake.ts';
import { trimQuotedReply } from './file-email.ts';

const REPORT_ADDRESS = 'incident@muster.test';
const MAX_BYTES = 200 * 1024;
const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('trimQuotedReply', () => {
  it('keeps the new words and drops the quoted original with its attribution', () => {
    const text =
      'We shut fs01 down.\nBackups are fine.\n\nOn Mon, 2 Mar 2026 at 10:00, Muster <muster@example.org>\nwrote:\n> Files encrypted\n> on fs01\n';
    assert.equal(trimQuotedReply(text), 'We shut fs01 down.\nBackups are fine.');
    assert.equal(trimQuotedReply('Done.\n\n-----Original Message-----\nFrom: x\n\nold text'), 'Done.');
  });

  it('keeps inline answers and a message that is all quote', () => {
    assert.equal(trimQuotedReply('> question?\nanswer\n> more?\nyes'), '> question?\nanswer\n> more?\nyes');
    assert.equal(trimQuotedReply('> only a quote'), '> only a quote');
  });
});

describe('intake configuration', () => {
  it('is off without SMTP_INTAKE_PORT and has defaults for the rest', () => {
    assert.equal(loadConfig({}).intake, null);
    assert.deepEqual(
      loadConfig({ SMTP_INTAKE_PORT: '2525', SMTP_INTAKE_ADDRESS: ' Incident@Example.org ,soc@example.org' }).intake,
      {
        port: 2525,
        host: '0.0.0.0',
        addresses: ['incident@example.org', 'soc@example.org'],
        allowedDomains: [],
        maxBytes: 25 * 1024 * 1024,
        tls: null,
      },
    );
  });

  it('refuses a listener without report addresses, half a TLS pair and a bad port', () => {
    assert.throws(() => loadConfig({ SMTP_INTAKE_PORT: '25' }), /SMTP_INTAKE_ADDRESS/);
    assert.throws(() => loadConfig({ SMTP_INTAKE_PORT: '25', SMTP_INTAKE_ADDRESS: 'not-an-address' }), /SMTP_INTAKE_ADDRESS/);
    assert.throws(
      () => loadConfig({ SMTP_INTAKE_PORT: '25', SMTP_INTAKE_ADDRESS: 'a@b.c', SMTP_INTAKE_TLS_KEY: '/k.pem' }),
      /SMTP_INTAKE_TLS_CERT/,
    );
    assert.throws(() => loadConfig({ SMTP_INTAKE_PORT: 'smtp', SMTP_INTAKE_ADDRESS: 'a@b.c' }), /SMTP_INTAKE_PORT/);
    assert.throws(
      () => loadConfig({ SMTP_INTAKE_PORT: '25', SMTP_INTAKE_ADDRESS: 'a@b.c', SMTP_INTAKE_MAX_BYTES: '-1' }),
      /MAX_BYTES/,
    );
  });
});

describe('mimeProblem', () => {
  const multipart = (boundary: string, body: string) =>
    `From: a@example.org\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${body}`;

  it('accepts well-formed nested multiparts and single parts', () => {
    const inner = 'Content-Type: multipart/alternative; boundary=in\r\n\r\n--in\r\n\r\nplain\r\n--in--\r\n';
    assert.equal(mimeProblem(multipart('out', `preamble\r\n--out\r\n${inner}--out\r\n\r\nx\r\n--out--\r\n`)), null);
    assert.equal(mimeProblem('From: a@example.org\r\nSubject: hi\r\n\r\nbody'), null);
  });

  it('names a missing boundary, a boundary that never appears and a body cut short', () => {
    assert.match(mimeProblem('Content-Type: multipart/mixed\r\n\r\n--x\r\n') ?? '', /no boundary/);
    assert.match(mimeProblem(multipart('abc', '--xyz\r\nhello\r\n--xyz--\r\n')) ?? '', /never appears/);
    assert.match(mimeProblem(multipart('abc', '--abc\r\n\r\nhello\r\n')) ?? '', /never closed/);
    const brokenInner = 'Content-Type: multipart/related; boundary=in\r\n\r\n--nope\r\n';
    assert.match(mimeProblem(multipart('out', `--out\r\n${brokenInner}--out--\r\n`)) ?? '', /"in" never appears/);
  });
});

for (const dialect of await testDialects()) {
  describe(`e-mail intake on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let acmeResponder: string;
    let bravoResponder: string;
    let acme: { id: string };
    let bravo: { id: string };

    const call = async (method: string, url: string, token = admin, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    const created = async (url: string, body: unknown) => {
      const res = await call('POST', url, admin, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const member = async (customerId: string, token: string) => {
      const me = await call('GET', '/api/v1/auth/me', token);
      const res = await call('PUT', `/api/v1/customers/${customerId}/members/${me.body.user.id}`, admin, { role: 'responder' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };

    /** Sends through a real SMTP client; resolves with the server's final reply, or its refusal code. */
    const send = async (message: SendMailOptions): Promise<{ code: number; response: string }> => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: server.intakePort!,
        secure: false,
        ignoreTLS: true,
      });
      try {
        const info = await transport.sendMail({ to: REPORT_ADDRESS, ...message });
        return { code: 250, response: info.response };
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; message: string };
        return { code: e.responseCode ?? 0, response: e.response ?? e.message };
      } finally {
        transport.close();
      }
    };
    /** A bare SMTP conversation: one reply (multi-line replies joined) per command, after the greeting. */
    const dialog = (commands: string[]) =>
      new Promise<string[]>((resolve, reject) => {
        const socket = net.connect(server.intakePort!, '127.0.0.1');
        const replies: string[] = [];
        let buffer = '';
        let current: string[] = [];
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\r\n');
          while (end >= 0) {
            const line = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            current.push(line);
            if (/^\d{3} /.test(line)) {
              replies.push(current.join('\n'));
              current = [];
              const next = commands[replies.length - 1];
              if (next === undefined) socket.end();
              else socket.write(`${next}\r\n`);
            }
            end = buffer.indexOf('\r\n');
          }
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(replies));
      });
    const sendRaw = (from: string, raw: string | Buffer) => send({ envelope: { from, to: [REPORT_ADDRESS] }, raw });

    const count = async (table: 'incidents' | 'triage_items' | 'evidence' | 'evidence_blobs' | 'events') => {
      const db = server.deps.database.db;
      const row = await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const counts = async () => ({
      incidents: await count('incidents'),
      triage: await count('triage_items'),
      evidence: await count('evidence'),
      blobs: await count('evidence_blobs'),
      events: await count('events'),
    });
    const incidentByKey = async (response: string) => {
      const key = /INC-\d{4}-\d{4,}/.exec(response)?.[0];
      assert.ok(key, `no incident key in "${response}"`);
      const res = await call('GET', `/api/v1/incidents/${key}`);
      assert.equal(res.status, 200);
      return res.body;
    };
    const latestTriage = () =>
      server.deps.database.db
        .selectFrom('triage_items')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    const evidenceOf = async (incidentId: string) =>
      (await call('GET', `/api/v1/incidents/${incidentId}/evidence`)).body.evidence;
    const timeline = async (incidentId: string) => (await call('GET', `/api/v1/incidents/${incidentId}/timeline`)).body.events;

    before(async () => {
      server = await startTestServer({
        dialect,
        env: {
          SMTP_INTAKE_PORT: '0',
          SMTP_INTAKE_HOST: '127.0.0.1',
          SMTP_INTAKE_ADDRESS: `${REPORT_ADDRESS}, SOC@muster.test`,
          SMTP_INTAKE_ALLOWED_DOMAINS: 'csirt.test',
          SMTP_INTAKE_MAX_BYTES: String(MAX_BYTES),
        },
      });
      assert.ok(server.intakePort && server.intakePort > 0);
      admin = await server.userToken('admin');
      acmeResponder = await server.userToken('viewer', 'Alice at Acme');
      bravoResponder = await server.userToken('viewer', 'Bob at Bravo');
      acme = await created('/api/v1/customers', { name: 'Acme', code: 'ACME', timeZone: 'Europe/Oslo' });
      bravo = await created('/api/v1/customers', { name: 'Bravo', code: 'BRV', timeZone: 'Europe/Oslo' });
      await member(acme.id, acmeResponder);
      await member(bravo.id, bravoResponder);
      await created('/api/v1/contacts', {
        customerId: acme.id,
        name: 'Jane Kontakt',
        role: 'Customer contact point',
        channels: [{ type: 'email', address: 'Jane@Acme.test' }],
      });
      await created('/api/v1/contacts', {
        customerId: bravo.id,
        name: 'Bob Bravo',
        role: 'Customer contact point',
        channels: [{ type: 'email', address: 'bob@bravo.test' }],
      });
    });
    after(() => server.close());

    it("files a known contact's report as an incident of their customer, attachments as evidence", async () => {
      const log = randomBytes(20_000);
      const sent = await send({
        from: '"Jane Kontakt" <jane@acme.test>',
        subject: 'Ransom note on fs01',
        text: 'All files on fs01 end in .locked.\nA note asks for bitcoin.',
        attachments: [{ filename: 'fs01-access.log', content: log, contentType: 'text/plain' }],
      });
      assert.equal(sent.code, 250, sent.response);
      assert.match(sent.response, /Reported as INC-\d{4}-\d{4}/);
      const incident = await incidentByKey(sent.response);
      assert.equal(incident.title, 'Ransom note on fs01');
      assert.equal(incident.description, 'All files on fs01 end in .locked.\nA note asks for bitcoin.');
      assert.equal(incident.customerId, acme.id);
      assert.equal(incident.source, 'email');
      assert.equal(incident.status, 'reported');

      const evidence = await evidenceOf(incident.id);
      assert.deepEqual(
        evidence.map((e: { name: string }) => e.name),
        ['message.eml', 'fs01-access.log'],
      );
      const file = evidence[1];
      assert.equal(file.sha256, sha256(log));
      assert.equal(file.size, log.length);
      assert.equal(file.source, 'e-mail from jane@acme.test');
      assert.equal(file.collectedBy, 'E-mail intake (jane@acme.test)');

      const events = await timeline(incident.id);
      assert.deepEqual(
        events.map((e: { type: string }) => e.type),
        ['incident.reported', 'evidence.added', 'evidence.added'],
      );
      assert.equal(events[2].data.sha256, sha256(log));
      assert.equal(events[2].actor.name, 'E-mail intake (jane@acme.test)');
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/integrity`)).body.valid, true);

      const download = await server.request('GET', `/api/v1/evidence/${file.id}/content`, { token: acmeResponder });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/octet-stream');
      assert.equal(download.headers.get('x-evidence-sha256'), sha256(log));
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment; .*filename\*=UTF-8''fs01-access\.log$/);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), log);

      const refused = await server.request('GET', `/api/v1/evidence/${file.id}/content`, { token: bravoResponder });
      assert.equal(refused.status, 404);
      assert.doesNotMatch(await refused.text(), new RegExp(incident.key));
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/evidence`, bravoResponder)).status, 404);
    });

    it('puts a report from an unknown sender into triage, with its attachments there', async () => {
      const before = await counts();
      const sent = await send({
        from: '"Sam Stranger" <sam@elsewhere.test>',
        subject: 'I think your site leaks data',
        text: 'See the attached screenshot.',
        attachments: [{ filename: 'leak.png', content: Buffer.from('89504e470d0a1a0a', 'hex') }],
      });
      assert.equal(sent.code, 250, sent.response);
      assert.match(sent.response, /Received for triage/);
      const item = await latestTriage();
      assert.equal(item.kind, 'email');
      assert.equal(item.status, 'triage');
      assert.equal(item.customer_id, null);
      assert.equal(item.title, 'I think your site leaks data');
      assert.deepEqual(JSON.parse(item.reporter!), { email: 'sam@elsewhere.test', name: 'Sam Stranger', anonymous: false });
      const after = await counts();
      assert.equal(after.incidents, before.incidents, 'no incident from an unknown sender');
      const rows = await server.deps.database.db
        .selectFrom('evidence')
        .selectAll()
        .where('triage_item_id', '=', item.id)
        .execute();
      assert.deepEqual(rows.map((r) => [r.name, r.incident_id]).sort(), [
        ['leak.png', null],
        ['message.eml', null],
      ]);
    });

    it('adds a reply carrying the incident key as a note, without the quoted original', async () => {
      const first = await send({ from: 'jane@acme.test', subject: 'Phishing wave', text: 'Ten users got the same mail.' });
      const incident = await incidentByKey(first.response);
      const screenshot = randomBytes(3000);
      const reply = await send({
        from: 'jane@acme.test',
        subject: `Re: [${incident.key}] Phishing wave`,
        text: `Two more users clicked.\n\nOn Tue, 3 Mar 2026, Muster wrote:\n> Ten users got the same mail.\n`,
        attachments: [{ filename: 'click.png', content: screenshot }],
      });
      assert.equal(reply.code, 250, reply.response);
      assert.match(reply.response, new RegExp(`Added to ${incident.key}`));
      const events = await timeline(incident.id);
      const note = events.find((e: { type: string }) => e.type === 'note.added');
      assert.equal(note.data.body, 'Two more users clicked.');
      assert.equal(note.actor.name, 'E-mail intake (jane@acme.test)');
      const evidence = await evidenceOf(incident.id);
      assert.ok(
        evidence.some((e: { name: string; sha256: string }) => e.name === 'click.png' && e.sha256 === sha256(screenshot)),
      );

      // Our own organisation (an allowed domain) may write to any customer's incident.
      const soc = await send({
        from: 'analyst@csirt.test',
        subject: `[${incident.key}] IOC list`,
        text: 'Blocked evil.example.',
      });
      assert.match(soc.response, new RegExp(`Added to ${incident.key}`));
    });

    it("never puts an untrusted sender's or another customer's reply into the incident", async () => {
      const first = await send({ from: 'jane@acme.test', subject: 'Outage on the portal', text: 'Portal down since 09:00.' });
      const incident = await incidentByKey(first.response);
      const eventsBefore = (await timeline(incident.id)).length;

      const stranger = await send({ from: 'eve@elsewhere.test', subject: `Re: [${incident.key}] close this`, text: 'All fine.' });
      assert.match(stranger.response, /Received for triage/);
      assert.equal((await latestTriage()).customer_id, null);

      const otherCustomer = await send({ from: 'bob@bravo.test', subject: `Re: [${incident.key}] hello`, text: 'Not yours.' });
      assert.match(otherCustomer.response, /Received for triage/);
      const item = await latestTriage();
      assert.equal(item.customer_id, bravo.id, 'filed under the sender’s own customer');
      assert.equal((await timeline(incident.id)).length, eventsBefore);

      // An out-of-office answer from a contact is no report.
      const away = await send({
        from: 'jane@acme.test',
        subject: 'Away',
        text: 'Back Monday.',
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
      assert.match(away.response, /Received for triage/);

      // Our own organisation's new reports wait in triage: once customers exist, a person picks the customer.
      const own = await send({ from: 'analyst@csirt.test', subject: 'Scan from 203.0.113.9', text: 'Seen on all edges.' });
      assert.match(own.response, /Received for triage/);
    });

    it('turns an HTML-only message into a readable description', async () => {
      const sent = await send({
        from: 'jane@acme.test',
        subject: 'HTML report',
        html: '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><h1>Phishing</h1><p>Users got a <b>fake</b> login page &amp; entered passwords.</p><ul><li>alice</li><li>bob</li></ul></body></html>',
      });
      const incident = await incidentByKey(sent.response);
      assert.doesNotMatch(incident.description, /[<>]|color:red|alert\(1\)|&amp;/);
      assert.match(incident.description, /Users got a fake login page & entered passwords\./);
      assert.match(incident.description, /alice[\s\S]*bob/);
    });

    it('decodes ISO-8859-1, windows-1252 and Shift_JIS subjects and bodies', async () => {
      const latin1 = Buffer.concat([
        Buffer.from(
          'From: jane@acme.test\r\nTo: incident@muster.test\r\nSubject: =?ISO-8859-1?Q?Bl=E5b=E6rsyltet=F8y_p=E5_fs01?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
        ),
        Buffer.from('Tjenesten på fs01 svarer ikke. Ærlig talt.\r\n', 'latin1'),
      ]);
      const l = await incidentByKey((await sendRaw('jane@acme.test', latin1)).response);
      assert.equal(l.title, 'Blåbærsyltetøy på fs01');
      assert.equal(l.description, 'Tjenesten på fs01 svarer ikke. Ærlig talt.');

      // windows-1252 puts € and – where ISO-8859-1 has control codes; quoted-printable this time.
      const cp1252 =
        'From: jane@acme.test\r\nSubject: =?windows-1252?Q?Faktura_=80_500_=96_svindel?=\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=84Betal n=E5=93 =96 500 =80\r\n';
      const w = await incidentByKey((await sendRaw('jane@acme.test', cp1252)).response);
      assert.equal(w.title, 'Faktura € 500 – svindel');
      assert.equal(w.description, '„Betal nå“ – 500 €');

      // 不正アクセス ("unauthorised access") in Shift_JIS; the test checks its own fixture with TextDecoder.
      const sjis = Buffer.from([0x95, 0x73, 0x90, 0xb3, 0x83, 0x41, 0x83, 0x4e, 0x83, 0x5a, 0x83, 0x58]);
      assert.equal(new TextDecoder('shift_jis').decode(sjis), '不正アクセス');
      const japanese = Buffer.concat([
        Buffer.from(
          `From: jane@acme.test\r\nSubject: =?Shift_JIS?B?${sjis.toString('base64')}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        sjis,
        Buffer.from('\r\n'),
      ]);
      const j = await incidentByKey((await sendRaw('jane@acme.test', japanese)).response);
      assert.equal(j.title, '不正アクセス');
      assert.equal(j.description, '不正アクセス');
    });

    it('titles a message without a subject after its sender', async () => {
      const sent = await send({ from: 'jane@acme.test', text: 'Printer prints ransom notes.' });
      const incident = await incidentByKey(sent.response);
      assert.equal(incident.title, 'E-mail report from jane@acme.test');
    });

    it('refuses a message over the size limit with 552 and stores nothing', async () => {
      const before = await counts();
      const big = { filename: 'dump.bin', content: randomBytes(MAX_BYTES) };
      const sent = await send({ from: 'jane@acme.test', subject: 'Big dump', text: 'See attached.', attachments: [big] });
      assert.equal(sent.code, 552, sent.response);
      // A client that declares the size up front is refused before it sends anything.
      const replies = await dialog(['EHLO client.test', `MAIL FROM:<jane@acme.test> SIZE=${MAX_BYTES * 2}`, 'QUIT']);
      assert.match(replies[2], /^552 /);
      assert.deepEqual(await counts(), before);
    });

    it('refuses malformed MIME and a message without From with 554, storing nothing', async () => {
      const before = await counts();
      const cut = [
        'From: jane@acme.test',
        'Subject: cut short',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'Half a message',
        '--b1',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename=evidence.bin',
        'Content-Transfer-Encoding: base64',
        '',
        'AAAA',
        '',
      ].join('\r\n');
      const broken = await sendRaw('jane@acme.test', cut);
      assert.equal(broken.code, 554, broken.response);
      assert.match(broken.response, /never closed/);
      const noBoundary = await sendRaw(
        'jane@acme.test',
        'From: jane@acme.test\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nhi\r\n',
      );
      assert.equal(noBoundary.code, 554, noBoundary.response);
      const noFrom = await sendRaw('jane@acme.test', 'Subject: who am I\r\n\r\nNo From header here.\r\n');
      assert.equal(noFrom.code, 554, noFrom.response);
      assert.match(noFrom.response, /no From/);
      assert.deepEqual(await counts(), before);
    });

    it('offers neither AUTH nor STARTTLS without a certificate, and announces the size limit', async () => {
      const [greeting, ehlo] = await dialog(['EHLO client.test', 'QUIT']);
      assert.match(greeting, /^220 /);
      assert.match(ehlo, new RegExp(`SIZE ${MAX_BYTES}`));
      assert.doesNotMatch(ehlo, /AUTH|STARTTLS/);
    });

    it('offers STARTTLS with a configured certificate and takes mail over it', {
      skip: !openssl && 'needs openssl',
    }, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-intake-tls-'));
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ]),
        { stdio: 'ignore' },
      );
      const tlsServer = await startTestServer({
        dialect,
        env: {
          SMTP_INTAKE_PORT: '0',
          SMTP_INTAKE_HOST: '127.0.0.1',
          SMTP_INTAKE_ADDRESS: REPORT_ADDRESS,
          SMTP_INTAKE_TLS_KEY: key,
          SMTP_INTAKE_TLS_CERT: cert,
        },
      });
      try {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: tlsServer.intakePort!,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
        });
        const info = await transport.sendMail({ from: 'x@elsewhere.test', to: REPORT_ADDRESS, subject: 'Over TLS', text: 'hi' });
        transport.close();
        assert.match(info.response, /^250 .*Received for triage/);
      } finally {
        await tlsServer.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses recipients other than the report addresses with 550', async () => {
      const sent = await send({ from: 'jane@acme.test', to: 'ceo@muster.test', subject: 'hi', text: 'hi' });
      assert.equal(sent.code, 550, sent.response);
      const other = await send({ from: 'jane@acme.test', to: 'soc@muster.test', subject: 'Second address', text: 'Works.' });
      assert.equal(other.code, 250, other.response);
    });

    it('files a message delivered twice (a retry after a lost reply) once', async () => {
      const raw = `From: jane@acme.test\r\nMessage-ID: <retry-${dialect}@acme.test>\r\nSubject: Retry me\r\n\r\nOnce only.\r\n`;
      const first = await sendRaw('jane@acme.test', raw);
      const before = await counts();
      const second = await sendRaw('jane@acme.test', raw);
      assert.equal(second.code, 250);
      assert.match(first.response, /Reported as/);
      assert.match(second.response, /Already received/);
      assert.deepEqual(await counts(), before);
    });

    it('answers 451 when the database cannot store the message, so the sender retries, and keeps nothing', async () => {
      const db = server.deps.database.db;
      const before = await counts();
      await db.schema.alterTable('evidence_blobs').renameTo('evidence_blobs_away').execute();
      try {
        const sent = await send({ from: 'jane@acme.test', subject: 'During an outage', text: 'Try again.' });
        assert.equal(sent.code, 451, sent.response);
      } finally {
        await db.schema.alterTable('evidence_blobs_away').renameTo('evidence_blobs').execute();
      }
      assert.deepEqual(await counts(), before);
      const retried = await send({ from: 'jane@acme.test', subject: 'During an outage', text: 'Try again.' });
      assert.equal(retried.code, 250, retried.response);
    });
  });
}

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { loadConfig } from '../core/config.ts';
import { emailFixture, MAX_BYTES, REPORT_ADDRESS } from '../testing/email-fixture.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { mimeProblem } from './email-intake.ts';

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

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
  describe(`e-mail intake (SMTP) on ${dialect}`, () => {
    const f = emailFixture(dialect);
    const { send, dialog, sendRaw, counts } = f;
    let server: TestServer;
    before(async () => {
      ({ server } = await f.start());
    });
    after(() => f.close());

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
      await db.schema.alterTable('evidence').renameTo('evidence_away').execute();
      try {
        const sent = await send({ from: 'jane@acme.test', subject: 'During an outage', text: 'Try again.' });
        assert.equal(sent.code, 451, sent.response);
      } finally {
        await db.schema.alterTable('evidence_away').renameTo('evidence').execute();
      }
      assert.deepEqual(await counts(), before);
      const retried = await send({ from: 'jane@acme.test', subject: 'During an outage', text: 'Try again.' });
      assert.equal(retried.code, 250, retried.response);
    });
  });
}

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { emailFixture } from '../testing/email-fixture.ts';
import { testDialects } from '../testing/test-db.ts';
import type { TestServer } from '../testing/test-server.ts';
import { trimQuotedReply } from './file-email.ts';

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

for (const dialect of await testDialects()) {
  describe(`filing e-mail on ${dialect}`, () => {
    const f = emailFixture(dialect);
    const { call, send, sendRaw, counts, incidentByKey, latestTriage, evidenceOf, timeline } = f;
    let server: TestServer;
    let acmeResponder: string;
    let bravoResponder: string;
    let acme: { id: string };
    let bravo: { id: string };
    before(async () => {
      ({ server, acmeResponder, bravoResponder, acme, bravo } = await f.start());
    });
    after(() => f.close());
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
  });
}

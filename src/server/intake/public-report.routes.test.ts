import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SETTING = '/api/v1/settings/public-report-form';
const KEY = /R(?:-[0-9A-HJKMNP-TV-Z]{4}){7}/;

for (const dialect of await testDialects()) {
  describe(`public report form on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let ips = 0;
    before(async () => {
      // Behind a proxy that sets X-Forwarded-For: each test then reports from its own address.
      server = await startTestServer({ dialect, env: { TRUST_PROXY: 'true' } });
      admin = await server.userToken('admin', 'Ada Admin');
    });
    after(() => server.close());

    const db = () => server.deps.database.db;
    const triageRows = () => db().selectFrom('triage_items').selectAll().orderBy('created_at').execute();
    // The limits count per client address; each test posts from its own (the app trusts X-Forwarded-For).
    const newIp = () => `203.0.113.${++ips}`;
    const post = (path: string, fields: Record<string, string>, ip: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
        body: new URLSearchParams(fields).toString(),
      });
    const setForm = (enabled: boolean, intro = '') => server.request('PUT', SETTING, { token: admin, body: { enabled, intro } });
    const report = { kind: 'phishing', description: 'Got a mail asking for my password, from "IT" at a strange address.' };
    const file = async (fields: Record<string, string>, ip = newIp()) => {
      const res = await post('/report', fields, ip);
      const html = await res.text();
      return { res, html, key: KEY.exec(html)?.[0] ?? null };
    };

    describe('while switched off (the default)', () => {
      it('answers 404 with a plain page on every public page and stores nothing', async () => {
        const setting = await server.request('GET', SETTING, { token: admin });
        assert.equal(setting.status, 200);
        assert.deepEqual(await setting.json(), {
          enabled: false,
          intro: '',
          updatedBy: null,
          updatedAt: null,
          url: `${server.url}/report`,
        });
        for (const path of ['/report', '/report/follow-up']) {
          const res = await fetch(`${server.url}${path}`);
          assert.equal(res.status, 404, path);
          assert.match(res.headers.get('content-type') ?? '', /text\/html/);
          assert.match(await res.text(), /report form is not enabled/);
        }
        const posted = await post('/report', report, newIp());
        assert.equal(posted.status, 404);
        assert.match(await posted.text(), /not enabled/);
        assert.equal((await post('/report/follow-up', { receipt: 'R-0000' }, newIp())).status, 404);
        assert.equal((await triageRows()).length, 0);
      });
    });

    describe('PUT /api/v1/settings/public-report-form', () => {
      it('refuses a user who is not an administrator, and invalid values naming the field', async () => {
        const responder = await server.userToken('responder');
        const refused = await server.request('PUT', SETTING, { token: responder, body: { enabled: true, intro: '' } });
        assert.equal(refused.status, 403);
        assert.equal((await server.request('GET', SETTING, { token: responder })).status, 200, 'anyone signed in may read it');
        assert.equal((await fetch(`${server.url}${SETTING}`)).status, 401);
        const bad = await server.request('PUT', SETTING, { token: admin, body: { enabled: 'yes', intro: '' } });
        assert.equal(bad.status, 400);
        assert.equal((await bad.json()).error.field, 'enabled');
        const long = await server.request('PUT', SETTING, { token: admin, body: { enabled: true, intro: 'x'.repeat(2001) } });
        assert.equal((await long.json()).error.field, 'intro');
        assert.equal((await (await server.request('GET', SETTING, { token: admin })).json()).enabled, false);
      });

      it('lets an administrator switch it on with an intro, recording who and when', async () => {
        const res = await setForm(true, 'Reports go to Acme IT security.\n\nEmergency: call <b>+47 1234</b>.');
        assert.equal(res.status, 200);
        const setting = await res.json();
        assert.equal(setting.enabled, true);
        assert.equal(setting.updatedBy.name, 'Ada Admin');
        assert.ok(setting.updatedAt);
        const page = await fetch(`${server.url}/report`);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /Reports go to Acme IT security\./);
        assert.ok(html.includes('call &#60;b&#62;+47 1234&#60;/b&#62;'), 'the intro is escaped');
        assert.doesNotMatch(html, /<script/);
        assert.match(html, /name="website" autocomplete="off" tabindex="-1"/, 'the honeypot is out of reach');
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|script-src/);
        assert.equal(page.headers.get('cache-control'), 'no-store');
      });
    });

    describe('POST /report', () => {
      before(() => setForm(true));

      it('files the report in the triage queue and gives a receipt key stored only as its SHA-256', async () => {
        const { res, html, key } = await file({
          ...report,
          when: 'today around 14:30',
          name: 'Kari Nordmann',
          email: 'kari@example.org',
        });
        assert.equal(res.status, 200);
        assert.ok(key, 'the page shows a receipt key');
        assert.match(html, /Write it down/);
        const [row] = (await triageRows()).filter((r) => r.receipt_hash === createHash('sha256').update(key).digest('hex'));
        assert.ok(row, 'the item carries the hash of the key');
        assert.equal(row.kind, 'form');
        assert.equal(row.status, 'triage');
        assert.equal(row.customer_id, null);
        assert.equal(row.title, 'Phishing e-mail: Got a mail asking for my password, from "IT" at…');
        assert.match(row.description, /What happened: Phishing e-mail/);
        assert.match(row.description, /When it happened \(as the reporter put it\): today around 14:30/);
        assert.match(row.description, /from "IT" at a strange address\./);
        assert.deepEqual(JSON.parse(row.reporter ?? ''), { anonymous: false, name: 'Kari Nordmann', email: 'kari@example.org' });
        const stored = JSON.stringify(await db().selectFrom('triage_items').selectAll().execute());
        assert.ok(!stored.includes(key), 'the key itself is nowhere');
        assert.ok(!stored.includes('203.0.113.'), 'nor the address it came from');
        const event = await db().selectFrom('events').selectAll().where('stream_id', '=', row.id).executeTakeFirstOrThrow();
        assert.equal(event.type, 'triage.reported');
      });

      it('throws the name and e-mail away when the reporter asks to stay anonymous', async () => {
        const { key } = await file({ ...report, name: 'Ola', email: 'ola@example.org', anonymous: 'yes' });
        const row = (await triageRows()).find(
          (r) =>
            r.receipt_hash ===
            createHash('sha256')
              .update(key ?? '')
              .digest('hex'),
        );
        assert.deepEqual(JSON.parse(row?.reporter ?? ''), { anonymous: true });
        assert.ok(!JSON.stringify(row).includes('ola@example.org'));
      });

      it('answers a filled honeypot exactly like a report, and stores nothing', async () => {
        const before = (await triageRows()).length;
        const { res, html, key } = await file({ ...report, website: 'http://spam.example' });
        assert.equal(res.status, 200);
        assert.ok(key);
        assert.match(html, /your report was received/);
        assert.equal((await triageRows()).length, before);
      });

      it('refuses a too-long field with a 400 page naming it and keeping what was typed, escaped', async () => {
        const before = (await triageRows()).length;
        const { res, html } = await file({ ...report, description: '<img src=x onerror=alert(1)> text', name: 'N'.repeat(201) });
        assert.equal(res.status, 400);
        assert.match(html, /Your name is too long: 201 characters, at most 200/);
        assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62; text</textarea>'), 'the description is kept, escaped');
        assert.ok(!html.includes('<img'));
        assert.match(html, /id="name"[^>]*aria-invalid="true"/);
        const missing = await file({ kind: 'nonsense', description: 'x' });
        assert.equal(missing.res.status, 400);
        assert.match(missing.html, /Choose what happened/);
        const empty = await file({ kind: 'other', description: '   ' });
        assert.match(empty.html, /Describe what happened/);
        const email = await file({ ...report, email: 'not an address' });
        assert.match(email.html, /does not look like an e-mail address/);
        assert.equal((await triageRows()).length, before);
      });

      it('refuses a 20 KB body with a 413 page, and never answers 500 to a strange body', async () => {
        const before = (await triageRows()).length;
        const res = await post('/report', { ...report, description: 'x'.repeat(20 * 1024) }, newIp());
        assert.equal(res.status, 413);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(await res.text(), /too long to send/);
        const json = await fetch(`${server.url}/report`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': newIp() },
          body: JSON.stringify({ kind: ['phishing'], description: { a: 1 } }),
        });
        assert.equal(json.status, 400);
        // U+0000 cannot be stored on PostgreSQL; every form and JSON body refuses it the same way.
        const nul = await file({ kind: 'other', description: 'nul\u0000byte %% \ud800' });
        assert.equal(nul.res.status, 400);
        assert.match(nul.html, /could not be read/);
        const xml = await fetch(`${server.url}/report`, {
          method: 'POST',
          headers: { 'content-type': 'application/xml', 'x-forwarded-for': newIp() },
          body: '<a/>',
        });
        assert.equal(xml.status, 415);
        assert.match(await xml.text(), /could not be read/);
        assert.equal((await triageRows()).length, before);
      });

      it('limits each address to 5 reports in 10 minutes, with Retry-After', async () => {
        const ip = newIp();
        for (let i = 0; i < 5; i++) assert.equal((await post('/report', report, ip)).status, 200);
        const limited = await post('/report', report, ip);
        assert.equal(limited.status, 429);
        const retryAfter = Number(limited.headers.get('retry-after'));
        assert.ok(retryAfter > 500 && retryAfter <= 600, `Retry-After ${retryAfter}`);
        assert.match(await limited.text(), /Too many attempts/);
        assert.equal((await post('/report', report, newIp())).status, 200, 'another address is not limited');
      });

      it('ignores X-Forwarded-For when no proxy is trusted, so a client cannot pick a fresh counter', async () => {
        const direct = await startTestServer({ dialect, testDb: server.testDb });
        try {
          const statuses = [];
          for (let i = 0; i < 6; i++) {
            const res = await fetch(`${direct.url}/report`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': newIp() },
              body: new URLSearchParams(report).toString(),
            });
            await res.arrayBuffer();
            statuses.push(res.status);
          }
          assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
        } finally {
          await direct.close();
        }
      });
    });

    describe('follow-up with the receipt key', () => {
      before(() => setForm(true));

      it('shows the status in plain words and adds information to the triage item', async () => {
        const { key } = await file({ ...report, name: 'Kari' });
        assert.ok(key);
        const ip = newIp();
        const status = await post('/report/follow-up', { receipt: key.toLowerCase().replaceAll('-', ' ') }, ip);
        assert.equal(status.status, 200);
        assert.match(await status.text(), /Received, waiting to be looked at\./);
        const added = await post(
          '/report/follow-up',
          { receipt: key, information: 'The sender was <b>it-support@evil</b>.' },
          ip,
        );
        assert.equal(added.status, 200);
        const html = await added.text();
        assert.match(html, /your information was added/);
        assert.ok(!html.includes('<b>'));
        const item = (await triageRows()).find((r) => r.receipt_hash === createHash('sha256').update(key).digest('hex'));
        const messages = await db()
          .selectFrom('triage_messages')
          .selectAll()
          .where('item_id', '=', item?.id ?? '')
          .execute();
        assert.equal(messages.length, 1);
        assert.equal(messages[0].body, 'The sender was <b>it-support@evil</b>.');
        assert.deepEqual(JSON.parse(messages[0].author), { anonymous: false, name: 'Kari' });
        const tooLong = await post('/report/follow-up', { receipt: key, information: 'y'.repeat(8001) }, ip);
        assert.equal(tooLong.status, 400);
        assert.match(await tooLong.text(), /Information is too long/);
      });

      it('adds information as a note on the incident once the report became one, never showing its key', async () => {
        const { key } = await file(report);
        assert.ok(key);
        const created = await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: 'Phishing wave' } });
        const incident = await created.json();
        const hash = createHash('sha256').update(key).digest('hex');
        await db()
          .updateTable('triage_items')
          .set({ status: 'incident', incident_id: incident.id })
          .where('receipt_hash', '=', hash)
          .execute();
        const res = await post('/report/follow-up', { receipt: key, information: 'I clicked the link, sorry.' }, newIp());
        assert.equal(res.status, 200);
        const html = await res.text();
        assert.match(html, /Being handled as an incident\./);
        assert.ok(!html.includes(incident.key) && !html.includes('Phishing wave'), 'no internal details');
        const timeline = await (
          await server.request('GET', `/api/v1/incidents/${incident.id}/timeline`, { token: admin })
        ).json();
        const note = timeline.events.find((e: { type: string }) => e.type === 'note.added');
        assert.equal(note?.data.body, 'I clicked the link, sorry.');
        assert.equal(note?.actor.name, 'Public reporter');
        await server.request('POST', `/api/v1/incidents/${incident.id}/transitions`, {
          token: admin,
          body: { to: 'dismissed', reason: 'Blocked by the mail filter' },
        });
        const closed = await post('/report/follow-up', { receipt: key }, newIp());
        assert.match(await closed.text(), /Closed after review\./);
      });

      it('answers a wrong key with the generic not-found page, escaped, and counts it against the limit', async () => {
        const ip = newIp();
        const wrong = await post('/report/follow-up', { receipt: 'R-0000-0000-0000-0000-0000-0000-0000' }, ip);
        assert.equal(wrong.status, 404);
        assert.match(await wrong.text(), /No report was found for this receipt key/);
        const junk = await post('/report/follow-up', { receipt: '"><script>alert(1)</script>' }, ip);
        assert.equal(junk.status, 404);
        const html = await junk.text();
        assert.match(html, /No report was found for this receipt key/);
        assert.ok(!html.includes('<script>'));
        for (let i = 0; i < 28; i++) await post('/report/follow-up', { receipt: `R-${i}` }, ip);
        const limited = await post('/report/follow-up', { receipt: 'R-1' }, ip);
        assert.equal(limited.status, 429);
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
      });
    });
  });
}

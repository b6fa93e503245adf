import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;

for (const dialect of await testDialects()) {
  describe(`invitations on ${dialect}`, () => {
    let server: TestServer;
    let sink: SmtpSink;
    let admin: string;
    let acme: { id: string };
    let bravo: { id: string };
    let manager: string;
    let offsetMs = 0; // the server's clock runs this far ahead of the real one
    let invited = 0;

    const call = async (method: string, url: string, token?: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await server.request(method, url, { token, body, headers });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    };
    const address = () => `person${++invited}.${Date.now()}@example.test`;
    /** The link's secret, read from the last e-mail to the address (the sink has it before the invitation is answered). */
    const tokenFromMail = async (email: string) => {
      const mail = sink.messages.findLast((m) => m.to.includes(email));
      assert.ok(mail, `no invitation mail to ${email}`);
      const match = mail.text.match(/\/invitations\/([A-Za-z0-9_-]+)/);
      assert.ok(match, mail.text);
      return match[1];
    };
    const tokenOfLink = (link: string) => link.split('/invitations/')[1];

    before(async () => {
      sink = await startSmtpSink();
      server = await startTestServer({
        dialect,
        clock: { now: () => new Date(Date.now() + offsetMs) },
        env: { SMTP_URL: sink.url, NOTIFY_TIMEOUT_MS: '2000' },
      });
      admin = await server.userToken('admin', 'Ada Admin');
      acme = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      bravo = (await call('POST', '/api/v1/customers', admin, { name: 'Bravo' })).body;
      manager = await server.memberToken(acme.id, 'manager', 'Mona Manager');
    });
    after(async () => {
      await server.close();
      await sink.close();
    });

    it('sends a single-use link by e-mail that creates the account and signs the person in', async () => {
      const email = address();
      const created = await call('POST', '/api/v1/invitations', admin, { email: email.toUpperCase(), role: 'responder' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.mail, { sent: true, reason: null });
      assert.equal(created.body.link, null, 'the link goes by e-mail only');
      assert.equal(created.body.invitation.email, email);
      assert.equal(created.body.invitation.status, 'pending');
      assert.equal(created.body.invitation.invitedBy.name, 'Ada Admin');
      const days = (Date.parse(created.body.invitation.expiresAt) - Date.parse(created.body.invitation.createdAt)) / DAY;
      assert.equal(days, 7);

      const token = await tokenFromMail(email);
      const mail = sink.messages.findLast((m) => m.to.includes(email));
      assert.equal(mail?.subject, 'Ada Admin invited you to Muster');
      assert.match(mail?.text ?? '', new RegExp(`${server.url}/invitations/`));

      const offer = await call('GET', `/api/v1/invitations/${token}`);
      assert.equal(offer.status, 200);
      assert.deepEqual(
        { email: offer.body.email, role: offer.body.role, by: offer.body.invitedByName },
        { email, role: 'responder', by: 'Ada Admin' },
      );

      const weak = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
        name: 'Rita',
        password: 'password1234',
      });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.field, 'password');

      const accepted = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
        name: 'Rita Responder',
        password: PASSWORD,
      });
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      assert.equal(accepted.body.user.role, 'responder');
      const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0];
      assert.match(cookie, /^muster_session=/);
      const me = await call('GET', '/api/v1/auth/me', undefined, undefined, { cookie });
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, email);

      const again = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, { name: 'Eve', password: PASSWORD });
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /already used; sign in/);
      assert.equal((await call('GET', `/api/v1/invitations/${token}`)).status, 409);

      const all = await call('GET', '/api/v1/invitations?status=all', admin);
      const record = all.body.items.find((i: { email: string }) => i.email === email);
      assert.equal(record.status, 'accepted', 'who invited whom stays on record');
      const pending = await call('GET', '/api/v1/invitations', admin);
      assert.ok(!pending.body.items.some((i: { email: string }) => i.email === email));
    });

    it('refuses an expired link and an unknown one with clear answers', async () => {
      const email = address();
      assert.equal((await call('POST', '/api/v1/invitations', admin, { email })).status, 201);
      const token = await tokenFromMail(email);
      offsetMs = 7 * DAY + 60_000;
      try {
        const late = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, { name: 'Late', password: PASSWORD });
        assert.equal(late.status, 409);
        assert.match(late.body.error.message, /expired on .* ask Ada Admin for a new one/);
        const listed = await call('GET', '/api/v1/invitations?status=all', admin);
        assert.equal(listed.body.items.find((i: { email: string }) => i.email === email).status, 'expired');
      } finally {
        offsetMs = 0;
      }
      const unknown = await call('POST', '/api/v1/invitations/not-a-real-token/accept', undefined, {
        name: 'X',
        password: PASSWORD,
      });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.field, 'token');
    });

    it('lets an admin withdraw an invitation, and a new invitation replaces the open one', async () => {
      const email = address();
      const first = await call('POST', '/api/v1/invitations', admin, { email });
      const firstToken = await tokenFromMail(email);
      const second = await call('POST', '/api/v1/invitations', admin, { email, role: 'responder' });
      assert.equal(second.status, 201);
      const replaced = await call('POST', `/api/v1/invitations/${firstToken}/accept`, undefined, {
        name: 'Old',
        password: PASSWORD,
      });
      assert.equal(replaced.status, 409);
      assert.match(replaced.body.error.message, /withdrawn/);

      assert.equal((await call('DELETE', `/api/v1/invitations/${second.body.invitation.id}`, admin)).status, 204);
      assert.equal((await call('DELETE', `/api/v1/invitations/${second.body.invitation.id}`, admin)).status, 409);
      assert.equal((await call('DELETE', `/api/v1/invitations/${first.body.invitation.id}`, admin)).status, 409);
      const secondToken = await tokenFromMail(email);
      const revoked = await call('POST', `/api/v1/invitations/${secondToken}/accept`, undefined, {
        name: 'New',
        password: PASSWORD,
      });
      assert.equal(revoked.status, 409);
      assert.match(revoked.body.error.message, /withdrawn; ask Ada Admin/);
    });

    it('refuses bad input with the field named', async () => {
      const cases: [unknown, number, string][] = [
        [{ email: 'not-an-address' }, 400, 'email'],
        [{ email: address(), customerId: acme.id }, 400, 'customerRole'],
        [{ email: address(), customerRole: 'viewer' }, 400, 'customerId'],
        [{ email: address(), customerId: 'nope', customerRole: 'viewer' }, 400, 'customerId'],
      ];
      for (const [body, status, field] of cases) {
        const res = await call('POST', '/api/v1/invitations', admin, body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(res.body.error.field, field, JSON.stringify(body));
      }
      const me = (await call('GET', '/api/v1/auth/me', admin)).body.user;
      const taken = await call('POST', '/api/v1/invitations', admin, { email: me.email });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.field, 'email');
      assert.equal((await call('POST', '/api/v1/invitations', admin, { email: address(), role: 'owner' })).status, 400);
    });

    it('lets a customer manager invite into their customer with a customer role only', async () => {
      const email = address();
      const created = await call('POST', '/api/v1/invitations', manager, {
        email,
        customerId: acme.id,
        customerRole: 'responder',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.invitation.role, 'viewer');
      assert.equal(created.body.invitation.customerName, 'Acme');
      const listed = await call('GET', `/api/v1/invitations?customerId=${acme.id}`, manager);
      assert.ok(listed.body.items.some((i: { email: string }) => i.email === email));

      const forbidden: [unknown, number][] = [
        [{ email: address(), role: 'admin', customerId: acme.id, customerRole: 'viewer' }, 403],
        [{ email: address(), role: 'responder', customerId: acme.id, customerRole: 'viewer' }, 403],
        [{ email: address() }, 403],
        [{ email: address(), customerId: bravo.id, customerRole: 'viewer' }, 404],
      ];
      for (const [body, status] of forbidden) {
        assert.equal((await call('POST', '/api/v1/invitations', manager, body)).status, status, JSON.stringify(body));
      }
      assert.equal((await call('GET', '/api/v1/invitations', manager)).status, 403, 'all invitations are for admins');
      const responder = await server.memberToken(acme.id, 'responder');
      const byResponder = await call('POST', '/api/v1/invitations', responder, {
        email: address(),
        customerId: acme.id,
        customerRole: 'viewer',
      });
      assert.equal(byResponder.status, 403);

      const token = await tokenFromMail(email);
      const mail = sink.messages.findLast((m) => m.to.includes(email));
      assert.match(mail?.text ?? '', /to work on Acme as responder/);
      const accepted = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
        name: 'Casey Customer',
        password: PASSWORD,
      });
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0];
      const me = await call('GET', '/api/v1/auth/me', undefined, undefined, { cookie });
      assert.deepEqual(me.body.memberships, { [acme.id]: 'responder' });
      assert.equal(me.body.user.role, 'viewer');
      const history = await call('GET', `/api/v1/customers/${acme.id}/history`, admin);
      const event = history.body.events.findLast((e: { type: string }) => e.type === 'customer.member_set');
      assert.equal(event.data.userId, accepted.body.user.id);
      assert.equal(event.actor.name, 'Mona Manager', 'the membership is recorded as given by the inviter');
    });

    it('refuses the link when the inviter may no longer give what it offers', async () => {
      const email = address();
      const mgr = await server.memberToken(acme.id, 'manager', 'Max Manager');
      const mgrId = (await call('GET', '/api/v1/auth/me', mgr)).body.user.id;
      assert.equal(
        (await call('POST', '/api/v1/invitations', mgr, { email, customerId: acme.id, customerRole: 'viewer' })).status,
        201,
      );
      const token = await tokenFromMail(email);
      assert.equal((await call('PUT', `/api/v1/customers/${acme.id}/members/${mgrId}`, admin, { role: 'viewer' })).status, 200);
      const res = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, { name: 'Vic', password: PASSWORD });
      assert.equal(res.status, 409);
      assert.match(res.body.error.message, /Max Manager may no longer give/);
    });

    it('hands the inviter the link when the e-mail could not be sent', async () => {
      sink.mode = 'refuse';
      try {
        const email = address();
        const res = await call('POST', '/api/v1/invitations', admin, { email, role: 'viewer' });
        assert.equal(res.status, 201);
        assert.equal(res.body.mail.sent, false);
        assert.match(res.body.mail.reason, /SMTP server/);
        assert.match(res.body.link, new RegExp(`^${server.url}/invitations/`));
        const offer = await call('GET', `/api/v1/invitations/${tokenOfLink(res.body.link)}`);
        assert.equal(offer.body.email, email);
      } finally {
        sink.mode = 'accept';
      }
      const smtpUrl = server.deps.config.notify.smtpUrl;
      server.deps.config.notify.smtpUrl = null;
      try {
        const res = await call('POST', '/api/v1/invitations', admin, { email: address() });
        assert.deepEqual(res.body.mail, { sent: false, reason: 'E-mail is not configured (SMTP_URL is not set)' });
        assert.ok(res.body.link);
      } finally {
        server.deps.config.notify.smtpUrl = smtpUrl;
      }
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { verifyEverything } from '../integrity/verify-everything.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { connectSse } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';

// TLP:RED is need-to-know: only the people on the incident's access list read it. Everyone else — other members
// of the customer, its managers and admins included — gets the 404 of an incident that does not exist, on the
// incident and everything under it, and never meets it in lists, searches, the Deadlines page or the stream.
for (const dialect of await testDialects()) {
  describe(`TLP:RED need-to-know on ${dialect}`, () => {
    let f: NotifyFixture;
    let rita: string; // responder of the customer, reports the RED incident
    let victor: string; // viewer of the customer, not on the list
    let manny: string; // manager of the customer, not on the list
    let rae: string; // responder of the customer, not on the list
    let red: { id: string; key: string };
    let source: string;
    const ids: Record<string, string> = {};

    const as = async (token: string, method: string, url: string, body?: unknown) => f.call(method, url, body, token);
    const idOf = async (token: string) => (await as(token, 'GET', '/api/v1/auth/me')).body.user.id as string;

    before(async () => {
      f = await startNotifyFixture(dialect);
      const c = f.customer.id;
      rita = await f.server.memberToken(c, 'responder', 'Rita Reporter');
      victor = await f.server.memberToken(c, 'viewer', 'Victor Viewer');
      manny = await f.server.memberToken(c, 'manager', 'Manny Manager');
      rae = await f.server.memberToken(c, 'responder', 'Rae Responder');
      for (const [name, token] of Object.entries({ rita, victor, manny, rae, admin: f.admin })) ids[name] = await idOf(token);
      const res = await as(rita, 'POST', '/api/v1/incidents', {
        title: 'Board member mailbox compromised',
        description: 'Only the core team may know',
        customerId: c,
        tlp: 'TLP:RED',
        personalData: true,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      red = res.body;
      source = (await f.call('POST', '/api/v1/alert-sources', { name: 'prom', customerId: c })).body.token;
    });
    after(() => f.close());

    it('answers 404 on the incident and everything under it to everyone not on the list, admins included', async () => {
      const reads = [
        `/api/v1/incidents/${red.id}`,
        `/api/v1/incidents/${red.key}`,
        `/api/v1/incidents/${red.id}/timeline`,
        `/api/v1/incidents/${red.id}/integrity`,
        `/api/v1/incidents/${red.id}/plan`,
        `/api/v1/incidents/${red.id}/notifications`,
        `/api/v1/incidents/${red.id}/evidence`,
        `/api/v1/incidents/${red.id}/access`,
      ];
      const alert = await f.call(
        'POST',
        '/api/v1/alerts',
        { title: 'Odd login', labels: { alertname: 'OddLogin' }, status: 'firing' },
        source,
      );
      const group = alert.body.alerts[0].groupId;
      for (const [who, token] of [
        ['viewer', victor],
        ['manager', manny],
        ['responder', rae],
        ['admin', f.admin],
      ] as const) {
        for (const url of reads) assert.equal((await as(token, 'GET', url)).status, 404, `${who} GET ${url}`);
        const writes: [string, string, unknown][] = [
          ['POST', `/api/v1/incidents/${red.id}/notes`, { body: 'peek' }],
          ['PATCH', `/api/v1/incidents/${red.id}`, { tlp: 'TLP:AMBER' }],
          ['POST', `/api/v1/incidents/${red.id}/transitions`, { to: 'assessing' }],
          ['POST', `/api/v1/incidents/${red.id}/notifications`, { purpose: 'notify-customer', subject: 'x', body: 'y' }],
          ['POST', `/api/v1/incidents/${red.id}/obligations/gdpr-art-33/stages/notification/waivers`, { reason: 'x' }],
          ['POST', `/api/v1/triage/${group}/attach`, { incident: red.key }],
          ['PUT', `/api/v1/incidents/${red.id}/access/${ids.victor}`, undefined],
        ];
        for (const [method, url, body] of writes) {
          const res = await as(token, method, url, body);
          assert.equal(res.status, 404, `${who} ${method} ${url}: ${JSON.stringify(res.body)}`);
        }
      }
      const own = await as(rita, 'GET', `/api/v1/incidents/${red.id}/timeline`);
      assert.equal(own.status, 200);
      assert.deepEqual(
        own.body.events.map((e: { type: string }) => e.type),
        ['incident.reported'],
        'the refused requests left no trace',
      );
      for (const url of reads) assert.equal((await as(rita, 'GET', url)).status, 200, `reporter GET ${url}`);

      // Alerts taken into the RED incident become part of it.
      assert.equal((await as(rita, 'POST', `/api/v1/triage/${group}/attach`, { incident: red.key })).status, 200);
      assert.equal((await as(rita, 'GET', `/api/v1/triage/${group}`)).status, 200);
      assert.equal((await as(victor, 'GET', `/api/v1/triage/${group}`)).status, 404);
      assert.deepEqual((await as(victor, 'GET', `/api/v1/triage?incident=${red.id}`)).body.items, []);
      assert.equal((await as(rita, 'GET', `/api/v1/triage?incident=${red.id}`)).body.items.length, 1);
    });

    it('keeps it out of lists, searches and the Deadlines page of everyone not on the list', async () => {
      const keys = async (token: string, url: string) =>
        (await as(token, 'GET', url)).body.items.map((i: { key?: string; incidentKey?: string }) => i.key ?? i.incidentKey);
      for (const token of [victor, manny, f.admin]) {
        assert.ok(!(await keys(token, '/api/v1/incidents')).includes(red.key));
        assert.ok(!(await keys(token, '/api/v1/incidents?q=mailbox')).includes(red.key));
        assert.ok(!(await keys(token, '/api/v1/deadlines?scope=all')).includes(red.key));
      }
      assert.ok((await keys(rita, '/api/v1/incidents?q=mailbox')).includes(red.key));
      assert.ok((await keys(rita, '/api/v1/deadlines?scope=all')).includes(red.key), 'GDPR clock of the RED incident');
    });

    it('keeps it off the live stream, live and on replay, of everyone not on the list', async () => {
      const watch = (token: string) =>
        connectSse(`${f.server.url}/api/v1/stream`, { authorization: `Bearer ${token}`, 'last-event-id': '0' });
      const [ofVictor, ofAdmin, ofRita] = await Promise.all([watch(victor), watch(f.admin), watch(rita)]);
      await as(rita, 'POST', `/api/v1/incidents/${red.id}/notes`, { body: 'The attacker read the board minutes' });
      const control = (await f.incident({ title: 'Control (AMBER)' })) as { id: string };
      for (const s of [ofVictor, ofAdmin, ofRita]) {
        for (let n = 1; !s.messages.some((m) => m.event === 'timeline' && JSON.parse(m.data).incidentId === control.id); n++)
          await s.waitFor(n);
        s.close();
      }
      const about = (s: typeof ofVictor) =>
        new Set(s.messages.filter((m) => m.event === 'timeline').map((m) => JSON.parse(m.data).incidentId));
      assert.ok(!about(ofVictor).has(red.id), 'a viewer not on the list saw it on the stream');
      assert.ok(!about(ofAdmin).has(red.id), 'an admin not on the list saw it on the stream');
      assert.ok(about(ofRita).has(red.id));
    });

    it('puts the reporter, whoever switches to RED and the people given a role on the list', async () => {
      const amber = (await as(rita, 'POST', '/api/v1/incidents', { title: 'Leaked salary list', customerId: f.customer.id }))
        .body;
      assert.equal((await as(victor, 'GET', `/api/v1/incidents/${amber.id}`)).status, 200, 'AMBER: every member reads it');
      const switched = await as(rae, 'PATCH', `/api/v1/incidents/${amber.id}`, {
        tlp: 'TLP:RED',
        assignments: { 'incident-manager': ids.manny },
      });
      assert.equal(switched.status, 200, JSON.stringify(switched.body));
      assert.equal((await as(victor, 'GET', `/api/v1/incidents/${amber.id}`)).status, 404, 'RED applies at once');
      assert.equal((await as(manny, 'GET', `/api/v1/incidents/${amber.id}`)).status, 200, 'the assignee reads it');
      const list = (await as(rae, 'GET', `/api/v1/incidents/${amber.id}/access`)).body;
      assert.equal(list.needToKnow, true);
      const byId = Object.fromEntries(list.users.map((u: { id: string; reason: string }) => [u.id, u.reason]));
      assert.deepEqual(byId, { [ids.rita]: 'reporter', [ids.rae]: 'set-red', [ids.manny]: 'assigned' });
      const refused = await as(rae, 'DELETE', `/api/v1/incidents/${amber.id}/access/${ids.manny}`);
      assert.equal(refused.status, 409, 'the incident manager stays while they hold the role');
    });

    it('lets someone on the list add and remove members of the customer, each on the timeline', async () => {
      const added = await as(rita, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.victor}`);
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const entry = added.body.users.find((u: { id: string }) => u.id === ids.victor);
      assert.equal(entry.name, 'Victor Viewer');
      assert.equal(entry.addedBy, 'Rita Reporter');
      assert.ok(entry.addedAt);
      assert.equal((await as(victor, 'GET', `/api/v1/incidents/${red.id}`)).status, 200);
      assert.equal((await as(rita, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.victor}`)).status, 200, 'twice: no change');
      assert.equal(
        (await as(victor, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.rae}`)).status,
        403,
        'a viewer adds nobody',
      );
      const stranger = await f.server.userToken('responder', 'Not a member');
      const outsider = await as(rita, 'PUT', `/api/v1/incidents/${red.id}/access/${await idOf(stranger)}`);
      assert.equal(outsider.status, 400);
      assert.equal(outsider.body.error.field, 'userId');
      assert.equal((await as(rita, 'PUT', `/api/v1/incidents/${red.id}/access/no-such-user`)).status, 400);

      assert.equal((await as(rita, 'DELETE', `/api/v1/incidents/${red.id}/access/${ids.victor}`)).status, 204);
      assert.equal((await as(victor, 'GET', `/api/v1/incidents/${red.id}`)).status, 404);
      assert.equal((await as(rita, 'DELETE', `/api/v1/incidents/${red.id}/access/${ids.victor}`)).status, 404);
      const events = (await as(rita, 'GET', `/api/v1/incidents/${red.id}/timeline`)).body.events as TimelineEvent[];
      const changes = events.filter((e) => e.type === 'access.granted' || e.type === 'access.revoked');
      assert.deepEqual(
        changes.map((e) => [e.type, e.data.userId]),
        [
          ['access.granted', ids.victor],
          ['access.revoked', ids.victor],
        ],
      );
      assert.equal((await as(rita, 'DELETE', `/api/v1/incidents/${red.id}/access/${ids.rita}`)).status, 409, 'never empty');
    });

    it('lets a manager or an admin break the glass for themselves only, on the record for everyone on the list', async () => {
      assert.equal((await as(manny, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.rae}`)).status, 404, 'not for others');
      assert.equal((await as(rae, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.rae}`)).status, 404, 'not for responders');
      const glass = await as(manny, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.manny}`);
      assert.equal(glass.status, 200, JSON.stringify(glass.body));
      assert.equal(glass.body.users.find((u: { id: string }) => u.id === ids.manny).reason, 'break-glass');
      assert.equal((await as(f.admin, 'PUT', `/api/v1/incidents/${red.id}/access/${ids.admin}`)).status, 200);
      const events = (await as(rita, 'GET', `/api/v1/incidents/${red.id}/timeline`)).body.events as TimelineEvent[];
      const glasses = events.filter((e) => e.type === 'access.granted').filter((e) => e.data.breakGlass);
      assert.deepEqual(
        glasses.map((e) => [e.data.userId, e.actor?.name]),
        [
          [ids.manny, 'Manny Manager'],
          [ids.admin, 'Ada Admin'],
        ],
      );
      assert.equal((await as(manny, 'GET', `/api/v1/incidents/${red.id}`)).status, 200);
    });

    it('leaves every access list exactly as its timeline gives it, as verify checks', async () => {
      const assigned = await as(rita, 'PUT', `/api/v1/incidents/${red.id}/roles/deputy`, { userId: ids.rae });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      const report = await verifyEverything(f.server.deps.database.db);
      assert.deepEqual(report.findings, []);
      assert.ok(report.checked.incidents >= 1);
    });
  });
}

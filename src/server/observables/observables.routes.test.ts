import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import type { Observable } from '../../shared/observable-types.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`observables on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let viewer: string;
    let outsider: string;
    let customerId: string;

    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const incident = async (fields: Record<string, unknown> = {}) => {
      const res = await call('POST', '/api/v1/incidents', { title: 'Phishing wave', customerId, ...fields });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; key: string; tlp: string };
    };
    const add = (incidentId: string, body: unknown, token = admin) =>
      call('POST', `/api/v1/incidents/${incidentId}/observables`, body, token);
    const list = async (incidentId: string, token = admin): Promise<Observable[]> =>
      (await call('GET', `/api/v1/incidents/${incidentId}/observables`, undefined, token)).body.items;
    const observableEvents = async (incidentId: string): Promise<TimelineEvent[]> =>
      (await call('GET', `/api/v1/incidents/${incidentId}/timeline`)).body.events.filter((e: TimelineEvent) =>
        e.type.startsWith('observable.'),
      );

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      const customer = await call('POST', '/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
      assert.equal(customer.status, 201, JSON.stringify(customer.body));
      customerId = customer.body.id;
      viewer = await server.memberToken(customerId, 'viewer', 'Victor Viewer');
      const other = await call('POST', '/api/v1/customers', { name: 'Fjord Bank', code: 'FJB', timeZone: 'Europe/Oslo' });
      outsider = await server.memberToken(other.body.id, 'manager', 'Olga Outsider');
    });
    after(() => server.close());

    it('adds an observable with its value normalised; the same value again is the same observable, seen again', async () => {
      const inc = await incident();
      const first = await add(inc.id, { type: 'ipv6', value: '2001:0DB8:0000::0001', tags: ['c2'] });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const created: Observable = first.body;
      assert.equal(created.value, '2001:db8::1');
      assert.equal(created.tlp, inc.tlp, 'the incident’s TLP unless another is given');
      assert.deepEqual(created.tags, ['c2']);
      assert.equal(created.addedBy.name, 'Ada Admin');
      assert.equal(created.firstSeen, created.lastSeen);

      const seenBefore = new Date(Date.parse(created.firstSeen) - 3_600_000).toISOString();
      const again = await add(inc.id, {
        value: '2001:db8:0:0:0:0:0:1',
        tags: ['C2', 'phishing'],
        seenAt: seenBefore,
        tlp: 'TLP:GREEN',
      });
      assert.equal(again.status, 200, 'the same observable, not a second one');
      assert.equal(again.body.id, created.id);
      assert.deepEqual(again.body.tags, ['c2', 'phishing'], 'tags merged whatever their case');
      assert.equal(again.body.firstSeen, seenBefore, 'seen earlier than first thought');
      assert.equal(again.body.lastSeen, created.lastSeen);
      assert.equal(again.body.tlp, 'TLP:GREEN');
      assert.equal((await list(inc.id)).length, 1);

      const events = await observableEvents(inc.id);
      assert.deepEqual(
        events.map((e) => [e.type, (e.data as { again?: boolean }).again, (e.data as { value?: string }).value]),
        [
          ['observable.added', false, '2001:db8::1'],
          ['observable.added', true, '2001:db8::1'],
        ],
      );
    });

    it('refuses a value that is not of its type with a 400 naming the field and why, leaving no trace', async () => {
      const inc = await incident();
      const cases: [unknown, string, RegExp][] = [
        [{ type: 'ipv4', value: '999.1.1.1' }, 'value', /^Not an IPv4 address: 999\.1\.1\.1/],
        [
          { type: 'sha256', value: 'd41d8cd98f00b204e9800998ecf8427e' },
          'value',
          /expected 64 .* got 32 \(that is the length of MD5\)/,
        ],
        [{ value: 'invoice.pdf' }, 'type', /domain or a file name: choose the type/],
        [{ type: 'domain', value: 'evil.example', seenAt: '2999-01-01T00:00:00Z' }, 'seenAt', /in the future/],
        [{ type: 'domain', value: 'evil.example', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags', /./],
      ];
      for (const [body, field, message] of cases) {
        const res = await add(inc.id, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match(res.body.error.message, message);
        assert.match(res.body.error.field ?? res.body.error.message, new RegExp(field), JSON.stringify(res.body));
      }
      assert.equal((await add(inc.id, { type: 'router', value: 'x' })).status, 400, 'an unknown type');
      assert.deepEqual(await observableEvents(inc.id), []);
    });

    it('changes tags, TLP and description and removes an observable, each on the timeline', async () => {
      const inc = await incident();
      const hash = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
      const { body: o } = await add(inc.id, { value: hash, description: 'Dropper' });
      assert.equal(o.type, 'sha256', 'inferred from the length');
      assert.equal(o.value, hash.toLowerCase());
      const changed = await call('PATCH', `/api/v1/observables/${o.id}`, { tags: ['dropper'], tlp: 'TLP:CLEAR' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual([changed.body.tags, changed.body.tlp, changed.body.description], [['dropper'], 'TLP:CLEAR', 'Dropper']);
      const unchanged = await call('PATCH', `/api/v1/observables/${o.id}`, { description: 'Dropper' });
      assert.equal(unchanged.status, 200);
      assert.equal((await call('PATCH', `/api/v1/observables/${o.id}`, { tlp: 'TLP:RED' }, viewer)).status, 403);
      assert.equal((await call('DELETE', `/api/v1/observables/${o.id}`)).status, 204);
      assert.deepEqual(await list(inc.id), []);
      assert.equal((await call('DELETE', `/api/v1/observables/${o.id}`)).status, 404);
      const events = await observableEvents(inc.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ['observable.added', 'observable.changed', 'observable.removed'],
        'a change that changes nothing records nothing',
      );
      assert.deepEqual((events[1].data as { previous?: unknown }).previous, { tags: [], tlp: inc.tlp });
    });

    it('lets members who may read the incident read its observables, and only those who may change it add', async () => {
      const inc = await incident();
      const { body: o } = await add(inc.id, { type: 'email', value: 'Ceo.Office@Evil.Example' });
      assert.equal(o.value, 'Ceo.Office@evil.example');
      assert.equal((await list(inc.id, viewer)).length, 1);
      assert.equal((await add(inc.id, { type: 'domain', value: 'evil.example' }, viewer)).status, 403);
      // Another customer's member meets 404s that do not say which incident holds the observable.
      assert.equal((await call('GET', `/api/v1/incidents/${inc.id}/observables`, undefined, outsider)).status, 404);
      const patch = await call('PATCH', `/api/v1/observables/${o.id}`, { tags: ['x'] }, outsider);
      assert.equal(patch.status, 404);
      assert.equal(patch.body.error.message, `No observable ${o.id}`);
      assert.equal((await add(inc.id, { type: 'domain', value: 'evil.example' }, outsider)).status, 404);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Observable, Sighting } from '../../shared/observable-types.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Sightings show where else a value was seen, and must never tell anyone of an incident they may not read: another
// customer's, or a TLP:RED one whose access list does not name them (admins included).
for (const dialect of await testDialects()) {
  describe(`sightings across incidents on ${dialect}`, () => {
    const IP = '203.0.113.9';
    let server: TestServer;
    let admin: string;
    let alice: string; // responder of Acme, reports the RED incident (so is on its list)
    let rae: string; // responder of Acme, not on the RED incident's list
    let bob: string; // responder of Bolt
    let raeId: string;
    const incidents: Record<string, { id: string; key: string }> = {};

    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const sightings = async (value: string, token: string): Promise<string[]> => {
      const res = await call('GET', `/api/v1/observables?value=${encodeURIComponent(value)}`, undefined, token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items.map((s: Sighting) => s.incidentKey).sort();
    };
    const keys = (...names: string[]) => names.map((n) => incidents[n].key).sort();
    const others = async (name: string, token: string) => {
      const res = await call('GET', `/api/v1/incidents/${incidents[name].id}/observables`, undefined, token);
      return (res.body.items as Observable[]).find((o) => o.value === IP)?.otherIncidents;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      const acme = (await call('POST', '/api/v1/customers', { name: 'Acme', code: 'ACM', timeZone: 'UTC' })).body.id;
      const bolt = (await call('POST', '/api/v1/customers', { name: 'Bolt', code: 'BLT', timeZone: 'UTC' })).body.id;
      alice = await server.memberToken(acme, 'responder', 'Alice Acme');
      rae = await server.memberToken(acme, 'responder', 'Rae Acme');
      bob = await server.memberToken(bolt, 'responder', 'Bob Bolt');
      raeId = (await call('GET', '/api/v1/auth/me', undefined, rae)).body.user.id;
      const open = async (name: string, token: string, fields: Record<string, unknown>) => {
        const res = await call('POST', '/api/v1/incidents', { title: `Scan from ${IP} (${name})`, ...fields }, token);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        incidents[name] = res.body;
        // Spelled differently each time: the sighting is of the normalised value.
        const added = await call('POST', `/api/v1/incidents/${res.body.id}/observables`, { value: `::ffff:${IP}` }, token);
        assert.equal(added.status, 201, JSON.stringify(added.body));
        assert.equal(added.body.value, IP);
        // The answer counts the other incidents its adder may read that hold the value already.
        const before = Object.keys(incidents).length - 1 - (name === 'bolt' ? 4 : 0);
        assert.equal(added.body.otherIncidents, before, name);
      };
      await open('acme1', alice, { customerId: acme });
      await open('acme2', alice, { customerId: acme });
      await open('drill', alice, { customerId: acme, exercise: true });
      await open('red', alice, { customerId: acme, tlp: 'TLP:RED' });
      await open('bolt', bob, { customerId: bolt });
    });
    after(() => server.close());

    it('never shows a member one customer’s sightings of another customer', async () => {
      assert.deepEqual(await sightings(IP, bob), keys('bolt'));
      assert.ok(!(await sightings(IP, alice)).includes(incidents.bolt.key));
      assert.equal(await others('bolt', bob), 0, 'the count of other incidents says nothing of Acme’s');
      assert.equal(await others('acme1', admin), 3, 'an admin sees every customer’s (not the RED one)');
    });

    it('hides a TLP:RED incident’s sighting from everyone not on its access list, until they are added', async () => {
      assert.deepEqual(await sightings(IP, alice), keys('acme1', 'acme2', 'drill', 'red'), 'Alice reported it');
      assert.deepEqual(await sightings(IP, rae), keys('acme1', 'acme2', 'drill'));
      assert.deepEqual(await sightings(IP, admin), keys('acme1', 'acme2', 'drill', 'bolt'), 'admins are not on the list');
      assert.equal(await others('acme1', rae), 2);

      const granted = await call('PUT', `/api/v1/incidents/${incidents.red.id}/access/${raeId}`, undefined, alice);
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      assert.deepEqual(await sightings(IP, rae), keys('acme1', 'acme2', 'drill', 'red'));
      assert.equal(await others('acme1', rae), 3);

      const revoked = await call('DELETE', `/api/v1/incidents/${incidents.red.id}/access/${raeId}`, undefined, alice);
      assert.ok(revoked.status < 300, JSON.stringify(revoked.body));
      assert.deepEqual(await sightings(IP, rae), keys('acme1', 'acme2', 'drill'));
    });

    it('lists each sighting with its incident, customer, stage, TLP and times, exercises marked', async () => {
      const res = await call('GET', `/api/v1/observables?value=${IP}&type=ipv4`, undefined, alice);
      assert.equal(res.body.type, 'ipv4');
      assert.equal(res.body.value, IP);
      const drill: Sighting = res.body.items.find((s: Sighting) => s.incidentId === incidents.drill.id);
      assert.equal(drill.exercise, true);
      assert.equal(drill.customerName, 'Acme');
      assert.equal(drill.status, 'reported');
      const red: Sighting = res.body.items.find((s: Sighting) => s.incidentId === incidents.red.id);
      assert.equal(red.incidentTlp, 'TLP:RED');
      assert.equal(red.exercise, false);
      assert.ok(red.firstSeen && red.lastSeen);
    });

    it('normalises the value searched for, and refuses one that is not of the type asked', async () => {
      assert.deepEqual(await sightings('203.0.113[.]9', rae), keys('acme1', 'acme2', 'drill'));
      assert.deepEqual(await sightings('198.51.100.1', rae), []);
      const bad = await call('GET', '/api/v1/observables?value=999.1.1.1&type=ipv4', undefined, rae);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'value');
      assert.equal((await call('GET', '/api/v1/observables', undefined, rae)).status, 400, 'value is required');
    });
  });
}

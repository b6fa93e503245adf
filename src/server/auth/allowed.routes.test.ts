import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The `allowed` flags must say exactly what the server then accepts: for every kind of user, each flag is read
// from the API and the action it names is tried; it succeeds if and only if the flag was true. A flag for an
// object the user cannot see does not exist: then the action must fail too.

interface Persona {
  name: string;
  role: UserRole;
  /** Their role in the customer made for them; null: no membership. */
  membership: MembershipRole | null;
}

const PERSONAS: Persona[] = [
  { name: 'Ada', role: 'admin', membership: null },
  { name: 'Rita', role: 'responder', membership: null },
  { name: 'Vera', role: 'viewer', membership: null },
  { name: 'Mona', role: 'viewer', membership: 'manager' },
  { name: 'Rob', role: 'viewer', membership: 'responder' },
  { name: 'Val', role: 'viewer', membership: 'viewer' },
  { name: 'Ruth', role: 'responder', membership: 'viewer' },
];

for (const dialect of await testDialects()) {
  describe(`allowed on ${dialect}: what the API says a user may do is what the server then accepts`, () => {
    let server: TestServer;
    let admin: string;
    let spareId: string;
    let orgContactId: string;

    const call = async (method: string, url: string, token: string, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const idOf = async (token: string) => (await call('GET', '/api/v1/auth/me', token)).body.user.id as string;
    /** Asserts that the action succeeded exactly when the flag said it would (undefined: the object was not visible). */
    const agrees = (what: string, flag: boolean | undefined, res: { status: number; body: unknown }) => {
      const succeeded = res.status >= 200 && res.status < 300;
      assert.equal(succeeded, flag === true, `${what}: allowed ${flag}, answered ${res.status} ${JSON.stringify(res.body)}`);
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      spareId = await idOf(await server.userToken('viewer', 'Spare'));
      orgContactId = (await call('POST', '/api/v1/contacts', admin, { name: 'Our duty phone', customerId: null })).body.id;
      assert.ok(orgContactId);
    });
    after(() => server.close());

    for (const persona of PERSONAS) {
      it(`${persona.role} ${persona.membership ? `and customer ${persona.membership}` : 'without a customer'}`, async () => {
        // What the persona will look at, all made by an admin in a customer of the persona's own.
        const token = persona.role === 'admin' ? admin : await server.userToken(persona.role, persona.name);
        const userId = await idOf(token);
        const customer = (await call('POST', '/api/v1/customers', admin, { name: `${persona.name} Ltd` })).body;
        if (persona.membership) {
          const set = await call('PUT', `/api/v1/customers/${customer.id}/members/${userId}`, admin, {
            role: persona.membership,
          });
          assert.equal(set.status, 200);
        }
        const service = (await call('POST', '/api/v1/services', admin, { name: 'Mail', customerId: customer.id })).body;
        const incident = (await call('POST', '/api/v1/incidents', admin, { title: 'Phishing wave', customerId: customer.id }))
          .body;
        const red = (
          await call('POST', '/api/v1/incidents', admin, { title: 'Quiet one', customerId: customer.id, tlp: 'TLP:RED' })
        ).body;
        const source = (await call('POST', '/api/v1/alert-sources', admin, { name: 'prom', customerId: customer.id })).body;
        const alert = { title: 'Disk full', labels: { alertname: 'DiskFull' }, status: 'firing' };
        const triageId = (await call('POST', '/api/v1/alerts', source.token, alert)).body.alerts[0].groupId as string;
        assert.ok(service.id && incident.id && red.id && triageId);

        // The session.
        const me = await call('GET', '/api/v1/auth/me', token);
        const session = me.body.allowed;
        assert.equal(typeof session.reportIncident, 'boolean');
        agrees(
          'createCustomer',
          session.createCustomer,
          await call('POST', '/api/v1/customers', token, { name: `${persona.name} 2` }),
        );
        agrees(
          'editOrganisation',
          session.editOrganisation,
          await call('PATCH', `/api/v1/contacts/${orgContactId}`, token, { notes: `checked by ${persona.name}` }),
        );
        agrees('manageUsers', session.manageUsers, await call('PATCH', `/api/v1/users/${spareId}`, token, { role: 'viewer' }));
        agrees('retryJobs', session.retryJobs, await call('GET', '/api/v1/jobs', token));
        agrees(
          'manageIntake',
          session.manageIntake,
          await call('PUT', '/api/v1/settings/public-report-form', token, { enabled: false, intro: '' }),
        );
        agrees(
          'manageAlertSources',
          session.manageAlertSources,
          await call('POST', '/api/v1/alert-sources', token, { name: 'own', customerId: customer.id }),
        );
        agrees('breakGlass', session.breakGlass, await call('PUT', `/api/v1/incidents/${red.id}/access/${userId}`, token));
        const report = await call('POST', '/api/v1/incidents', token, { title: 'Seen it too', customerId: customer.id });
        agrees('session reportIncident', session.reportIncident, report);

        // Our organisation's contact.
        const contact = await call('GET', `/api/v1/contacts/${orgContactId}`, token);
        assert.equal(contact.status, 200);
        assert.equal(contact.body.allowed.edit, session.editOrganisation);

        // The customer: its flags in the list are the same as on the record itself.
        const shown = await call('GET', `/api/v1/customers/${customer.id}`, token);
        const flags = shown.status === 200 ? shown.body.allowed : undefined;
        assert.equal(shown.status, persona.role === 'admin' || persona.membership ? 200 : 404);
        const listed = (await call('GET', '/api/v1/customers', token)).body.items.find(
          (c: { id: string }) => c.id === customer.id,
        );
        assert.deepEqual(listed?.allowed, flags);
        agrees('customer reportIncident', flags?.reportIncident, report);
        agrees(
          'customer edit',
          flags?.edit,
          await call('PATCH', `/api/v1/customers/${customer.id}`, token, { description: 'x' }),
        );
        agrees(
          'customer manageMembers',
          flags?.manageMembers,
          await call('PUT', `/api/v1/customers/${customer.id}/members/${spareId}`, token, { role: 'viewer' }),
        );
        agrees(
          'customer publish',
          flags?.publish,
          await call('POST', `/api/v1/customers/${customer.id}/plans`, token, { approver: 'Head of security' }),
        );

        // The incident, in the list and on its own.
        const seen = await call('GET', `/api/v1/incidents/${incident.id}`, token);
        const incidentFlags = seen.status === 200 ? seen.body.allowed : undefined;
        const inList = (await call('GET', '/api/v1/incidents', token)).body.items.find(
          (i: { id: string }) => i.id === incident.id,
        );
        assert.deepEqual(inList?.allowed, incidentFlags);
        agrees(
          'incident change',
          incidentFlags?.change,
          await call('POST', `/api/v1/incidents/${incident.id}/notes`, token, { body: 'Noted' }),
        );

        // The triage item, in the queue and on its own.
        const item = await call('GET', `/api/v1/triage/${triageId}`, token);
        const itemFlags = item.status === 200 ? item.body.item.allowed : undefined;
        const queued = await call('GET', '/api/v1/triage', token);
        if (queued.status === 200) {
          const inQueue = queued.body.items.find((i: { id: string }) => i.id === triageId);
          assert.deepEqual(inQueue?.allowed, itemFlags);
        }
        agrees(
          'triage decide',
          itemFlags?.decide,
          await call('POST', `/api/v1/triage/${triageId}/dismiss`, token, { reason: 'Test' }),
        );

        // The service, then the customer itself: archived last.
        const serviceShown = await call('GET', `/api/v1/services/${service.id}`, token);
        const serviceFlags = serviceShown.status === 200 ? serviceShown.body.allowed : undefined;
        agrees(
          'service edit',
          serviceFlags?.edit,
          await call('PATCH', `/api/v1/services/${service.id}`, token, { owner: 'Ops' }),
        );
        agrees('service archive', serviceFlags?.archive, await call('DELETE', `/api/v1/services/${service.id}`, token));
        agrees('customer archive', flags?.archive, await call('DELETE', `/api/v1/customers/${customer.id}`, token));
      });
    }

    it('declares allowed in the OpenAPI document', async () => {
      const doc = (await call('GET', '/api/v1/openapi.json', admin)).body;
      const me = doc.paths['/api/v1/auth/me'].get.responses['200'].content['application/json'].schema;
      assert.ok(me.properties.allowed.properties.reportIncident);
      const incident = doc.paths['/api/v1/incidents/{id}'].get.responses['200'].content['application/json'].schema;
      assert.ok(incident.properties.allowed.properties.change);
      const customer = doc.paths['/api/v1/customers/{id}'].get.responses['200'].content['application/json'].schema;
      assert.ok(customer.properties.allowed.properties.publish);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stixProblems } from '../testing/stix-validator.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { INCIDENT_CORE_EXTENSION, stixPattern, TLP2_EXTENSION, TLP2_MARKING_IDS, uuidv5 } from './stix-bundle.ts';

type StixObject = Record<string, unknown> & { type: string; id: string };
type Bundle = { type: string; id: string; objects: StixObject[] };

/** One observable of each type, as typed and as stored. */
const SAMPLES: [string, string, string][] = [
  ['ipv4', '198.51.100.23', "[ipv4-addr:value = '198.51.100.23']"],
  ['ipv6', '2001:DB8::0:17', "[ipv6-addr:value = '2001:db8::17']"],
  ['domain', 'Login-Micros0ft.Example.', "[domain-name:value = 'login-micros0ft.example']"],
  ['url', "hxxps://evil[.]example/o'neil?q=1", "[url:value = 'https://evil.example/o\\'neil?q=1']"],
  ['md5', '44D88612FEA8A8F36DE82E1278ABB02F', "[file:hashes.MD5 = '44d88612fea8a8f36de82e1278abb02f']"],
  ['sha1', '3395856ce81f2b7382dee72602f798b642f14140', "[file:hashes.'SHA-1' = '3395856ce81f2b7382dee72602f798b642f14140']"],
  [
    'sha256',
    '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    "[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']",
  ],
  ['sha512', 'cf83e1357eefb8bd'.repeat(8), `[file:hashes.'SHA-512' = '${'cf83e1357eefb8bd'.repeat(8)}']`],
  ['email', 'Payroll@Evil.Example', "[email-addr:value = 'Payroll@evil.example']"],
  ['filename', 'Invoice 2026.pdf.exe', "[file:name = 'Invoice 2026.pdf.exe']"],
  ['account', 'CORP\\svc-backup', "[user-account:user_id = 'CORP\\\\svc-backup']"],
];

describe('STIX patterns and ids', () => {
  it('writes one comparison per observable, on the right object path, with quotes and backslashes escaped', () => {
    assert.equal(stixPattern({ type: 'filename', value: "it's\\here" }), "[file:name = 'it\\'s\\\\here']");
    assert.equal(stixPattern({ type: 'sha256', value: 'ab' }), "[file:hashes.'SHA-256' = 'ab']");
  });

  it('makes RFC 4122 name-based UUIDs (the DNS namespace example)', () => {
    assert.equal(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

for (const dialect of await testDialects()) {
  describe(`GET /api/v1/incidents/:id/stix on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let incident: { id: string; key: string };
    let bundle: Bundle;

    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    };
    const exported = async (): Promise<Bundle> => {
      const res = await call('GET', `/api/v1/incidents/${incident.id}/stix`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      const customer = await call('POST', '/api/v1/customers', { name: 'Acme', code: 'ACM', timeZone: 'UTC' });
      const res = await call('POST', '/api/v1/incidents', {
        customerId: customer.body.id,
        title: 'Credential phishing',
        description: 'Mails with a fake login page',
        tlp: 'TLP:AMBER+STRICT',
        category: 'fraud/phishing',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      incident = res.body;
      for (const [type, value] of SAMPLES) {
        const added = await call('POST', `/api/v1/incidents/${incident.id}/observables`, {
          type,
          value,
          tags: ['phishing'],
          tlp: type === 'account' ? 'TLP:RED' : 'TLP:GREEN',
        });
        assert.equal(added.status, 201, `${type}: ${JSON.stringify(added.body)}`);
      }
      bundle = await exported();
    });
    after(() => server.close());

    it('is a bundle the STIX 2.1 JSON schemas accept, object by object', async () => {
      assert.deepEqual(stixProblems(bundle), []);
      const res = await call('GET', `/api/v1/incidents/${incident.key}/stix`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/stix\+json/);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        new RegExp(`attachment; filename="${incident.key}\\.stix\\.json"`),
      );
    });

    it('is refused by the schemas when broken, so the check above can fail', () => {
      const broken = structuredClone(bundle);
      const indicator = broken.objects.find((o) => o.type === 'indicator') as StixObject;
      delete indicator.pattern;
      const incidentObject = broken.objects.find((o) => o.type === 'incident') as StixObject;
      incidentObject.created = 'yesterday';
      const sco = broken.objects.find((o) => o.type === 'ipv4-addr') as StixObject;
      sco.id = 'ipv4-addr--not-a-uuid';
      const problems = stixProblems(broken);
      assert.ok(
        problems.some((p) => p.includes("must have required property 'pattern'")),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith(`${incidentObject.id}/created`)),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith('ipv4-addr--not-a-uuid/id')),
        problems.join('\n'),
      );
    });

    it('has an indicator with the right pattern, an observed-data and a cyber-observable for each observable', () => {
      const indicators = bundle.objects.filter((o) => o.type === 'indicator');
      assert.deepEqual(indicators.map((i) => i.pattern).sort(), SAMPLES.map(([, , pattern]) => pattern).sort());
      for (const i of indicators) {
        assert.equal(i.pattern_type, 'stix');
        assert.deepEqual(i.labels, ['phishing']);
      }
      const byId = new Map(bundle.objects.map((o) => [o.id, o]));
      for (const observed of bundle.objects.filter((o) => o.type === 'observed-data')) {
        const [ref] = observed.object_refs as string[];
        assert.ok(byId.has(ref), `${observed.id} refers to ${ref}, which is in the bundle`);
      }
      for (const r of bundle.objects.filter((o) => o.type === 'relationship')) {
        assert.ok(byId.has(r.source_ref as string) && byId.has(r.target_ref as string), `${r.id} links objects of the bundle`);
      }
      const sco = bundle.objects.find((o) => o.type === 'ipv4-addr');
      // STIX 2.1 §2.9: the id of an IPv4 address is fixed by its value, so every producer names it alike.
      assert.equal(sco?.id, `ipv4-addr--${uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"198.51.100.23"}')}`);
    });

    it('marks every object with the published TLP 2.0 marking definitions, each included once', () => {
      const markings = bundle.objects.filter((o) => o.type === 'marking-definition');
      assert.deepEqual(
        markings.map((m) => m.name),
        ['TLP:GREEN', 'TLP:AMBER+STRICT', 'TLP:RED'],
      );
      // As published in oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0.
      assert.deepEqual(
        markings.find((m) => m.name === 'TLP:GREEN'),
        {
          type: 'marking-definition',
          spec_version: '2.1',
          id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
          created: '2022-10-01T00:00:00.000Z',
          name: 'TLP:GREEN',
          extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: 'green' } },
        },
      );
      const incidentObject = bundle.objects.find((o) => o.type === 'incident') as StixObject;
      assert.deepEqual(incidentObject.object_marking_refs, [TLP2_MARKING_IDS['TLP:AMBER+STRICT']]);
      const account = bundle.objects.find((o) => o.type === 'user-account') as StixObject;
      assert.deepEqual(account.object_marking_refs, [TLP2_MARKING_IDS['TLP:RED']]);
      const toIncident = bundle.objects.filter((o) => o.relationship_type === 'related-to');
      assert.ok(
        toIncident.every((r) => (r.object_marking_refs as string[])[0] !== TLP2_MARKING_IDS['TLP:GREEN']),
        'a relationship to the incident is marked as strictly as the stricter of its two ends',
      );
      for (const o of bundle.objects.filter((x) => x.type !== 'marking-definition')) {
        if (o.type !== 'identity') assert.equal((o.object_marking_refs as string[]).length, 1, `${o.id} is marked`);
      }
    });

    it('describes the incident with the Incident Core extension and our identity as its creator', () => {
      const incidentObject = bundle.objects.find((o) => o.type === 'incident') as StixObject;
      assert.equal(incidentObject.name, `${incident.key}: Credential phishing`);
      assert.deepEqual(incidentObject.labels, ['fraud/phishing']);
      // The extension's own vocabularies (incident-core/extension-definition--ef765651…json): determination is closed.
      const core = (incidentObject.extensions as Record<string, Record<string, unknown>>)[INCIDENT_CORE_EXTENSION];
      assert.deepEqual(core, { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'new' });
      const identity = bundle.objects.find((o) => o.type === 'identity') as StixObject;
      assert.ok(bundle.objects.filter((o) => 'created_by_ref' in o).every((o) => o.created_by_ref === identity.id));
    });

    it('gives the same ids on a second export, so that a receiving tool updates instead of duplicating', async () => {
      await call('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'assessing', reason: 'Real phishing' });
      const again = await exported();
      const ids = (b: Bundle) => b.objects.map((o) => o.id).sort();
      assert.deepEqual(ids(again), ids(bundle));
      assert.notEqual(again.id, bundle.id, 'the bundle itself is a new message');
      const incidentObject = again.objects.find((o) => o.type === 'incident') as StixObject;
      assert.ok(
        (incidentObject.modified as string) >
          ((bundle.objects.find((o) => o.type === 'incident') as StixObject).modified as string),
      );
      const core = (incidentObject.extensions as Record<string, Record<string, unknown>>)[INCIDENT_CORE_EXTENSION];
      assert.deepEqual([core.determination, core.investigation_status], ['successful-attempt', 'open']);
    });

    it('answers 404 to whoever may not read the incident', async () => {
      const customer = await call('POST', '/api/v1/customers', { name: 'Other', code: 'OTH', timeZone: 'UTC' });
      const outsider = await server.memberToken(customer.body.id, 'manager');
      assert.equal((await call('GET', `/api/v1/incidents/${incident.id}/stix`, undefined, outsider)).status, 404);
    });
  });
}

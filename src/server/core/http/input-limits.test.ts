import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorAnswer } from '../../testing/error-answer.ts';
import { testDialects } from '../../testing/test-db.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`input both databases store as sent (${dialect})`, () => {
    let server: TestServer;
    let admin: string;
    let customerId: string;
    let sourceToken: string;
    let cookie: string;
    const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await server.request(method, url, { token: admin, body, headers });
      const text = await res.text();
      return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
    };

    before(async () => {
      server = await startTestServer({ dialect });
      const owner = await server.request('POST', '/api/v1/setup', {
        body: { token: server.setupToken, email: 'owner@example.test', name: 'Owner', password: 'correct horse battery staple' },
      });
      cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
      admin = await server.userToken('admin');
      customerId = (await call('POST', '/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'UTC' })).body.id;
      sourceToken = (await call('POST', '/api/v1/alert-sources', { name: 'prom', customerId })).body.token;
    });
    after(() => server.close());

    it('answers 400 naming the field for U+0000 in a body, also before signing in', async () => {
      const login = await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'a\u0000@example.test', password: 'x' },
      });
      assert.equal(login.status, 400);
      assert.equal(((await login.json()) as ErrorAnswer).error.field, 'email');
      const incident = await call('POST', '/api/v1/incidents', { title: 'Ransom\u0000note' });
      assert.equal(incident.status, 400);
      assert.equal(incident.body.error.field, 'title');
      assert.match(incident.body.error.message, /title must not contain the NUL character/);
    });

    it('answers 400 to an alert with U+0000 in a label, so Alertmanager does not retry it for ever', async () => {
      const alert = { title: 'Disk full', labels: { alertname: 'Disk\u0000Full' }, status: 'firing' };
      const res = await server.request('POST', '/api/v1/alerts', { token: sourceToken, body: [alert] });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as ErrorAnswer).error.field, '0.labels.alertname');
      const key = await server.request('POST', '/api/v1/alerts', {
        token: sourceToken,
        body: { ...alert, labels: { 'alert\u0000name': 'x' } },
      });
      assert.equal(key.status, 400, 'a field name with U+0000 is refused too');
    });

    it('answers 404 for an id in the path with U+0000, 400 for a query value', async () => {
      assert.equal((await call('GET', '/api/v1/incidents/a%00b')).status, 404);
      assert.equal((await call('POST', '/api/v1/incidents/a%00b/notes', { body: 'x' })).status, 404);
      assert.equal((await call('DELETE', '/api/v1/alert-rules/%00')).status, 404);
      const query = await call('GET', '/api/v1/incidents?q=a%00b');
      assert.equal(query.status, 400);
      assert.equal(query.body.error.field, 'q');
    });

    it('answers 400 to lone surrogates and to bytes that are not UTF-8', async () => {
      const surrogate = await call('POST', '/api/v1/incidents', '{"title":"half a pair \\ud800"}');
      assert.equal(surrogate.status, 400);
      assert.equal(surrogate.body.error.field, 'title');
      const paired = await call(
        'POST',
        '/api/v1/incidents',
        `{"title":"a whole pair \\ud83d\\ude00","customerId":"${customerId}"}`,
      );
      assert.equal(paired.status, 201, JSON.stringify(paired.body));
      assert.equal(paired.body.title, 'a whole pair 😀');
      const bytes = await fetch(`${server.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]),
      });
      assert.equal(bytes.status, 400);
      assert.match(((await bytes.json()) as ErrorAnswer).error.message, /not valid UTF-8/);
    });

    it('bounds every integer of a request to what the database holds', async () => {
      const rule = { name: 'r', customerId, match: {}, groupBy: [], windowMinutes: 5, action: 'triage' };
      for (const position of [2 ** 64, 2 ** 31, -(2 ** 63), 2 ** 31 - 1]) {
        const res = await call('POST', '/api/v1/alert-rules', { ...rule, position });
        assert.equal(res.status, 400, `position ${position}`);
        assert.equal(res.body.error.field, 'position');
      }
      const last = await call('POST', '/api/v1/alert-rules', { ...rule, position: 1_000_000 });
      assert.equal(last.status, 201, 'the highest position a rule may ask for');
      assert.equal((await call('POST', '/api/v1/alert-rules', rule)).status, 201, 'a rule appended after it still fits');
      assert.equal((await call('GET', '/api/v1/triage?limit=1e308')).status, 400);
      const spec = (await call('GET', '/api/v1/openapi.json')).body;
      const schema = spec.paths['/api/v1/alert-rules'].post.requestBody.content['application/json'].schema;
      assert.equal(schema.properties.position.maximum, 1_000_000, 'the OpenAPI document states the bound');
      const notes = spec.paths['/api/v1/incidents/{id}/transitions'].post.requestBody.content['application/json'].schema;
      assert.equal(notes.properties.expectedVersion.maximum, 2 ** 31 - 1, "an integer without its own bound gets the column's");
    });

    it('answers 403 to a malformed Origin and to another scheme or host, and takes its own origin', async () => {
      const post = (origin: string) =>
        server.request('POST', '/api/v1/incidents', {
          body: { title: 'From a page', customerId },
          headers: { cookie, 'x-muster-csrf': '1', origin },
        });
      const own = new URL(server.url);
      for (const origin of ['http://[', 'not a url', `https://${own.host}`, `http://${own.hostname}:1`, 'https://evil.example']) {
        const res = await post(origin);
        assert.equal(res.status, 403, origin);
        assert.equal(((await res.json()) as ErrorAnswer).error.code, 'forbidden');
      }
      assert.equal((await post(own.origin)).status, 201);
      assert.equal((await post('null')).status, 201, 'privacy-sensitive contexts send "null"; the CSRF header still counts');
    });
  });
}

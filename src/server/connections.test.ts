import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from './core/config.ts';
import { type RawConnection, rawConnection, within } from './testing/raw-http.ts';
import { connectSse } from './testing/sse-client.ts';
import { testDialects } from './testing/test-db.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

// Short timeouts, so that each case takes about a second; the defaults are 30 s, 10 s, 10 s and 60 s.
const REQUEST_TIMEOUT_MS = 1000;
const HEADERS_TIMEOUT_MS = 600;
const KEEP_ALIVE_TIMEOUT_MS = 300;
// Node adds up to 1 s to the keep-alive timeout, and checks the header and request timeouts every 150 ms here.
const MARGIN_MS = 1500;

for (const dialect of await testDialects()) {
  describe(`connections on ${dialect}`, () => {
    let server: TestServer;
    let token: string;
    const opened: RawConnection[] = [];
    const connect = async () => {
      const connection = await rawConnection(server.url);
      opened.push(connection);
      return connection;
    };

    before(async () => {
      server = await startTestServer({
        dialect,
        env: {
          REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
          KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
        },
      });
      token = await server.userToken('responder');
    });
    after(async () => {
      for (const connection of opened) connection.socket.destroy();
      await server.close();
    });

    it('closes a connection that sends no request within the headers timeout', async () => {
      const connection = await connect();
      const closed = await within(connection.closed, HEADERS_TIMEOUT_MS + MARGIN_MS, null);
      assert.ok(closed, 'the connection is still open');
      assert.match(closed.text, /^HTTP\/1\.1 408 /);
    });

    it('ends a request whose body stalls with 408 once the request timeout has passed', async () => {
      const connection = await connect();
      connection.write(
        `POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title": "Slow',
      );
      const closed = await within(connection.closed, REQUEST_TIMEOUT_MS + MARGIN_MS, null);
      assert.ok(closed, 'the stalled request is still open');
      assert.match(closed.text, /^HTTP\/1\.1 408 /);
      assert.match(closed.text, /"code":"invalid","message":"The request did not arrive in time/);
      assert.ok(closed.afterMs >= REQUEST_TIMEOUT_MS - 50, `ended after ${closed.afterMs} ms, before the timeout`);
      const incidents = (await (await server.request('GET', '/api/v1/incidents', { token })).json()) as { items: unknown[] };
      assert.equal(incidents.items.length, 0, 'nothing was stored from the partial body');
    });

    it('closes a keep-alive connection that stays idle after its answer', async () => {
      const connection = await connect();
      connection.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const closed = await within(connection.closed, KEEP_ALIVE_TIMEOUT_MS + MARGIN_MS, null);
      assert.ok(closed, 'the idle connection is still open');
      assert.match(closed.text, /^HTTP\/1\.1 200 /);
      assert.match(closed.text, /keep-alive/i, 'the answer kept the connection open at first');
    });

    it('keeps the live stream open past the request, header and keep-alive timeouts', async () => {
      const stream = await connectSse(`${server.url}/api/v1/stream`, { authorization: `Bearer ${token}` });
      try {
        await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + MARGIN_MS));
        const created = await server.request('POST', '/api/v1/incidents', { token, body: { title: 'Seen on the stream' } });
        assert.equal(created.status, 201);
        const [message] = await stream.waitFor(1, 5000);
        assert.equal(message.event, 'timeline');
        assert.match(message.data, /incident\.reported|Seen on the stream/);
      } finally {
        stream.close();
      }
    });
  });
}

for (const dialect of await testDialects()) {
  describe(`the idle timeout on ${dialect}`, () => {
    const IDLE_TIMEOUT_MS = 400;
    let server: TestServer;
    let token: string;
    before(async () => {
      server = await startTestServer({ dialect, connections: { idleTimeoutMs: IDLE_TIMEOUT_MS } });
      token = await server.userToken('responder');
    });
    after(() => server.close());

    it('closes a connection whose request body stops arriving, well before the request timeout', async () => {
      const connection = await rawConnection(server.url);
      connection.write(
        `POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title": "Slow',
      );
      const closed = await within(connection.closed, IDLE_TIMEOUT_MS + MARGIN_MS, null);
      connection.socket.destroy();
      assert.ok(closed, 'the stalled request is still open');
    });

    if (dialect === 'postgres') {
      it('keeps the connection of a request that waits for the server longer than the idle timeout, and answers it', async () => {
        const incident = (await (
          await server.request('POST', '/api/v1/incidents', { token, body: { title: 'Slow answer' } })
        ).json()) as { id: string };
        // Another session holds the events table, so that the note waits in the database for three idle timeouts.
        const blocker = server.testDb.openAnother();
        try {
          const held = blocker.db.transaction().execute(async (tx) => {
            await sql`lock table events in share mode`.execute(tx);
            await new Promise((r) => setTimeout(r, IDLE_TIMEOUT_MS * 3));
          });
          await new Promise((r) => setTimeout(r, 50));
          const started = performance.now();
          const res = await server.request('POST', `/api/v1/incidents/${incident.id}/notes`, {
            token,
            body: { body: 'after the wait' },
          });
          assert.equal(res.status, 201, await res.text());
          assert.ok(performance.now() - started > IDLE_TIMEOUT_MS * 2, 'the note did not wait');
          await held;
        } finally {
          await blocker.close();
        }
      });
    }
  });
}

describe('connection settings', () => {
  it('default to 30 s for a request, 10 s for headers and for an idle keep-alive connection, 60 s idle', () => {
    assert.deepEqual(loadConfig({}).connections, {
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
    });
  });

  it('refuse a headers timeout longer than the request timeout, and an idle timeout that would cut the stream', () => {
    assert.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' }), /HEADERS_TIMEOUT_MS/);
    assert.throws(() => loadConfig({ IDLE_TIMEOUT_MS: '15000' }), /IDLE_TIMEOUT_MS must be longer than 15000/);
    assert.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: 'soon' }), /REQUEST_TIMEOUT_MS must be a positive number/);
  });
});

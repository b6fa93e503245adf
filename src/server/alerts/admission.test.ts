import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type RawConnection, rawConnection, within } from '../testing/raw-http.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { admissionGate } from './admission.ts';

const BUDGET = 256 * 1024;
const REQUEST_TIMEOUT_MS = 1500;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150)); // the server has read what was sent

/** A JSON array of alerts of at least `bytes` bytes. */
function batch(bytes: number, label: string): string {
  const alerts: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const alert = {
      title: `Disk full on ${label}-${i}`,
      labels: { alertname: 'DiskFull', instance: `${label}-${i}` },
      status: 'firing',
    };
    size += JSON.stringify(alert).length + 1;
    alerts.push(alert);
  }
  return JSON.stringify(alerts);
}

describe('alert bodies waiting for their turn to be parsed', () => {
  /** A request of `bytes` through the gate: what reaches the parser, and its answer's end. */
  async function through(gate: ReturnType<typeof admissionGate>, bytes: number) {
    const request = { headers: { 'content-length': String(bytes) } } as unknown as FastifyRequest;
    const raw = new EventEmitter();
    const reply = { raw } as unknown as FastifyReply;
    gate.admit(request, reply, 'source');
    const parser = (await gate.count(
      request,
      reply,
      Readable.from([Buffer.alloc(bytes / 2), Buffer.alloc(bytes / 2)]),
    )) as Readable;
    const received: Buffer[] = [];
    parser.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => parser.on('end', resolve));
    return { request, received, ended, answered: () => raw.emit('close') };
  }
  const turnsPass = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('passes bodies on to be parsed while they fit the allowance, and keeps the rest as received until answers make room', async () => {
    const gate = admissionGate(10_000_000, { parseAheadBytes: 1000 });
    const first = await through(gate, 600);
    const second = await through(gate, 300);
    const third = await through(gate, 600);
    await Promise.all([first.ended, second.ended]);
    await turnsPass();
    assert.equal(third.received.length, 0, 'the third body does not fit beside the first two: none of it is parsed yet');
    assert.equal(gate.pendingBytes(), 1500, 'a body kept as received still counts against the budget');
    first.answered();
    await third.ended;
    assert.equal(Buffer.concat(third.received).length, 600, 'once the first is answered, the third passes whole');
    second.answered();
    third.answered();
    assert.equal(gate.pendingBytes(), 0);
  });

  it('makes room when a body is taken into a write, before its answer has gone', async () => {
    const gate = admissionGate(10_000_000, { parseAheadBytes: 1000 });
    const first = await through(gate, 800);
    const second = await through(gate, 800);
    await first.ended;
    await turnsPass();
    assert.equal(second.received.length, 0);
    gate.taken(first.request);
    await second.ended;
    assert.equal(gate.pendingBytes(), 1600, 'the first body still counts against the budget until it is answered');
  });

  it('answers a request refused before its body is read only after a pause, so that a sender retrying at once is not read at full speed', async () => {
    const gate = admissionGate(1000, { refusalPauseMs: 200 });
    const holder = await through(gate, 900);
    await holder.ended;
    const raw = new PassThrough();
    raw.write(Buffer.alloc(300)); // what Node read of the body before the request was refused
    const request = { headers: { 'content-length': '500' }, raw } as unknown as FastifyRequest;
    const reply = { raw: new EventEmitter() } as unknown as FastifyReply;
    const started = performance.now();
    const refused = assert.rejects(gate.admit(request, reply, 'source'), { statusCode: 503 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(raw.readableLength, 0, 'what was read of the body is not held through the pause');
    raw.write(Buffer.alloc(200)); // the rest, arriving during the pause
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(raw.readableLength, 0, 'what arrives during the pause is dropped as it arrives');
    await refused;
    assert.ok(performance.now() - started >= 195, `refused after ${performance.now() - started} ms`);
    holder.answered();
    await gate.admit(request, reply, 'source'); // with the budget free again it is admitted at once
  });

  it('parses a body larger than the allowance when it is alone, and one that waited is let go when its client leaves', async () => {
    const gate = admissionGate(10_000_000, { parseAheadBytes: 1000 });
    const large = await through(gate, 4000);
    await large.ended;
    const waiting = await through(gate, 400);
    const after = await through(gate, 400);
    await turnsPass();
    assert.equal(waiting.received.length + after.received.length, 0);
    waiting.answered(); // its client went away while it waited
    large.answered();
    await after.ended;
    assert.equal(waiting.received.length, 0, 'a body whose client left is never parsed');
  });
});

for (const dialect of await testDialects()) {
  describe(`alert admission on ${dialect}`, () => {
    let server: TestServer;
    const tokens: Record<'a' | 'a2' | 'b', string> = { a: '', a2: '', b: '' };
    const open: RawConnection[] = [];

    /** Starts a post from a source that declares `declared` bytes, sends `sent` of them and stalls. */
    const stall = async (token: string, declared: number, sent: string) => {
      const connection = await rawConnection(server.url);
      open.push(connection);
      connection.write(
        `POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`,
      );
      return connection;
    };
    const post = (token: string, body: string) =>
      fetch(`${server.url}/api/v1/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });

    before(async () => {
      server = await startTestServer({
        dialect,
        worker: { autoStart: false },
        env: {
          ALERT_MAX_PENDING_BYTES: String(BUDGET),
          REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          HEADERS_TIMEOUT_MS: '1000',
        },
      });
      const admin = await server.userToken('admin');
      const call = async (url: string, body: unknown) =>
        (await server.request('POST', url, { token: admin, body })).json() as Promise<{ id: string; token: string }>;
      const nordlys = await call('/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'UTC' });
      const fjord = await call('/api/v1/customers', { name: 'Fjord Bank', code: 'FJB', timeZone: 'UTC' });
      tokens.a = (await call('/api/v1/alert-sources', { name: 'prometheus-a', customerId: nordlys.id })).token;
      tokens.a2 = (await call('/api/v1/alert-sources', { name: 'prometheus-a2', customerId: nordlys.id })).token;
      tokens.b = (await call('/api/v1/alert-sources', { name: 'prometheus-b', customerId: fjord.id })).token;
    });
    after(async () => {
      for (const connection of open) connection.socket.destroy();
      await server.close();
    });

    it('counts the bytes received: bodies that declare 4 MB and stall block no one', async () => {
      const stalled = await Promise.all(Array.from({ length: 4 }, () => stall(tokens.a, 4_000_000, '[')));
      await settle();
      for (const [name, token] of Object.entries(tokens)) {
        const response = await post(token, batch(20_000, name));
        assert.equal(response.status, 202, `source ${name}: ${response.status} ${await response.text()}`);
      }
      for (const connection of stalled) connection.socket.destroy();
    });

    it('gives a source within its share room taken by a source that sent real bytes and stalled', async () => {
      // Source a holds (nearly) the whole budget in bodies it never finishes.
      const stalled = [await stall(tokens.a, BUDGET, batch(BUDGET - 20_000, 'a1').slice(0, -1))];
      await settle();
      stalled.push(await stall(tokens.a, BUDGET, batch(BUDGET / 2, 'a2').slice(0, -1)));
      await settle();
      const refused = await post(tokens.a, batch(50_000, 'a3'));
      assert.equal(refused.status, 503, 'source a is over its share while the budget is full');
      assert.equal(refused.headers.get('retry-after'), '1');
      // Another customer's source, and another source of the same customer, still get in: a's stalled bodies
      // are given up for them.
      for (const token of [tokens.b, tokens.a2]) {
        const response = await post(token, batch(BUDGET / 3, 'fair'));
        assert.equal(response.status, 202, `${response.status} ${await response.text()}`);
      }
      for (const connection of stalled) connection.socket.destroy();
    });

    it('answers a request refused before its body is read with a 503 on a connection that then serves the next request', async () => {
      const stalled = await stall(tokens.a, BUDGET, batch(BUDGET - 20_000, 'holder').slice(0, -1));
      await settle();
      const body = batch(400_000, 'refused'); // more than Node reads at once: most of it is still unread when refused
      const connection = await rawConnection(server.url);
      open.push(connection);
      const started = performance.now();
      connection.write(
        `POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.a}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      connection.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const answered = () => connection.received().match(/HTTP\/1\.1 \d+/g) ?? [];
      while (answered().length < 2 && performance.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(
        answered(),
        ['HTTP/1.1 503', 'HTTP/1.1 200'],
        connection.received().replace(/content-security-policy.*\n/, ''),
      );
      assert.ok(performance.now() - started >= 240, 'the refusal waited for its pause');
      stalled.socket.destroy();
    });

    it('ends a stalled body after the request timeout, and frees what it held', async () => {
      const stalled = await stall(tokens.a, BUDGET, batch(BUDGET - 20_000, 'slow').slice(0, -1));
      await settle();
      const refused = await post(tokens.a, batch(50_000, 'meanwhile'));
      assert.equal(refused.status, 503, 'the budget is held by the stalled body');
      const closed = await within(stalled.closed, REQUEST_TIMEOUT_MS + 2000, null);
      assert.ok(closed, 'the stalled body is still being waited for');
      assert.match(closed.text, /^HTTP\/1\.1 408 /);
      const after = await post(tokens.a, batch(50_000, 'after'));
      assert.equal(after.status, 202, 'the budget it held is free again');
    });
  });
}

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { ErrorAnswer } from './testing/error-answer.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

describe('serving the web interface', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ web: true });
  });
  after(() => server.close());

  it('answers client-side routes with the app', async () => {
    for (const path of ['/', '/incidents/INC-2026-0001', '/login']) {
      const res = await server.request('GET', path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    }
  });

  it('answers a missing file with 404, not the app', async () => {
    assert.equal((await server.request('GET', '/assets/missing-chunk.js')).status, 404);
  });

  it('answers an unknown API route with a JSON error', async () => {
    const token = await server.userToken('viewer');
    const res = await server.request('GET', '/api/v1/nothing-here', { token });
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as ErrorAnswer).error.code, 'not_found');
  });
});

describe('serving the web interface compressed', () => {
  let server: TestServer;
  let script: string;
  before(async () => {
    server = await startTestServer({ web: true });
    const html = await (await fetch(`${server.url}/login`, { headers: { 'accept-encoding': 'identity' } })).text();
    script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(script, /^\/assets\/index-[\w-]+\.js$/, 'the page names its hashed entry script');
  });
  after(() => server.close());

  /** fetch() would decode the body and hide what went over the wire, so the raw bytes are read with node:http. */
  function get(path: string, acceptEncoding: string) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        http
          .get(`${server.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      },
    );
  }

  it('sends a hashed asset as brotli to a browser that accepts it, cached for a year', async () => {
    const plain = await get(script, 'identity');
    const res = await get(script, 'gzip, deflate, br, zstd');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(res.body.length < plain.body.length / 3, `${res.body.length} bytes compressed, ${plain.body.length} plain`);
    assert.deepEqual(zlib.brotliDecompressSync(res.body), plain.body);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const plain = await get(script, 'identity');
    const res = await get(script, 'gzip');
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(res.body), plain.body);
  });

  it('sends the file as it is when no compression is accepted', async () => {
    const res = await get(script, 'identity');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.match(res.body.toString('utf8', 0, 200), /import|function|const|var/);
  });

  it('sends the app for a client-side route compressed too, never cached', async () => {
    const res = await get('/deadlines', 'br');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(zlib.brotliDecompressSync(res.body).toString(), /<div id="root">/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

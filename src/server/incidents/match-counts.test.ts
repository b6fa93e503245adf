import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The list's count of matches is kept between requests on SQLite (match-counts.ts) until anything changes.
for (const dialect of await testDialects()) {
  describe(`GET /api/v1/incidents total on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let viewer: string;
    const total = async (token: string, query = '') => {
      const res = await server.request('GET', `/api/v1/incidents?limit=2${query}`, { token });
      assert.equal(res.status, 200);
      return ((await res.json()) as { total: number }).total;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      viewer = await server.userToken('viewer');
      for (let i = 0; i < 5; i++) {
        const res = await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: `Counted ${i}` } });
        assert.equal(res.status, 201);
      }
    });
    after(() => server.close());

    it('counts what matches after every change: through the API, and written by another connection', async () => {
      assert.equal(await total(viewer), 5);
      assert.equal(await total(viewer), 5, 'asked again');
      assert.equal(await total(viewer, '&status=assessing'), 0);
      const created = await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: 'One more' } });
      const { id } = (await created.json()) as { id: string };
      assert.equal(await total(viewer), 6, 'a new incident counts at once');
      // Another connection (another process, a command-line tool) makes one TLP:RED: the viewer is not on its list.
      const other = server.testDb.openAnother();
      try {
        await other.db.updateTable('incidents').set({ tlp: 'TLP:RED' }).where('id', '=', id).execute();
      } finally {
        await other.close();
      }
      assert.equal(await total(viewer), 5, 'a change by another connection counts at once');
      assert.equal(await total(admin), 6, 'each reader their own count');
    });
  });
}

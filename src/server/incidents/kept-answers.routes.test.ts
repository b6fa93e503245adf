import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The list and the timeline are kept until the database changes (core/db/kept-until-changed.ts): asked again,
// they must still show every change at once, whoever made it, and to each reader only what they may see.
for (const dialect of await testDialects()) {
  describe(`kept list and timeline answers on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let viewer: string;
    let id: string;
    const get = async (token: string, path: string) => {
      const res = await server.request('GET', path, { token });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const titles = async (token: string) =>
      ((await get(token, '/api/v1/incidents')).body.items as { title: string }[]).map((i) => i.title);
    const eventTypes = async (token: string) => {
      const { status, body } = await get(token, `/api/v1/incidents/${id}/timeline`);
      return status === 200 ? (body.events as { type: string }[]).map((e) => e.type) : status;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      viewer = await server.userToken('viewer');
      const res = await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: 'Kept' } });
      id = ((await res.json()) as { id: string }).id;
    });
    after(() => server.close());

    it('shows a note in the timeline, and the changed title in the list, as soon as they are made', async () => {
      const types = await eventTypes(viewer);
      assert.deepEqual(await eventTypes(viewer), types, 'asked twice, nothing changed');
      assert.deepEqual(await titles(viewer), ['Kept']);
      const note = await server.request('POST', `/api/v1/incidents/${id}/notes`, { token: admin, body: { body: 'hi' } });
      assert.equal(note.status, 201);
      assert.deepEqual(await eventTypes(viewer), [...(types as string[]), 'note.added']);
      const patch = await server.request('PATCH', `/api/v1/incidents/${id}`, { token: admin, body: { title: 'Renamed' } });
      assert.equal(patch.status, 200);
      assert.deepEqual(await titles(viewer), ['Renamed']);
    });

    it('hides what another connection makes TLP:RED from a reader not on its list, and keeps showing it to an admin', async () => {
      assert.equal((await eventTypes(viewer)) === 404, false);
      assert.equal((await eventTypes(admin)) === 404, false);
      const other = server.testDb.openAnother();
      try {
        // Both the column and the state the access check reads, as a restore or a second instance would leave them.
        const row = await other.db.selectFrom('incidents').select('state').where('id', '=', id).executeTakeFirstOrThrow();
        const state = JSON.stringify({ ...JSON.parse(row.state), tlp: 'TLP:RED' });
        await other.db.updateTable('incidents').set({ tlp: 'TLP:RED', state }).where('id', '=', id).execute();
      } finally {
        await other.close();
      }
      assert.equal(await eventTypes(viewer), 404);
      assert.deepEqual(await titles(viewer), []);
      assert.notEqual(await eventTypes(admin), 404);
      assert.deepEqual(await titles(admin), ['Renamed']);
    });

    it('shows an event altered in the database behind the server as it is stored now', async () => {
      const other = server.testDb.openAnother();
      try {
        await other.db
          .updateTable('events')
          .set({ data: '{"body":"altered"}' })
          .where('stream_id', '=', id)
          .where('type', '=', 'note.added')
          .execute();
      } finally {
        await other.close();
      }
      const { body } = await get(admin, `/api/v1/incidents/${id}/timeline`);
      const note = (body.events as { type: string; data: { body: string } }[]).find((e) => e.type === 'note.added');
      assert.equal(note?.data.body, 'altered');
    });
  });
}

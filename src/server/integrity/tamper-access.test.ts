import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tamperFixture } from '../testing/tamper-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

// Each test edits the database directly, as someone with access to it would, then expects both `verify` (the
// real process) and the integrity endpoint to name what was changed; then it puts the data back.
for (const dialect of await testDialects()) {
  describe(`tamper detection of who may read and who holds a role on ${dialect}`, () => {
    const f = tamperFixture(dialect);
    const { call, rawSql, integrity, report, brokenLines, assertClean } = f;

    it("catches a person slipped onto a TLP:RED incident's access list, or taken off it", async () => {
      const { id, key } = await report({ title: 'Board member phished', tlp: 'TLP:RED' });
      await f.server.userToken('viewer', 'Mallory Outsider');
      const [mallory] = await rawSql('select id from users where name = ?', 'Mallory Outsider');
      const [reporter] = await rawSql('select * from incident_access where incident_id = ?', id);
      assert.equal(reporter.reason, 'reporter');
      await assertClean();

      await rawSql(
        'insert into incident_access (incident_id, user_id, user_name, reason, added_by_id, added_by_name, added_at) values (?, ?, ?, ?, ?, ?, ?)',
        id,
        mallory.id,
        'Mallory Outsider',
        'added',
        reporter.user_id,
        reporter.user_name,
        reporter.added_at,
      );
      const slipped = `"Mallory Outsider" (${mallory.id}) is on its access list (incident_access) but its timeline never let them in`;
      assert.deepEqual(await brokenLines(), [`BROKEN ${key}: ${slipped}`]);
      assert.equal((await integrity(id)).problem, slipped);
      await rawSql('delete from incident_access where incident_id = ? and user_id = ?', id, mallory.id);

      await rawSql('update incident_access set reason = ? where incident_id = ?', 'break-glass', id);
      assert.match(
        (await brokenLines())[0],
        /the access list's reason for .* \(incident_access\.reason\) is "break-glass" but its timeline says "reporter"$/,
      );
      await rawSql('delete from incident_access where incident_id = ?', id);
      assert.deepEqual(await brokenLines(), [
        `BROKEN ${key}: ${reporter.user_id} should be on its access list (incident_access) by its timeline (reporter) but is not`,
      ]);
      await rawSql(
        'insert into incident_access (incident_id, user_id, user_name, reason, added_by_id, added_by_name, added_at) values (?, ?, ?, ?, ?, ?, ?)',
        ...['incident_id', 'user_id', 'user_name', 'reason', 'added_by_id', 'added_by_name', 'added_at'].map((c) => reporter[c]),
      );
      await assertClean();
    });

    it('catches an incident\'s role holders (its "Mine" for them) edited in incident_roles', async () => {
      const { id, key } = await report({ title: 'Who leads this' });
      await f.server.memberToken(f.acme.id, 'responder', 'Dana Deputy');
      const [dana] = await rawSql('select id from users where name = ?', 'Dana Deputy');
      const [ada] = await rawSql("select user_id as id from incident_access where incident_id = ? and reason = 'reporter'", id);
      const given = await call('PUT', `/api/v1/incidents/${id}/roles/deputy`, { userId: dana.id });
      assert.equal(given.status, 200, JSON.stringify(given.body));
      await assertClean();
      await rawSql('update incident_roles set holder = ? where incident_id = ?', ada.id, id);
      const moved = `its role deputy is held by "${ada.id}" in incident_roles but its timeline gives it to "${dana.id}"`;
      assert.deepEqual(await brokenLines(), [
        `BROKEN ${key}: ${moved}; its role deputy, given to "${dana.id}" by its timeline, is missing from incident_roles`,
      ]);
      assert.match((await integrity(id)).problem, /its role deputy is held by/);
      await rawSql('update incident_roles set holder = ? where incident_id = ?', dana.id, id);
      await assertClean();
    });
  });
}

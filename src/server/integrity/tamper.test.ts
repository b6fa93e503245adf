import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SEARCH_MIGRATION_NAMES, searchMigrationDown } from '../core/db/search-migrations.ts';
import type { EventRow } from '../core/events/events.queries.ts';
import { hashEvent } from '../core/events/hash-chain.ts';
import { MAIN, runFile } from '../testing/serve-process.ts';
import { tamperFixture } from '../testing/tamper-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

// Each test edits the database directly, as someone with access to it would, then expects both `verify` (the
// real process) and the integrity endpoint to name what was changed; then it puts the data back.
for (const dialect of await testDialects()) {
  describe(`tamper detection on ${dialect}`, () => {
    const f = tamperFixture(dialect);
    const { call, rawSql, verify, integrity, report, brokenLines, assertClean } = f;

    it('catches an incident moved to another customer by editing incidents.customer_id', async () => {
      const { id, key } = await report();
      await assertClean();
      await rawSql('update incidents set customer_id = ? where id = ?', f.bravo.id, id);
      assert.deepEqual(await brokenLines(), [
        `BROKEN ${key}: its customer (incidents.customer_id) is "${f.bravo.id}" but its timeline says "${f.acme.id}"`,
      ]);
      const verdict = await integrity(id);
      assert.equal(verdict.valid, false);
      assert.match(verdict.problem, /customer \(incidents\.customer_id\)/);
      await rawSql('update incidents set customer_id = ? where id = ?', f.acme.id, id);
      assert.equal((await integrity(id)).valid, true);
    });

    it('catches an edited incidents.title, and a title edited in the state too', async () => {
      const { id, key } = await report({ title: 'Ransom note on the file server' });
      await rawSql('update incidents set title = ? where id = ?', 'Printer jam', id);
      assert.deepEqual(await brokenLines(), [
        `BROKEN ${key}: its title (incidents.title) is "Printer jam" but its timeline says "Ransom note on the file server"`,
      ]);
      assert.match((await integrity(id)).problem, /title \(incidents\.title\) is "Printer jam"/);
      const [{ state }] = await rawSql('select state from incidents where id = ?', id);
      await rawSql(
        'update incidents set state = ? where id = ?',
        JSON.stringify({ ...JSON.parse(state), title: 'Printer jam' }),
        id,
      );
      assert.match((await brokenLines())[0], /the stored state \(incidents\.state\) title is "Printer jam"/);
      await rawSql('update incidents set title = ?, state = ? where id = ?', 'Ransom note on the file server', state, id);
    });

    it('catches an event filed under another customer by editing events.customer_id', async () => {
      const { id, key } = await report();
      await call('POST', `/api/v1/incidents/${id}/notes`, { body: 'Isolated the host' });
      await rawSql('update events set customer_id = ? where stream_id = ? and seq = 2', f.bravo.id, id);
      assert.deepEqual(await brokenLines(), [
        `BROKEN ${key}: first broken link at event #2: event #2 is filed under customer ${f.bravo.id} (events.customer_id), but by its stream the incident belonged to customer ${f.acme.id} then`,
      ]);
      const verdict = await integrity(id);
      assert.equal(verdict.valid, false);
      assert.equal(verdict.firstInvalidSeq, 2);
      await rawSql('update events set customer_id = ? where stream_id = ? and seq = 2', f.acme.id, id);
    });

    it("catches a registry record's stored data edited in records.data", async () => {
      const { id } = await report();
      const [{ data }] = await rawSql('select data from records where id = ?', f.acme.id);
      await rawSql(
        'update records set data = ? where id = ?',
        JSON.stringify({ ...JSON.parse(data), timeZone: 'Asia/Tokyo' }),
        f.acme.id,
      );
      assert.deepEqual(await brokenLines(), [
        `BROKEN customer "Acme" (${f.acme.id}): the stored data (records.data) timeZone is "Asia/Tokyo" but its history says "UTC"`,
      ]);
      // The incident links Acme's plan, whose publication is on Acme's record.
      assert.match((await integrity(id)).problem, /the plan it links is broken: .*timeZone is "Asia\/Tokyo"/);
      await rawSql('update records set data = ? where id = ?', data, f.acme.id);
    });

    it('catches an edited triage event, on the item and on the incident it became', async () => {
      const alert = await call(
        'POST',
        '/api/v1/alerts',
        { title: 'Disk full', labels: { alertname: 'Disk' }, status: 'firing' },
        f.source,
      );
      const item = alert.body.alerts[0].groupId;
      const opened = await call('POST', `/api/v1/triage/${item}/open`, {});
      assert.equal(opened.status, 201);
      await assertClean();
      const [{ data }] = await rawSql('select data from events where stream_id = ? and seq = 1', item);
      await rawSql(
        'update events set data = ? where stream_id = ? and seq = 1',
        JSON.stringify({ ...JSON.parse(data), title: 'Nothing' }),
        item,
      );
      assert.deepEqual(await brokenLines(), [
        `BROKEN triage item ${item} ("Disk full"): first broken link at event #1: event #1 was altered after it was recorded`,
      ]);
      const verdict = await integrity(opened.body.incident.id);
      assert.equal(verdict.valid, false);
      assert.match(verdict.problem, new RegExp(`triage item ${item}, which it was taken from, is broken`));
      await rawSql('update events set data = ? where stream_id = ? and seq = 1', data, item);
      // The item's own row against its stream: its decision edited away.
      await rawSql("update triage_items set status = 'dismissed' where id = ?", item);
      assert.match((await brokenLines())[0], /its status \(triage_items\.status\) is "dismissed" but its stream says "incident"/);
      await rawSql("update triage_items set status = 'incident' where id = ?", item);
      await assertClean();
    });

    it("catches a published plan's snapshot edited, with or without its SHA-256", async () => {
      const { id, planVersionId } = await report();
      assert.ok(planVersionId);
      const [plan] = await rawSql('select snapshot, sha256 from plan_versions where id = ?', planVersionId);
      const forged = plan.snapshot.replace('Acme', 'Acne');
      assert.notEqual(forged, plan.snapshot);
      await rawSql('update plan_versions set snapshot = ? where id = ?', forged, planVersionId);
      const [line] = await brokenLines();
      assert.match(
        line,
        new RegExp(
          `^BROKEN plan version 1 of customer ${f.acme.id}: its snapshot \\(plan_versions.snapshot\\) no longer gives its SHA-256`,
        ),
      );
      assert.match((await integrity(id)).problem, /the plan it links is broken: plan version 1 .* no longer gives its SHA-256/);
      const { createHash } = await import('node:crypto');
      await rawSql(
        'update plan_versions set sha256 = ? where id = ?',
        createHash('sha256').update(forged).digest('hex'),
        planVersionId,
      );
      assert.match(
        (await brokenLines())[0],
        /is not the .* recorded when it was published: snapshot and SHA-256 were both replaced/,
      );
      assert.match((await integrity(id)).problem, /snapshot and SHA-256 were both replaced/);
      await rawSql('update plan_versions set snapshot = ?, sha256 = ? where id = ?', plan.snapshot, plan.sha256, planVersionId);
      await assertClean();
    });

    it('fills the head of existing triage items when the migration runs', async () => {
      const item = (
        await call('POST', '/api/v1/alerts', { title: 'CPU', labels: { alertname: 'CPU' }, status: 'firing' }, f.source)
      ).body.alerts[0].groupId;
      await call('POST', `/api/v1/triage/${item}/dismiss`, { reason: 'Load test' });
      const [head] = await rawSql('select seq, hash from events where stream_id = ? order by seq desc limit 1', item);
      assert.equal(head.seq, 2);
      // As the database was before the migration: no head columns, the migration not applied, nor those after it.
      for (const statement of searchMigrationDown(dialect)) await rawSql(statement);
      for (const name of SEARCH_MIGRATION_NAMES) await rawSql('delete from kysely_migration where name = ?', name);
      if (dialect === 'postgres') await rawSql('alter table events drop column xact_id');
      await rawSql("delete from kysely_migration where name like '0019_%'");
      await rawSql('drop table incident_metrics');
      await rawSql("delete from kysely_migration where name like '0018_%'");
      await rawSql('drop table review_actions');
      await rawSql('drop table reviews');
      await rawSql('alter table plan_versions drop column from_reviews');
      await rawSql("delete from kysely_migration where name like '0017_%'");
      await rawSql('drop table preservation_requests');
      await rawSql("delete from kysely_migration where name like '0016_%'");
      await rawSql('drop table observables');
      await rawSql("delete from kysely_migration where name like '0015_%'");
      await rawSql('drop index evidence_by_sha256');
      for (const column of [
        'storage',
        'description',
        'claimed_content_type',
        'custody_version',
        'custody_head',
        'verified_at',
        'verified_ok',
      ])
        await rawSql(`alter table evidence drop column ${column}`);
      await rawSql("delete from kysely_migration where name like '0014_%'");
      await rawSql('drop table connection_checks');
      await rawSql("delete from kysely_migration where name like '0013_%'");
      await rawSql('drop table tasks');
      await rawSql("delete from kysely_migration where name like '0012_%'");
      for (const index of ['incidents_by_updated', 'incidents_by_severity_rank', 'incidents_by_status_rank'])
        await rawSql(`drop index ${index}`);
      await rawSql('alter table incidents drop column severity_rank');
      await rawSql('alter table incidents drop column status_rank');
      await rawSql('alter table users drop column contact_id');
      await rawSql("delete from kysely_migration where name like '0011_%'");
      await rawSql('drop table incident_roles');
      await rawSql("delete from kysely_migration where name like '0010_%'");
      await rawSql('drop table invitations');
      await rawSql('alter table api_tokens drop column expires_at');
      await rawSql("delete from kysely_migration where name like '0009_%'");
      await rawSql('alter table triage_items drop column version');
      await rawSql('alter table triage_items drop column head_hash');
      await rawSql("delete from kysely_migration where name like '%tamper_triage_heads'");
      await assertClean(); // verify migrates first
      const [row] = await rawSql('select version, head_hash from triage_items where id = ?', item);
      assert.deepEqual([Number(row.version), row.head_hash], [2, head.hash]);
    });

    it('catches a whole chain rewritten consistently only against an anchor taken before', async () => {
      const { id, key } = await report({ title: 'Data exfiltration' });
      await call('POST', `/api/v1/incidents/${id}/notes`, { body: 'Gigabytes left over DNS' });
      const anchored = await runFile(process.execPath, [MAIN, 'anchor'], { env: f.env });
      const file = path.join(f.dir, 'anchor.txt');
      fs.writeFileSync(file, anchored.stdout);
      assert.match(anchored.stdout, new RegExp(`^incident ${id} 2 [0-9a-f]{64}$`, 'm'));
      assert.match(anchored.stdout, /^digest [0-9a-f]{64}\n$/m);
      assert.equal((await verify('--anchor', file)).code, 0);

      // Rewrite history as one with write access could: new title, every hash recomputed, the row to match.
      const events = await rawSql<EventRow>('select * from events where stream_id = ? order by seq', id);
      let prevHash = events[0].prev_hash;
      for (const e of events) {
        const data = e.seq === 1 ? { ...JSON.parse(e.data), title: 'Routine maintenance' } : JSON.parse(e.data);
        const fields = {
          streamId: id,
          seq: e.seq,
          type: e.type,
          actor: JSON.parse(e.actor),
          occurredAt: e.occurred_at,
          recordedAt: e.recorded_at,
          data,
          prevHash,
        };
        const hash = hashEvent(fields);
        await rawSql(
          'update events set data = ?, prev_hash = ?, hash = ? where stream_id = ? and seq = ?',
          JSON.stringify(data),
          prevHash,
          hash,
          id,
          e.seq,
        );
        prevHash = hash;
      }
      const [{ state }] = await rawSql('select state from incidents where id = ?', id);
      const rewritten = JSON.stringify({ ...JSON.parse(state), title: 'Routine maintenance' });
      await rawSql(
        'update incidents set title = ?, state = ?, head_hash = ? where id = ?',
        'Routine maintenance',
        rewritten,
        prevHash,
        id,
      );

      await assertClean(); // from inside, the rewrite cannot be told from the truth
      assert.equal((await integrity(id)).valid, true);
      const checked = await verify('--anchor', file);
      assert.equal(checked.code, 1);
      assert.match(checked.stdout, /^Checking against the anchor taken at .* digest [0-9a-f]{64}\)/);
      assert.match(
        checked.stdout,
        new RegExp(
          `^BROKEN ${key}: first broken link at event #2: event #2 is not the one anchored .*: the stream was rewritten after the anchor was taken$`,
          'm',
        ),
      );
      assert.match(checked.stdout, /, 1 broken\n$/);

      // An anchor that was itself changed is refused, not trusted.
      fs.writeFileSync(file, anchored.stdout.replace(`incident ${id} 2 `, `incident ${id} 1 `));
      const damaged = await verify('--anchor', file);
      assert.equal(damaged.code, 2);
      assert.match(damaged.stderr, /does not match its own digest/);
    });
  });
}

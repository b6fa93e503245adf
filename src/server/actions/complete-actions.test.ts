import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReviewAction } from '../../shared/review-types.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

for (const dialect of await testDialects()) {
  describe(`publishing the plan completes the review actions it carries out, on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    after(() => f.close());

    const draft = async (id: string, token?: string) => {
      const res = await f.call('POST', `/api/v1/actions/${id}/draft`, undefined, token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { action: ReviewAction; edit: { type: string; recordId?: string; customerId: string } };
    };
    const action = async (incidentId: string): Promise<ReviewAction[]> => {
      const res = await f.call('GET', `/api/v1/actions?status=all&incidentId=${encodeURIComponent(incidentId)}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items;
    };
    const publish = () => f.created(`/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' });

    it('closes the action whose playbook changed, leaves the untouched one open, and the version names the review', async () => {
      const inc = await f.incident({ title: 'Ransom note on the file server' });
      const changed: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Add the VPN logs to the ransomware playbook',
        target: { type: 'playbook', playbookId: 'ransomware' },
      });
      const untouched: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Look at the phishing playbook again',
        target: { type: 'playbook', playbookId: 'phishing-credential-theft' },
      });
      const notDrafted: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Someday the ransomware playbook again',
        target: { type: 'playbook', playbookId: 'ransomware' },
      });

      const opened = await draft(changed.id);
      assert.equal(opened.edit.type, 'playbook');
      assert.equal(opened.action.status, 'in-progress');
      assert.equal(opened.action.draft?.recordId, opened.edit.recordId);
      const copy = (await f.call('GET', `/api/v1/playbooks/${opened.edit.recordId}`)).body;
      assert.equal(copy.customerId, f.customer.id, 'the library’s playbook was copied for the customer');
      assert.equal(copy.slug, 'ransomware');
      const again = await draft(changed.id);
      assert.equal(again.edit.recordId, opened.edit.recordId, 'acting again opens the same draft');
      await draft(untouched.id);

      const edited = await f.call('PATCH', `/api/v1/playbooks/${opened.edit.recordId}`, {
        summary: `${copy.summary} Collect the VPN concentrator's logs first.`,
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));

      const version = await publish();
      assert.equal(version.version, 2);
      assert.deepEqual(version.fromReviews, [{ incidentId: inc.id, incidentKey: inc.key, actionIds: [changed.id] }]);
      const listed = (await f.call('GET', `/api/v1/customers/${f.customer.id}/plans`)).body.items;
      assert.deepEqual(listed[0].fromReviews, version.fromReviews, 'the plan version API shows where it came from');
      assert.deepEqual(listed[1].fromReviews, []);

      const after = new Map((await action(inc.id)).map((a) => [a.id, a]));
      assert.equal(after.get(changed.id)?.status, 'done');
      assert.equal(after.get(changed.id)?.planVersionId, version.id);
      assert.ok(after.get(changed.id)?.doneAt);
      assert.equal(after.get(untouched.id)?.status, 'in-progress', 'a drafted playbook published unchanged stays open');
      assert.equal(after.get(notDrafted.id)?.status, 'open', 'an action nobody acted on is not done by someone else’s edit');

      const completed = (await f.timeline(inc.id)).filter((e) => e.type === 'action.completed');
      assert.deepEqual(
        completed.map((e) => (e.data as { actionId: string; planVersionId: string }).actionId),
        [changed.id],
      );
      const [event] = await f.server.deps.database.db
        .selectFrom('events')
        .select('data')
        .where('stream_id', '=', f.customer.id)
        .where('type', '=', 'plan.published')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      assert.deepEqual(JSON.parse(event.data).fromReviews, version.fromReviews, 'plan.published names the reviews too');

      // Published again with nothing changed: still open, and this version comes from no review.
      const quiet = await publish();
      assert.deepEqual(quiet.fromReviews, []);
      const still = (await action(inc.id)).find((a) => a.id === untouched.id);
      assert.equal(still?.status, 'in-progress');
    });

    it('completes a plan action on any change to the plan, and not on a publish that changes nothing', async () => {
      const inc = await f.incident({ title: 'Nobody knew who to call' });
      const planAction: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Put the night shift in the plan',
        target: { type: 'plan' },
      });
      const opened = await draft(planAction.id);
      assert.deepEqual(opened.edit, { type: 'plan', customerId: f.customer.id });
      const unchanged = await publish();
      assert.deepEqual(unchanged.fromReviews, [], 'nothing in the plan changed: the action stays open');
      await f.created('/api/v1/contacts', {
        customerId: f.customer.id,
        name: 'Night shift',
        kind: 'function',
        role: 'Operations',
        channels: [{ type: 'email', address: 'night@nordlys.example' }],
      });
      const published = await publish();
      assert.deepEqual(published.fromReviews, [{ incidentId: inc.id, incidentKey: inc.key, actionIds: [planAction.id] }]);
      const [done] = await action(inc.id);
      assert.equal(done.status, 'done');
    });
  });
}

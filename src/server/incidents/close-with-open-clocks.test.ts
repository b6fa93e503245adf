import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AllowedTransition } from '../../shared/api-types.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { waiveReview } from '../testing/review-helpers.ts';
import { testDialects } from '../testing/test-db.ts';

const GDPR = 'GDPR: notify the supervisory authority of a personal data breach — Notification';

for (const dialect of await testDialects()) {
  describe(`closing an incident with its obligation clocks on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    after(() => f.close());

    /** A personal data breach (so the GDPR Art. 33 clock runs) taken through every stage up to its review. */
    const inReview = async (fields: Record<string, unknown> = {}) => {
      const inc = await f.incident({ personalData: true, title: 'Customer records on a paste site', ...fields });
      const go = async (path: string, body: unknown) => {
        const res = await f.call('POST', `/api/v1/incidents/${inc.id}/${path}`, body);
        assert.equal(res.status, 200, `${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        return res.body;
      };
      await go('transitions', { to: 'assessing', reason: 'Confirmed by the customer' });
      await f.lead(inc.id);
      const classified = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, {
        category: 'information-content-security/unauthorised-information-access',
        impact: { confidentiality: 'high', integrity: 'none', availability: 'none' },
      });
      assert.equal(classified.status, 200, JSON.stringify(classified.body));
      await go('transitions', { to: 'responding', reason: 'High confidentiality impact' });
      await go('milestones', { milestone: 'contained' });
      await go('transitions', { to: 'recovering' });
      await go('milestones', { milestone: 'resolved' });
      const reviewing = await go('transitions', { to: 'reviewing' });
      // These tests are about the clocks: the high-severity incident's review is waived so that only they block.
      await waiveReview(f.call, inc.id);
      return (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body ?? reviewing;
    };
    const closing = (incident: { allowedTransitions: AllowedTransition[] }) =>
      incident.allowedTransitions.find((t) => t.to === 'closed');
    const close = (id: string) => f.call('POST', `/api/v1/incidents/${id}/transitions`, { to: 'closed', reason: 'Review held' });

    it('refuses to close while the GDPR clock runs, naming it, and closes once it is waived with a reason', async () => {
      const inc = await inReview();
      const offered = closing(inc);
      assert.ok(offered?.blockedBy?.includes(GDPR), `the incident says what blocks closing: ${offered?.blockedBy}`);
      assert.match(offered?.blockedBy ?? '', /due \d{4}-\d\d-\d\d \d\d:\d\d UTC, running/);
      assert.deepEqual(
        offered?.openClocks?.map((c) => `${c.obligationId}/${c.stageId}`),
        ['gdpr-art-33/notification'],
      );

      const refused = await close(inc.id);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'conflict');
      assert.equal(refused.body.error.field, 'to');
      assert.ok(refused.body.error.message.includes(GDPR), refused.body.error.message);
      assert.match(refused.body.error.message, /running/);

      await f.created(`/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/waivers`, {
        reason: 'The records were encrypted with a key the attacker cannot have',
      });
      const now = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      assert.equal(closing(now)?.blockedBy, null);
      assert.deepEqual(closing(now)?.openClocks, []);
      const closed = await close(inc.id);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.status, 'closed');
    });

    it('closes once the submission is recorded', async () => {
      const inc = await inReview();
      assert.equal((await close(inc.id)).status, 409);
      await f.created(`/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`, {
        reference: 'DPA-2026-0042',
      });
      const closed = await close(inc.id);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
    });

    it('holds an exercise to the same rule: its clocks are the exercise’s', async () => {
      const inc = await inReview({ exercise: true });
      const refused = await close(inc.id);
      assert.equal(refused.status, 409);
      assert.ok(refused.body.error.message.includes(GDPR));
    });

    it('does not hold back dismissing a false positive', async () => {
      const inc = await f.incident({ personalData: true });
      const dismissed = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, {
        to: 'dismissed',
        reason: 'A test upload, no real records',
      });
      assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
    });
  });
}

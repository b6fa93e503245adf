import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Review } from '../../shared/review-types.ts';
import { verifyExport } from '../reports/export-signature.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { testDialects } from '../testing/test-db.ts';

const HOUR = 60 * MINUTE;
const HIGH = { confidentiality: 'high', integrity: 'none', availability: 'none' };
const LOW = { confidentiality: 'low', integrity: 'none', availability: 'none' };
const CATEGORY = 'information-content-security/unauthorised-information-access';

for (const dialect of await testDialects()) {
  describe(`the post-incident review on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    after(() => f?.close());
    beforeEach(() => f.reset());

    const ok = async (method: string, path: string, body?: unknown, status = 200) => {
      const res = await f.call(method, path, body);
      assert.equal(res.status, status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const go = (id: string, path: string, body: unknown = {}) => ok('POST', `/api/v1/incidents/${id}/${path}`, body);
    /** Reported, confirmed, led, classified with `impact`, responding: ready for work and clocks. */
    const responding = async (impact = HIGH, fields: Record<string, unknown> = {}) => {
      const inc = await f.incident({ title: 'Payroll export on a paste site', ...fields });
      await go(inc.id, 'transitions', { to: 'assessing', reason: 'Confirmed by the customer' });
      await f.lead(inc.id);
      await ok('PATCH', `/api/v1/incidents/${inc.id}`, { category: CATEGORY, impact });
      await go(inc.id, 'transitions', { to: 'responding', reason: 'Contain now' });
      return inc;
    };
    const toReview = async (id: string) => {
      await go(id, 'milestones', { milestone: 'contained' });
      await go(id, 'transitions', { to: 'recovering' });
      await go(id, 'milestones', { milestone: 'resolved' });
      return go(id, 'transitions', { to: 'reviewing' });
    };
    const review = (id: string): Promise<Review> => ok('GET', `/api/v1/incidents/${id}/review`);
    const close = (id: string) => f.call('POST', `/api/v1/incidents/${id}/transitions`, { to: 'closed' });

    it('opens a review on entering review, pre-filled with the missed clock and the overridden gate', async () => {
      const inc = await responding(HIGH, { personalData: true });
      const task = await ok(
        'POST',
        `/api/v1/incidents/${inc.id}/tasks`,
        { title: 'Reset the payroll service account', needsInstruction: true },
        201,
      );
      const reason = 'The customer could not be reached and the account was still in use by the attacker';
      await ok('PATCH', `/api/v1/tasks/${task.id}`, { status: 'done', overrideReason: reason });
      // GDPR Art. 33's 72 hours pass without the authority told: the clock is missed, then met late.
      f.advance(73 * HOUR);
      await f.work();
      await ok(
        'POST',
        `/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`,
        { reference: 'DPA-2026-0042' },
        201,
      );
      const entered = await toReview(inc.id);
      assert.equal(entered.status, 'reviewing');

      const shown = await review(inc.id);
      assert.equal(shown.status, 'open');
      assert.equal(shown.required, true, 'a high-severity incident needs its review by default');
      assert.equal(shown.version, 1);
      assert.deepEqual(shown.fields.participants, []);
      assert.deepEqual(
        shown.findings.missedClocks.map((c) => [`${c.obligationId}/${c.stageId}`, c.status, Boolean(c.missedAt)]),
        [['gdpr-art-33/notification', 'met-late', true]],
      );
      assert.deepEqual(
        shown.findings.overriddenGates.map((g) => [g.title, g.reason, g.taskId]),
        [['Reset the payroll service account', reason, task.id]],
      );
      const what = shown.findings.timeline.map((t) => t.what);
      for (const expected of ['DP1: incident', 'Contained', 'Resolved', 'Status recovering → reviewing']) {
        assert.ok(
          what.some((w) => w.startsWith(expected)),
          `the timeline summary has ${expected}: ${what.join(' | ')}`,
        );
      }
      assert.equal(shown.findings.firstCustomerReport.sentAt, null, 'the first report was a draft nobody sent');
      assert.deepEqual(shown.findings.tasksLeft, []);

      const events = await f.timeline(inc.id);
      const opened = events.filter((e) => e.type === 'review.opened');
      assert.equal(opened.length, 1);
      assert.deepEqual(opened[0].data, { required: true });
      assert.equal(events.at(-2)?.type, 'incident.transitioned', 'opened with the move, in its transaction');
    });

    it('saves the team’s fields with expectedVersion, records the change, and answers 409 when stale', async () => {
      const inc = await responding();
      await toReview(inc.id);
      const saved: Review = await ok('PUT', `/api/v1/incidents/${inc.id}/review`, {
        expectedVersion: 1,
        wentWell: 'The customer answered within minutes',
        participants: ['Ada Admin', ' Ola Kontakt '],
      });
      assert.equal(saved.version, 2);
      assert.equal(saved.fields.wentWell, 'The customer answered within minutes');
      assert.deepEqual(saved.fields.participants, ['Ada Admin', 'Ola Kontakt']);
      const updated = (await f.timeline(inc.id)).filter((e) => e.type === 'review.updated');
      assert.deepEqual(updated.at(-1)?.data, {
        changes: { wentWell: 'The customer answered within minutes', participants: ['Ada Admin', 'Ola Kontakt'] },
        previous: { wentWell: '', participants: [] },
      });

      const stale = await f.call('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 1, lessons: 'Late' });
      assert.equal(stale.status, 409, JSON.stringify(stale.body));
      assert.equal(stale.body.error.field, 'expectedVersion');
      assert.match(stale.body.error.message, /version 1, now 2/);

      const same = await ok('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 2, wentWell: saved.fields.wentWell });
      assert.equal(same.version, 2, 'nothing changed: no event, same version');

      for (const [body, field] of [
        [{ expectedVersion: 2, participants: 'Ada' }, 'participants'],
        [{ expectedVersion: 2, lessons: 42 }, 'lessons'],
        [{ lessons: 'No version' }, 'expectedVersion'],
      ] as const) {
        const bad = await f.call('PUT', `/api/v1/incidents/${inc.id}/review`, body);
        assert.equal(bad.status, 400, JSON.stringify(bad.body));
        assert.equal(bad.body.error.field, field, JSON.stringify(bad.body));
      }
    });

    it('freezes the findings when completed, and refuses changes after', async () => {
      const inc = await responding();
      await toReview(inc.id);
      const done: Review = await ok('POST', `/api/v1/incidents/${inc.id}/review/complete`, { expectedVersion: 1 });
      assert.equal(done.status, 'completed');
      assert.equal(done.completedBy, 'Ada Admin');
      assert.ok(done.completedAt);
      // A task added after the review was completed is not in its findings…
      await ok('POST', `/api/v1/incidents/${inc.id}/tasks`, { title: 'Rotate the backup keys' }, 201);
      const later = await review(inc.id);
      assert.deepEqual(later.findings, done.findings);
      assert.deepEqual(later.findings.tasksLeft, []);
      const again = await f.call('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 2, lessons: 'More' });
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /completed/);
      const completed = (await f.timeline(inc.id)).filter((e) => e.type === 'review.completed');
      assert.equal(completed.length, 1);
      assert.equal((await close(inc.id)).status, 200, 'a completed review lets it close');
    });

    it('shows open findings as the record stands now', async () => {
      const inc = await responding();
      await toReview(inc.id);
      await ok('POST', `/api/v1/incidents/${inc.id}/tasks`, { title: 'Rotate the backup keys' }, 201);
      const shown = await review(inc.id);
      assert.deepEqual(
        shown.findings.tasksLeft.map((t) => [t.title, t.status]),
        [['Rotate the backup keys', 'open']],
      );
    });

    it('refuses to close without the review, naming it, and closes once it is waived with a reason', async () => {
      const inc = await responding();
      const entered = await toReview(inc.id);
      const offered = entered.allowedTransitions.find((t: { to: string }) => t.to === 'closed');
      assert.match(offered.blockedBy, /high-severity incident needs its post-incident review/);
      const refused = await close(inc.id);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.field, 'to');
      assert.match(refused.body.error.message, /complete the review, or waive it with a reason/);

      const blank = await f.call('POST', `/api/v1/incidents/${inc.id}/review/waive`, { reason: '   ' });
      assert.equal(blank.status, 400, JSON.stringify(blank.body));
      assert.equal(blank.body.error.field, 'reason');
      const waived: Review = await ok('POST', `/api/v1/incidents/${inc.id}/review/waive`, {
        reason: 'Reviewed together with INC-2026-0007, the same attacker',
      });
      assert.equal(waived.status, 'waived');
      assert.equal(waived.waiverReason, 'Reviewed together with INC-2026-0007, the same attacker');
      const shown = await ok('GET', `/api/v1/incidents/${inc.id}`);
      assert.equal(shown.allowedTransitions.find((t: { to: string }) => t.to === 'closed').blockedBy, null);
      const closed = await close(inc.id);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      const types = (await f.timeline(inc.id)).map((e) => e.type);
      assert.deepEqual(types.slice(-2), ['review.waived', 'incident.transitioned']);
    });

    it('holds an exercise to the same rule', async () => {
      const inc = await responding(HIGH, { exercise: true });
      await toReview(inc.id);
      assert.equal((await close(inc.id)).status, 409);
    });

    it('closes a low-severity incident of a customer with the default setting without a review', async () => {
      const inc = await responding(LOW);
      await toReview(inc.id);
      const shown = await review(inc.id);
      assert.equal(shown.required, false);
      const closed = await close(inc.id);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal((await review(inc.id)).status, 'open', 'a review nobody needed stays as it was');
    });

    it('follows the customer’s review severities in its published plan', async () => {
      const bad = await f.call('PATCH', `/api/v1/customers/${f.customer.id}`, { reviewSeverities: ['urgent'] });
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.match(bad.body.error.field, /^reviewSeverities/);
      const shownBefore = await ok('GET', `/api/v1/customers/${f.customer.id}`);
      assert.deepEqual(shownBefore.reviewSeverities, ['medium', 'high', 'critical'], 'the default is shown');
      await ok('PATCH', `/api/v1/customers/${f.customer.id}`, { reviewSeverities: ['critical'] });
      await ok('POST', `/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' }, 201);
      try {
        const high = await responding(HIGH);
        await toReview(high.id);
        assert.equal((await review(high.id)).required, false);
        assert.equal((await close(high.id)).status, 200);

        await ok('PATCH', `/api/v1/customers/${f.customer.id}`, { reviewSeverities: ['low', 'medium', 'high', 'critical'] });
        await ok('POST', `/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' }, 201);
        const low = await responding(LOW);
        await toReview(low.id);
        assert.equal((await review(low.id)).required, true);
        assert.equal((await close(low.id)).status, 409);
      } finally {
        await ok('PATCH', `/api/v1/customers/${f.customer.id}`, { reviewSeverities: ['medium', 'high', 'critical'] });
        await ok('POST', `/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' }, 201);
      }
    });

    it('reopens the same review when a reopened incident comes back to review, keeping what was written', async () => {
      const inc = await responding();
      await toReview(inc.id);
      await ok('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 1, lessons: 'Test the restore' });
      await ok('POST', `/api/v1/incidents/${inc.id}/review/complete`, {});
      assert.equal((await close(inc.id)).status, 200);
      const closedReview = await review(inc.id);
      assert.equal(closedReview.allowed.change, false, 'closed: read-only');
      const change = await f.call('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 3, lessons: 'x' });
      assert.equal(change.status, 409);
      assert.match(change.body.error.message, /closed; reopen it/);

      await go(inc.id, 'transitions', { to: 'assessing', reason: 'The attacker is back' });
      await go(inc.id, 'transitions', { to: 'responding', reason: 'Contain again' });
      // Worse than thought, and then thought again: the requirement follows the severity when the review reopens.
      await ok('PATCH', `/api/v1/incidents/${inc.id}`, { impact: LOW });
      await go(inc.id, 'transitions', { to: 'recovering' });
      await go(inc.id, 'transitions', { to: 'reviewing' });
      const again = await review(inc.id);
      assert.equal(again.status, 'open');
      assert.equal(again.fields.lessons, 'Test the restore');
      assert.equal(again.completedAt, null);
      assert.equal(again.version, 4);
      assert.equal(again.required, false, 'low severity now: the reopened review is not required');
      await ok('PATCH', `/api/v1/incidents/${inc.id}`, { impact: HIGH });
      assert.equal((await close(inc.id)).status, 200, 'its requirement was set when it reopened');
      const count = await f.server.deps.database.db
        .selectFrom('reviews')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('incident_id', '=', inc.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });

    it('puts the review in the signed incident report, HTML and PDF, and both verify', async () => {
      const inc = await responding();
      await toReview(inc.id);
      await ok('PUT', `/api/v1/incidents/${inc.id}/review`, {
        expectedVersion: 1,
        rootCauses: 'An unpatched VPN appliance <b>exposed</b>',
        participants: ['Ada Admin'],
      });
      await ok('POST', `/api/v1/incidents/${inc.id}/review/complete`, {});
      const key = createPublicKey((await ok('GET', '/api/v1/signing-key')).publicKeyPem);
      const report = await ok('GET', `/api/v1/incidents/${inc.id}/report.json`);
      assert.equal(report.review.status, 'completed');
      assert.equal(report.review.fields.rootCauses, 'An unpatched VPN appliance <b>exposed</b>');
      const fetchBytes = async (format: string) => {
        const res = await f.server.request('GET', `/api/v1/incidents/${inc.id}/report.${format}`, { token: f.admin });
        assert.equal(res.status, 200);
        return Buffer.from(await res.arrayBuffer());
      };
      const html = await fetchBytes('html');
      const text = html.toString('utf8');
      assert.match(text, /<h2 id="review">Post-incident review<\/h2>/);
      assert.ok(text.includes('An unpatched VPN appliance &#60;b&#62;exposed'), 'the team’s words, escaped');
      assert.ok(!text.includes('<b>exposed'), 'never as markup');
      assert.ok(text.includes('No clock was missed.'));
      assert.equal(verifyExport(html, key).valid, true);
      const pdf = await fetchBytes('pdf');
      assert.equal(verifyExport(pdf, key).valid, true);
      assert.ok(pdfText(pdf).replace(/\s+/g, '').includes('Post-incidentreview'), 'the PDF has the section');
    });

    it('answers 404 before review, 404 to a user who cannot read the incident, 403 to a read-only member', async () => {
      const inc = await responding();
      const early = await f.call('GET', `/api/v1/incidents/${inc.id}/review`);
      assert.equal(early.status, 404);
      assert.match(early.body.error.message, /opens when the incident enters review/);
      await toReview(inc.id);

      const outsider = await f.server.userToken('responder', 'Per Outsider');
      const hidden = await f.call('GET', `/api/v1/incidents/${inc.id}/review`, undefined, outsider);
      assert.equal(hidden.status, 404);
      const hiddenPut = await f.call('PUT', `/api/v1/incidents/${inc.id}/review`, { expectedVersion: 1 }, outsider);
      assert.equal(hiddenPut.status, 404);

      const viewer = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      const read = await f.call('GET', `/api/v1/incidents/${inc.id}/review`, undefined, viewer);
      assert.equal(read.status, 200);
      assert.equal(read.body.allowed.change, false);
      for (const [method, path, body] of [
        ['PUT', 'review', { expectedVersion: 1, lessons: 'Mine' }],
        ['POST', 'review/complete', {}],
        ['POST', 'review/waive', { reason: 'Not needed' }],
      ] as const) {
        const refused = await f.call(method, `/api/v1/incidents/${inc.id}/${path}`, body, viewer);
        assert.equal(refused.status, 403, `${method} ${path}: ${JSON.stringify(refused.body)}`);
      }
      assert.equal((await review(inc.id)).version, 1, 'nothing changed');
    });
  });
}

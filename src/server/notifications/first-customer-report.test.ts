import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Origin } from '../../shared/incident-vocabulary.ts';
import type { Notification } from '../../shared/notification-types.ts';
import type { FirstReportSetting } from '../../shared/prepare-types.ts';
import type { FirstReportMoment } from '../incidents/incident-jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { planSnapshotFixture } from '../testing/plan-fixture.ts';
import { testDialects } from '../testing/test-db.ts';
import { firstReportAction, firstReportStage } from './first-customer-report.ts';

const ATTACK_STAGE = 'contract-notify-attack-immediately/notification';

describe('when the first report goes by itself (pure)', () => {
  it('follows the customer’s setting at each moment', () => {
    const table: [FirstReportSetting, FirstReportMoment, Origin, boolean, 'send' | 'draft' | null][] = [
      ['on-report', 'reported', 'attack', false, 'send'],
      ['on-report', 'reported', 'unknown', false, null],
      ['on-report', 'dp1', 'unknown', true, 'send'],
      ['at-dp1', 'reported', 'attack', true, null],
      ['at-dp1', 'dp1', 'attack', false, 'send'],
      ['at-dp1', 'dp1', 'technical-failure', false, null],
      ['by-hand', 'reported', 'attack', true, null],
      ['by-hand', 'dp1', 'attack', false, 'draft'],
      ['by-hand', 'dp1', 'unknown', true, 'draft'],
    ];
    for (const [setting, moment, origin, owed, expected] of table) {
      assert.equal(
        firstReportAction(setting, moment, origin, owed),
        expected,
        `${setting} at ${moment}, ${origin}, owed ${owed}`,
      );
    }
  });

  it('submits the open stage of the customer’s own obligations that falls due first', () => {
    const snapshot = planSnapshotFixture();
    const incident = {
      origin: 'attack',
      severityOverride: null,
      impact: { confidentiality: 'high', integrity: 'none', availability: 'none' },
      personalData: null,
      category: null,
      serviceIds: [],
      times: { awareAt: '2026-11-20T08:00:00.000Z', classifiedAt: null },
      determinations: {},
      submissions: {},
      waivers: {},
    } as unknown as IncidentState;
    const now = new Date('2026-11-20T08:10:00.000Z');
    assert.equal(firstReportStage(snapshot, incident, now), 'contract-notify-attack-immediately/notification');
    const waived = { ...incident, waivers: { [ATTACK_STAGE]: { at: '', reason: 'told by phone' } } };
    assert.equal(firstReportStage(snapshot, waived, now), 'contract-notify-within-4h/notification');
    assert.equal(firstReportStage(snapshot, { ...waived, impact: null, origin: 'unknown' }, now), null);
  });
});

for (const dialect of await testDialects()) {
  describe(`the first report to the customer on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
      // "Notify within 4 hours, and immediately on a suspected attack", to Ola, as the contract template words it.
      await f.created('/api/v1/obligations/contract-template', {
        customerId: f.customer.id,
        hours: 4,
        recipientContactId: f.ola.id,
      });
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    /** The customer's choice of when the first report goes by itself, frozen in a newly published plan. */
    const choose = async (firstReport: string) => {
      const changed = await f.call('PATCH', `/api/v1/customers/${f.customer.id}`, { firstReport });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      await f.created(`/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' });
    };
    const clockOf = async (incidentId: string, ref = ATTACK_STAGE) =>
      (await f.call('GET', '/api/v1/deadlines?scope=all')).body.items.find(
        (d: { incidentId: string; obligationId: string; stageId: string }) =>
          d.incidentId === incidentId && `${d.obligationId}/${d.stageId}` === ref,
      );
    const notificationsOf = async (incidentId: string): Promise<Notification[]> =>
      (await f.call('GET', `/api/v1/incidents/${incidentId}/notifications`)).body.items;

    it('gives "immediately on a suspected attack" a real window: not missed half a second after the report', async () => {
      await choose('by-hand');
      const inc = await f.incident({ origin: 'attack' });
      const clock = await clockOf(inc.id);
      assert.ok(clock, 'the immediately clock runs for a reported attack');
      assert.equal(clock.dueAt, new Date(Date.parse(inc.times.awareAt) + 60 * MINUTE).toISOString(), 'an hour by default');
      f.advance(500);
      await f.work();
      assert.equal((await clockOf(inc.id)).status, 'running');
      assert.equal((await f.timeline(inc.id)).filter((e) => e.type === 'deadline.missed').length, 0);
    });

    it('sends the first report of a reported attack by itself, and its delivery meets the immediately clock', async () => {
      await choose('on-report');
      const inc = await f.incident({ origin: 'attack', title: 'Ransom note on the file server' });
      await f.work(); // the job worker, not a person: nobody clicks anything
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['ola@nordlys.example']);
      assert.match(mail.subject, new RegExp(`${inc.key}: Ransom note on the file server`));
      assert.match(mail.text, /suspected attack/);

      const [report] = await notificationsOf(inc.id);
      assert.equal(report.purpose, 'notify-customer');
      assert.equal(report.obligationRef, ATTACK_STAGE);
      const current = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      assert.equal(current.submissions[ATTACK_STAGE]?.via, 'notification', 'the delivery is the submission');
      assert.equal((await clockOf(inc.id)).status, 'met');

      const requested = (await f.timeline(inc.id)).find((e) => e.type === 'notification.requested');
      assert.equal(requested?.actor?.id, 'system');
      assert.equal(requested?.data.automatic, true, 'the timeline says it went by itself');

      // DP1 later does not send a second first report.
      await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Confirmed' });
      await f.work();
      assert.equal((await notificationsOf(inc.id)).length, 1);
      assert.equal(f.sink.messages.length, 1);
    });

    it('sends it once the origin turns out to be an attack, if no first report went yet', async () => {
      await choose('on-report');
      const inc = await f.incident({ origin: 'unknown' });
      await f.work();
      assert.equal((await notificationsOf(inc.id)).length, 0, 'not an attack: nothing goes at the report');
      const changed = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, { origin: 'attack' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['ola@nordlys.example']);
      assert.equal((await clockOf(inc.id)).status, 'met');
    });

    it('goes once when the report and the confirmation ask for it at the same time', async () => {
      await choose('on-report');
      const inc = await f.incident({ origin: 'attack' });
      await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Confirmed' });
      await f.work(); // both jobs are due together
      await f.sink.waitFor(1, 5000);
      assert.equal((await notificationsOf(inc.id)).length, 1);
      assert.equal(f.sink.messages.length, 1);
    });

    it('with "at DP1" sends nothing at the report and the first report at the confirmation', async () => {
      await choose('at-dp1');
      const inc = await f.incident({ origin: 'attack' });
      await f.work();
      assert.equal((await notificationsOf(inc.id)).length, 0);
      assert.equal(f.sink.messages.length, 0);
      await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Confirmed' });
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['ola@nordlys.example']);
      const [report] = await notificationsOf(inc.id);
      assert.notEqual(report.status, 'draft');
      assert.equal((await clockOf(inc.id)).status, 'met');
    });

    it('"only by hand" still prepares a draft at DP1 and sends nothing by itself', async () => {
      await choose('by-hand');
      const inc = await f.incident({ origin: 'attack' });
      await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Confirmed' });
      await f.work();
      const [draft] = await notificationsOf(inc.id);
      assert.equal(draft?.status, 'draft');
      assert.equal(draft.obligationRef, ATTACK_STAGE, 'sending the draft will meet the immediately clock');
      assert.equal(f.sink.messages.length, 0);
      assert.equal((await clockOf(inc.id)).status, 'running');
    });

    it('follows the plan version the incident links, not the customer as it is now', async () => {
      await choose('on-report');
      await f.call('PATCH', `/api/v1/customers/${f.customer.id}`, { firstReport: 'by-hand' }); // not published
      const inc = await f.incident({ origin: 'attack' });
      await f.work();
      await f.sink.waitFor(1, 5000);
      assert.equal((await notificationsOf(inc.id))[0]?.status !== 'draft', true);
    });
  });
}

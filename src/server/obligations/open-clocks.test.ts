import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomerObligation, ObligationDefinition } from '../../shared/prepare-types.ts';
import type { ObligationFacts } from './obligation.ts';
import { GDPR_ART_33, NIS2_ART_23 } from './obligation-library.ts';
import { closeBlockedBy, describeOpenClock, openClocks } from './open-clocks.ts';

const AWARE = '2026-11-20T08:00:00.000Z';
const NOW = new Date('2026-11-20T12:00:00.000Z');

const facts = (over: Partial<ObligationFacts> = {}): ObligationFacts => ({
  personalData: true,
  severity: 'high',
  category: null,
  origin: 'unknown',
  serviceCriticality: null,
  awareAt: AWARE,
  classifiedAt: null,
  determinations: {},
  submissions: {},
  ...over,
});

const chosen = (definition: ObligationDefinition, enabled = true): CustomerObligation => ({
  id: `obl-${definition.id}`,
  version: 1,
  createdAt: AWARE,
  updatedAt: AWARE,
  customerId: 'c1',
  libraryId: definition.id,
  enabled,
  recipientContactId: null,
  definition,
});

const plan = [chosen(GDPR_ART_33), chosen(NIS2_ART_23)];

describe('the clocks an incident may not close with', () => {
  it('lists a running clock of an obligation that applies, and nothing of one that does not', () => {
    const open = openClocks(plan, facts(), {}, NOW);
    assert.deepEqual(open, [
      {
        obligationId: 'gdpr-art-33',
        stageId: 'notification',
        obligation: GDPR_ART_33.name,
        stage: 'Notification',
        status: 'running',
        dueAt: '2026-11-23T08:00:00.000Z',
      },
    ]);
  });

  it('leaves out stages met (also late) and stages waived', () => {
    assert.deepEqual(openClocks(plan, facts({ submissions: { 'gdpr-art-33/notification': NOW.toISOString() } }), {}, NOW), []);
    const late = facts({ submissions: { 'gdpr-art-33/notification': '2026-11-24T08:00:00.000Z' } });
    assert.deepEqual(openClocks(plan, late, {}, new Date('2026-11-25T00:00:00Z')), [], 'met late is met');
    assert.deepEqual(openClocks(plan, facts(), { 'gdpr-art-33/notification': { reason: 'encrypted' } }, NOW), []);
  });

  it('counts overdue clocks and stages whose clock has not started, and skips switched-off obligations', () => {
    const significant = facts({ personalData: false, determinations: { significant: AWARE } });
    const later = new Date('2026-11-21T09:00:00.000Z');
    const open = openClocks(plan, significant, {}, later);
    assert.deepEqual(
      open.map((c) => [c.stageId, c.status]),
      [
        ['early-warning', 'overdue'],
        ['notification', 'running'],
        ['final-report', 'waiting'],
      ],
    );
    assert.deepEqual(openClocks([chosen(NIS2_ART_23, false)], significant, {}, later), []);
  });

  it('names each open clock with its due time in UTC and its state', () => {
    const [gdpr] = openClocks(plan, facts(), {}, NOW);
    assert.equal(describeOpenClock(gdpr), `${GDPR_ART_33.name} — Notification (due 2026-11-23 08:00 UTC, running)`);
    assert.equal(
      describeOpenClock({ ...gdpr, status: 'waiting', dueAt: null }),
      `${GDPR_ART_33.name} — Notification (not started)`,
    );
    const blocked = closeBlockedBy(openClocks(plan, facts({ determinations: { significant: AWARE } }), {}, NOW));
    assert.match(blocked ?? '', /^Closing needs every obligation that applies met or waived with a reason; still open: GDPR/);
    assert.match(blocked ?? '', /Early warning \(due 2026-11-21 08:00 UTC, running\); .*Final report \(not started\)$/);
    assert.equal(closeBlockedBy([]), null);
  });
});

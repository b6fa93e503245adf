import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { decide, effectiveSeverity, evolve, type IncidentCommand } from './incident.ts';
import type { IncidentState } from './incident-state.ts';
import { allowedTransitions } from './lifecycle.ts';

const NOW = new Date('2026-11-20T12:00:00Z');

function apply(state: IncidentState | null, events: IncidentEvent[]): IncidentState {
  let seq = state?.version ?? 0;
  return events.reduce<IncidentState | null>((s, e) => {
    seq += 1;
    const stored: StoredEvent<IncidentEvent> = {
      ...e,
      position: seq,
      streamId: 'i1',
      seq,
      actor: { id: 'u', name: 'U' },
      occurredAt: NOW.toISOString(),
      recordedAt: NOW.toISOString(),
      prevHash: '',
      hash: '',
      streamType: 'incident',
      customerId: null,
    };
    return evolve(s, stored);
  }, state) as IncidentState;
}

const run = (state: IncidentState | null, command: IncidentCommand) => apply(state, decide(state, command, NOW));

function reported(fields: Record<string, unknown> = {}): IncidentState {
  return run(null, {
    type: 'report',
    id: 'i1',
    key: 'INC-2026-0001',
    source: 'api',
    fields: { title: 'Strange logins', ...fields },
  });
}

function rejects(fn: () => unknown, code: string, pattern: RegExp) {
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === code && pattern.test(e.message));
}

const classified = {
  category: 'intrusions/system-compromise',
  impact: { confidentiality: 'high', integrity: 'low', availability: 'none' },
} as const;

/** An incident manager named on the incident: needed to leave assessing. */
const led = { assignments: { 'incident-manager': 'u-ingrid' } } as const;

describe('incident lifecycle', () => {
  it('starts reported with awareness defaulting to the report time', () => {
    const s = reported();
    assert.equal(s.status, 'reported');
    assert.equal(s.times.awareAt, NOW.toISOString());
    assert.equal(s.tlp, 'TLP:AMBER');
    assert.equal(effectiveSeverity(s), null);
  });

  it('records DP1 with its reason when confirming an incident', () => {
    const events = decide(reported(), { type: 'transition', to: 'assessing', reason: 'Confirmed by SOC' }, NOW);
    assert.deepEqual(
      events.map((e) => e.type),
      ['decision.recorded', 'incident.transitioned'],
    );
    assert.deepEqual(events[0].data, { point: 'DP1', outcome: 'incident', reason: 'Confirmed by SOC' });
  });

  it('records DP1 as a false positive when dismissing', () => {
    const [decision] = decide(reported(), { type: 'transition', to: 'dismissed', reason: 'Pen test' }, NOW);
    assert.ok(decision.type === 'decision.recorded');
    assert.equal(decision.data.outcome, 'false-positive');
  });

  it('refuses a DP1 decision without a reason', () => {
    rejects(
      () => decide(reported(), { type: 'transition', to: 'assessing', reason: null }, NOW),
      'invalid',
      /reason is required/,
    );
  });

  it('refuses skipping stages and says which move is impossible', () => {
    rejects(
      () => decide(reported(), { type: 'transition', to: 'closed', reason: 'x' }, NOW),
      'conflict',
      /reported cannot move to closed/,
    );
  });

  it('refuses DP2 until category and C/I/A impact are set', () => {
    const assessing = run(reported(led), { type: 'transition', to: 'assessing', reason: 'real' });
    rejects(
      () => decide(assessing, { type: 'transition', to: 'responding', reason: 'go' }, NOW),
      'conflict',
      /category and the C\/I\/A impact/,
    );
    assert.match(
      allowedTransitions(assessing, { openClocks: [] }).find((t) => t.to === 'responding')?.blockedBy ?? '',
      /category/,
    );
    const ready = run(assessing, { type: 'update', changes: classified });
    const responding = run(ready, { type: 'transition', to: 'responding', reason: 'go' });
    assert.equal(responding.status, 'responding');
    assert.equal(responding.times.classifiedAt, NOW.toISOString());
  });

  it('records the classification in DP2', () => {
    const ready = run(run(reported(led), { type: 'transition', to: 'assessing', reason: 'real' }), {
      type: 'update',
      changes: classified,
    });
    const [dp2] = decide(ready, { type: 'transition', to: 'responding', reason: 'go' }, NOW);
    assert.ok(dp2.type === 'decision.recorded' && dp2.data.point === 'DP2');
    assert.deepEqual(dp2.data.classification, { ...classified, severity: 'high', tlp: 'TLP:AMBER' });
  });

  it('walks the whole lifecycle with milestones and refuses review before resolution', () => {
    let s = run(reported({ ...classified, ...led }), { type: 'transition', to: 'assessing', reason: 'real' });
    s = run(s, { type: 'transition', to: 'responding', reason: 'go' });
    rejects(() => decide(s, { type: 'transition', to: 'recovering', reason: null }, NOW), 'conflict', /contained/);
    rejects(
      () => decide(s, { type: 'record-milestone', milestone: 'resolved', at: NOW.toISOString() }, NOW),
      'conflict',
      /contained before/,
    );
    s = run(s, { type: 'record-milestone', milestone: 'contained', at: NOW.toISOString() });
    s = run(s, { type: 'transition', to: 'recovering', reason: null });
    rejects(
      () => decide(s, { type: 'transition', to: 'reviewing', reason: null }, NOW),
      'conflict',
      /resolved before its review/,
    );
    s = run(s, { type: 'record-milestone', milestone: 'resolved', at: NOW.toISOString() });
    const entering = decide(
      s,
      { type: 'transition', to: 'reviewing', reason: null, review: { required: false, status: null, severity: 'low' } },
      NOW,
    );
    assert.deepEqual(entering.at(-1), { type: 'review.opened', data: { required: false } }, 'entering review opens the review');
    s = run(s, { type: 'transition', to: 'reviewing', reason: null });
    const review = { required: true, status: 'open' as const, severity: 'high' as const };
    rejects(
      () => decide(s, { type: 'transition', to: 'closed', reason: null, openClocks: [], review }, NOW),
      'conflict',
      /A high-severity incident needs its post-incident review before it closes/,
    );
    const closeWith = (r: typeof review | { required: boolean; status: 'completed' | 'waived'; severity: 'high' }) =>
      allowedTransitions(s, { openClocks: [], review: r }).find((t) => t.to === 'closed')?.blockedBy;
    assert.match(closeWith(review) ?? '', /complete the review, or waive it with a reason/);
    assert.equal(closeWith({ ...review, status: 'completed' }), null);
    assert.equal(closeWith({ ...review, status: 'waived' }), null);
    assert.equal(closeWith({ ...review, required: false }), null);
    const gdpr = {
      obligationId: 'gdpr-art-33',
      stageId: 'notification',
      obligation: 'GDPR: notify the supervisory authority of a personal data breach',
      stage: 'Notification',
      status: 'running' as const,
      dueAt: '2026-11-23T12:00:00.000Z',
    };
    rejects(
      () => decide(s, { type: 'transition', to: 'closed', reason: null, openClocks: [gdpr] }, NOW),
      'conflict',
      /still open: GDPR: notify the supervisory authority of a personal data breach — Notification \(due 2026-11-23 12:00 UTC, running\)/,
    );
    const close = allowedTransitions(s, { openClocks: [gdpr] }).find((t) => t.to === 'closed');
    assert.match(close?.blockedBy ?? '', /GDPR/, 'the incident says so before anyone tries');
    assert.deepEqual(close?.openClocks, [gdpr]);
    s = run(s, { type: 'transition', to: 'closed', reason: null, openClocks: [] });
    assert.equal(s.status, 'closed');
    assert.equal(s.times.closedAt, NOW.toISOString());
    rejects(() => decide(s, { type: 'update', changes: { title: 'x' } }, NOW), 'conflict', /reopen/);
    rejects(() => decide(s, { type: 'transition', to: 'assessing', reason: null }, NOW), 'invalid', /reason/);
    const reopened = run(s, { type: 'transition', to: 'assessing', reason: 'It came back' });
    assert.equal(reopened.status, 'assessing');
    assert.equal(reopened.times.closedAt, null);
  });

  it('refuses to leave assessing until an incident manager is named on the incident, saying so', () => {
    const assessing = run(reported(), { type: 'transition', to: 'assessing', reason: 'real' });
    rejects(
      () => decide(assessing, { type: 'transition', to: 'dismissed', reason: 'noise' }, NOW),
      'conflict',
      /^Assign an incident manager before dismissing/,
    );
    rejects(
      () => decide(assessing, { type: 'transition', to: 'responding', reason: 'go' }, NOW),
      'conflict',
      /^Assign an incident manager and set the category and the C\/I\/A impact before starting the response \(DP2\)$/,
    );
    const ready = run(assessing, { type: 'update', changes: classified });
    assert.equal(
      allowedTransitions(ready, { openClocks: [] }).find((t) => t.to === 'responding')?.blockedBy,
      'Assign an incident manager before starting the response (DP2)',
    );
    const assigned = apply(ready, [
      { type: 'role.assigned', data: { role: 'incident-manager', userId: 'u-ingrid', userName: 'Ingrid', previous: null } },
    ]);
    assert.deepEqual(assigned.assignments, { 'incident-manager': 'u-ingrid' });
    assert.deepEqual(
      allowedTransitions(assigned, { openClocks: [] }).map((t) => [t.to, t.blockedBy]),
      [
        ['responding', null],
        ['dismissed', null],
      ],
    );
    const removed = apply(assigned, [
      { type: 'role.removed', data: { role: 'incident-manager', userId: 'u-ingrid', userName: 'Ingrid' } },
    ]);
    assert.deepEqual(removed.assignments, {});
    assert.match(allowedTransitions(removed, { openClocks: [] })[1].blockedBy ?? '', /incident manager/);
  });

  it('reopens a dismissed incident with a reason', () => {
    const dismissed = run(reported(), { type: 'transition', to: 'dismissed', reason: 'noise' });
    assert.equal(run(dismissed, { type: 'transition', to: 'assessing', reason: 'It was real' }).status, 'assessing');
  });

  it('lets severity be overridden with a reason and back', () => {
    const s = reported(classified);
    assert.equal(effectiveSeverity(s), 'high');
    const overridden = run(s, { type: 'update', changes: {}, severityOverride: { severity: 'critical', reason: 'CEO mailbox' } });
    assert.equal(effectiveSeverity(overridden), 'critical');
    assert.equal(effectiveSeverity(run(overridden, { type: 'update', changes: {}, severityOverride: null })), 'high');
  });

  it('records only fields that really change, with their previous values', () => {
    const s = reported({ title: 'A' });
    assert.deepEqual(decide(s, { type: 'update', changes: { title: 'A' } }, NOW), []);
    const [event] = decide(s, { type: 'update', changes: { title: 'B', tlp: 'TLP:RED' } }, NOW);
    assert.deepEqual(event.data, { changes: { title: 'B', tlp: 'TLP:RED' }, previous: { title: 'A', tlp: 'TLP:AMBER' } });
  });

  it('refuses times in the future and awareness before occurrence', () => {
    rejects(() => reported({ detectedAt: '2027-01-01T00:00:00Z' }), 'invalid', /detection time \(detectedAt\) is in the future/);
    rejects(
      () => reported({ occurredAt: '2026-11-10T00:00:00Z', awareAt: '2026-11-09T00:00:00Z' }),
      'invalid',
      /awareness time \(awareAt\) is earlier/,
    );
  });
});

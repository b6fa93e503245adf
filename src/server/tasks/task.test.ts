import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentTimes } from '../incidents/incident-state.ts';
import { decideChange, dueAtFor, evolveTask, isOverdue, type TaskState } from './task.ts';

const times = (over: Partial<IncidentTimes> = {}): IncidentTimes => ({
  occurredAt: null,
  detectedAt: null,
  awareAt: '2026-03-02T08:00:00.000Z',
  reportedAt: '2026-03-02T08:05:00.000Z',
  confirmedAt: null,
  classifiedAt: null,
  containedAt: null,
  eradicatedAt: null,
  resolvedAt: null,
  closedAt: null,
  ...over,
});

const task = (over: Partial<TaskState> = {}): TaskState => ({
  id: 't1',
  incidentId: 'i1',
  seq: 2,
  playbookId: 'ransomware',
  playbookName: 'Ransomware',
  stepId: 'isolate',
  stepRef: 'ransomware/isolate',
  phase: 'contain',
  role: 'it-operations',
  title: 'Isolate',
  detail: '',
  assigneeId: null,
  assigneeName: null,
  dueAt: '2026-03-02T09:00:00.000Z',
  due: { from: 'aware', after: { hours: 1 } },
  needsInstruction: false,
  status: 'open',
  note: '',
  override: null,
  version: 3,
  remindedAt: null,
  createdAt: '2026-03-02T08:10:00.000Z',
  updatedAt: '2026-03-02T08:10:00.000Z',
  ...over,
});

describe('task due times', () => {
  it('runs from the clock the step names, and waits while that clock has not started', () => {
    assert.equal(dueAtFor({ from: 'aware', after: { minutes: 30 } }, times()), '2026-03-02T08:30:00.000Z');
    assert.equal(dueAtFor({ from: 'dp1', after: { hours: 1 } }, times()), null);
    assert.equal(
      dueAtFor({ from: 'dp1', after: { hours: 1, minutes: 15 } }, times({ confirmedAt: '2026-03-02T10:00:00.000Z' })),
      '2026-03-02T11:15:00.000Z',
    );
    assert.equal(
      dueAtFor({ from: 'dp2', after: { days: 2 } }, times({ classifiedAt: '2026-03-02T10:00:00.000Z' })),
      '2026-03-04T10:00:00.000Z',
    );
    assert.equal(dueAtFor(null, times()), null);
  });

  it('is overdue past its due time until it is done or skipped', () => {
    const now = new Date('2026-03-02T09:30:00.000Z');
    assert.equal(isOverdue(task(), now), true);
    assert.equal(isOverdue(task({ status: 'blocked' }), now), true);
    assert.equal(isOverdue(task({ status: 'skipped' }), now), false);
    assert.equal(isOverdue(task({ dueAt: null }), now), false);
    assert.equal(isOverdue(task(), new Date('2026-03-02T08:59:00.000Z')), false);
  });
});

describe('decideChange', () => {
  it('refuses a stale version and records only what differs', () => {
    assert.throws(
      () => decideChange(task(), { expectedVersion: 2, changes: { note: 'x' } }, null),
      /changed since you loaded it/,
    );
    assert.deepEqual(decideChange(task(), { expectedVersion: 3, changes: { note: '', status: 'open' } }, null), []);
    const [event] = decideChange(task(), { changes: { note: ' Ticket 4711 ', status: 'open' } }, null);
    assert.deepEqual(event, {
      type: 'task.changed',
      data: { taskId: 't1', title: 'Isolate', changes: { note: 'Ticket 4711' }, previous: { note: '' } },
    });
  });

  it('stops following the clock once the due time is set by hand', () => {
    const [event] = decideChange(task(), { changes: { dueAt: '2026-03-03T12:00:00.000Z' } }, null);
    assert.equal(event.type, 'task.changed');
    if (event.type !== 'task.changed') return;
    assert.deepEqual(event.data.changes, { dueAt: '2026-03-03T12:00:00.000Z', due: null });
    const moved = evolveTask(task({ remindedAt: '2026-03-02T09:00:00.000Z' }), {
      ...event,
      streamId: 'i1',
      seq: 9,
      recordedAt: '2026-03-02T10:00:00.000Z',
    });
    assert.equal(moved.remindedAt, null, 'a new due time is a new moment to remind at');
    assert.equal(moved.version, 4);
    assert.equal(moved.due, null);
  });

  it('keeps a gated task from done without a reason, and flags the override for the review', () => {
    const gated = task({ needsInstruction: true });
    const gate = 'Waiting for the customer’s instruction (asked 2026-03-02T08:20:00.000Z)';
    assert.throws(() => decideChange(gated, { changes: { status: 'done' } }, gate), /give a reason/);
    assert.equal(decideChange(gated, { changes: { status: 'blocked' } }, gate).length, 1, 'only done is gated');
    const [event] = decideChange(gated, { changes: { status: 'done' }, overrideReason: 'Spreading fast' }, gate);
    assert.equal(event.type === 'task.changed' && event.data.forReview, true);
    assert.equal(event.type === 'task.changed' && event.data.override, 'Spreading fast');
    const [answered] = decideChange(gated, { changes: { status: 'done' }, overrideReason: 'not needed' }, null);
    assert.equal(answered.type === 'task.changed' && answered.data.override, undefined, 'no override when nothing blocks it');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import {
  type ActionEvent,
  type ActionState,
  assertActionsAllowed,
  decideChangeAction,
  decideCreateAction,
  evolveAction,
  isActionOverdue,
} from './action.ts';

const AT = '2026-12-01T10:00:00.000Z';
const stored = (e: IncidentEvent, recordedAt = AT) =>
  ({ ...(e as ActionEvent), streamId: 'inc-1', recordedAt, actor: { name: 'Ada' } }) as ActionEvent & {
    streamId: string;
    recordedAt: string;
    actor: { name: string };
  };

function created(): ActionState {
  const event = decideCreateAction({
    actionId: 'a-1',
    title: ' Fix the ladder ',
    detail: '',
    ownerId: 'u-1',
    ownerName: 'Rita',
    dueAt: '2026-12-10T09:00:00.000Z',
    target: { type: 'plan', customerId: 'c-1', name: 'Contingency plan' },
  });
  return evolveAction(null, stored(event));
}

describe('a review action', () => {
  it('starts open at version 1, its title trimmed, created by the event’s actor', () => {
    const a = created();
    assert.equal(a.title, 'Fix the ladder');
    assert.equal(a.status, 'open');
    assert.equal(a.version, 1);
    assert.equal(a.createdBy, 'Ada');
    assert.equal(a.incidentId, 'inc-1');
  });

  it('records only what differs, with the previous values, and refuses a stale version naming expectedVersion', () => {
    const a = created();
    assert.deepEqual(decideChangeAction(a, { changes: { title: 'Fix the ladder', status: 'open' } }), []);
    const [event] = decideChangeAction(a, { expectedVersion: 1, changes: { status: 'in-progress', title: 'Fix it' } });
    assert.equal(event.type, 'action.changed');
    assert.deepEqual((event.data as { previous: unknown }).previous, { status: 'open', title: 'Fix the ladder' });
    assert.throws(
      () => decideChangeAction(a, { expectedVersion: 2, changes: { status: 'done' } }),
      (e: unknown) => e instanceof AppError && e.code === 'conflict' && e.field === 'expectedVersion',
    );
    assert.throws(
      () => decideChangeAction(a, { changes: { title: '  ' } }),
      (e: unknown) => e instanceof AppError && e.field === 'title',
    );
  });

  it('re-arms its reminder on a new due time, and a new target drops the draft', () => {
    const reminded = evolveAction(
      created(),
      stored({ type: 'action.reminded', data: { actionId: 'a-1', title: 't', ownerId: 'u-1', dueAt: 'x' } }),
    );
    assert.ok(reminded.remindedAt);
    assert.equal(reminded.version, 1, 'a reminder is not a change of the action');
    const drafted = evolveAction(
      reminded,
      stored({ type: 'action.drafted', data: { actionId: 'a-1', title: 't', target: reminded.target as never, recordId: null } }),
    );
    assert.equal(drafted.status, 'in-progress');
    assert.ok(drafted.draft);
    const [change] = decideChangeAction(drafted, { changes: { dueAt: '2027-01-01T00:00:00.000Z', target: null } });
    const moved = evolveAction(drafted, stored(change));
    assert.equal(moved.remindedAt, null);
    assert.equal(moved.draft, null);
  });

  it('is done with the plan version that completed it, and never overdue once done', () => {
    const a = created();
    const now = new Date('2026-12-11T00:00:00.000Z');
    assert.equal(isActionOverdue(a, now), true);
    const done = evolveAction(
      a,
      stored({
        type: 'action.completed',
        data: { actionId: 'a-1', title: 't', planVersionId: 'pv-2', version: 2, customerId: 'c-1' },
      }),
    );
    assert.equal(done.status, 'done');
    assert.equal(done.planVersionId, 'pv-2');
    assert.equal(done.doneAt, AT);
    assert.equal(isActionOverdue(done, now), false);
  });

  it('may not be added to a dismissed incident, and may to a closed one', () => {
    assert.throws(() => assertActionsAllowed({ status: 'dismissed', key: 'INC-1' }), /dismissed/);
    assertActionsAllowed({ status: 'closed', key: 'INC-1' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import type { Task } from '../../shared/task-types.ts';
import { dueFields, stepDue } from '../playbooks/playbook-form-values.ts';
import { foldAppliedTasks, taskLine } from './fold-task-events.ts';
import { dueText, groupByPhase, groupByUrgency } from './task-groups.ts';

const NOW = Date.parse('2026-03-02T12:00:00.000Z');
const MIN = 60_000;

const task = (over: Partial<Task>): Task =>
  ({ title: 'T', status: 'open', dueAt: null, due: null, phase: null, ...over }) as Task;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('the Tasks panel and My tasks', () => {
  it('groups an incident’s tasks by phase in the playbooks’ order, those without a phase last', () => {
    const groups = groupByPhase([
      task({ title: 'a', phase: 'recover' }),
      task({ title: 'b', phase: null }),
      task({ title: 'c', phase: 'communicate' }),
      task({ title: 'd', phase: 'recover' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.label, g.tasks.map((t) => t.title)]),
      [
        ['Communicate', ['c']],
        ['Recover', ['a', 'd']],
        ['Other', ['b']],
      ],
    );
  });

  it('sorts my tasks into overdue, due within a day, and later', () => {
    const groups = groupByUrgency(
      [
        task({ title: 'late', dueAt: at(-5 * MIN) }),
        task({ title: 'soon', dueAt: at(3 * 60 * MIN) }),
        task({ title: 'next week', dueAt: at(7 * 24 * 60 * MIN) }),
        task({ title: 'no time' }),
        task({ title: 'done late', dueAt: at(-60 * MIN), status: 'done' }),
      ],
      NOW,
    );
    assert.deepEqual(Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.map((t: Task) => t.title)])), {
      overdue: ['late'],
      soon: ['soon'],
      later: ['next week', 'no time'],
      finished: ['done late'],
    });
  });

  it('counts down to the due time in words, and says when a waiting clock will set it', () => {
    assert.equal(dueText(task({ dueAt: at(125 * MIN) }), NOW), 'Due in 2 h 5 min');
    assert.equal(dueText(task({ dueAt: at(-12 * MIN) }), NOW), 'Overdue by 12 min');
    assert.equal(dueText(task({ dueAt: at(3 * 24 * 60 * MIN) }), NOW), 'Due in 3 days');
    assert.equal(dueText(task({ due: { from: 'dp1', after: { hours: 1 } } }), NOW), 'Due 1 h after DP1 (not started)');
    assert.equal(dueText(task({}), NOW), 'No due time');
    assert.equal(dueText(task({ dueAt: at(-12 * MIN), status: 'skipped' }), NOW), 'Was due');
  });

  it('shows a step’s due offset in the editor in the largest unit that says it exactly, and back', () => {
    assert.deepEqual(dueFields({ from: 'aware', after: { hours: 48 } }), { dueFrom: 'aware', dueAmount: 2, dueUnit: 'days' });
    assert.deepEqual(dueFields({ from: 'dp1', after: { hours: 1, minutes: 30 } }), {
      dueFrom: 'dp1',
      dueAmount: 90,
      dueUnit: 'minutes',
    });
    assert.equal(dueFields(null).dueFrom, '');
    assert.deepEqual(stepDue({ dueFrom: 'dp2', dueAmount: '3', dueUnit: 'hours' }), { from: 'dp2', after: { hours: 3 } });
    assert.equal(stepDue({ dueFrom: '', dueAmount: 3, dueUnit: 'hours' }), null);
  });

  it('folds a playbook’s tasks into the timeline entry that applied it, and leaves an ad-hoc task its own', () => {
    const e = (seq: number, type: string, data: Record<string, unknown>) => ({ seq, type, data }) as unknown as TimelineEvent;
    const shown = foldAppliedTasks([
      e(1, 'incident.reported', {}),
      e(2, 'tasks.applied', { taskIds: ['a', 'b'], playbookName: 'Ransomware' }),
      e(3, 'task.created', { taskId: 'a', title: 'Isolate', assigneeName: 'Rita' }),
      e(4, 'task.created', { taskId: 'b', title: 'Report', assigneeName: null }),
      e(5, 'task.created', { taskId: 'c', title: 'Ad hoc' }),
    ]);
    assert.deepEqual(
      shown.map((s) => [s.event.seq, s.folded.map(taskLine)]),
      [
        [1, []],
        [2, ['Isolate — Rita', 'Report']],
        [5, []],
      ],
    );
  });
});

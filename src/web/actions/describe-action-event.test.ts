import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from '../incidents/describe-event.ts';

function event(type: string, data: Record<string, unknown>): TimelineEvent {
  return { type, data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

const playbook = { type: 'playbook', customerId: 'c', playbookId: 'ransomware', name: 'Ransomware' };

describe('timeline wording for review actions', () => {
  it('says what an action changes and who owns it', () => {
    const d = describeEvent(
      event('action.created', { actionId: 'a', title: 'Log the VPN', ownerName: 'Rita', dueAt: null, target: playbook }),
    );
    assert.equal(d.summary, 'added the action “Log the VPN” from the review');
    assert.deepEqual(d.details, ['Owner: Rita', 'Changes: Playbook: Ransomware']);
  });

  it('reads a status change as one, and lists other changes with what they were', () => {
    const status = describeEvent(
      event('action.changed', { actionId: 'a', title: 'T', changes: { status: 'cancelled' }, previous: { status: 'open' } }),
    );
    assert.equal(status.summary, 'marked the action “T” cancelled');
    const owner = describeEvent(
      event('action.changed', {
        actionId: 'a',
        title: 'T',
        changes: { ownerId: 'u2', ownerName: 'Bo' },
        previous: { ownerId: null, ownerName: null },
      }),
    );
    assert.equal(owner.summary, 'changed the action “T”');
    assert.deepEqual(owner.details, ['Owner: nobody → Bo']);
  });

  it('names the plan version that completed an action, and a reminder with nobody to tell', () => {
    const done = describeEvent(
      event('action.completed', { actionId: 'a', title: 'T', planVersionId: 'p', version: 4, customerId: 'c' }),
    );
    assert.match(done.summary, /published version 4 of the customer’s plan, which completes the action “T”/);
    const reminded = describeEvent(
      event('action.reminded', { actionId: 'a', title: 'T', ownerId: null, dueAt: '2026-11-23T16:00:00.000Z' }),
    );
    assert.match(reminded.summary, /with nobody to remind/);
  });
});

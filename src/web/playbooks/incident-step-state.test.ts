import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstructionAnswer } from '../../shared/notification-types.ts';
import { doneLabel } from './incident-step-state.ts';

const answer = (decision: InstructionAnswer['decision']) => ({ decision, text: '', by: 'Kari', at: '2026-11-23T16:00:00Z' });

describe('the button that records a playbook step done', () => {
  it('reads as an action, not as a status', () => {
    assert.equal(doneLabel({ kind: 'open' }), 'Mark done');
    assert.equal(doneLabel({ kind: 'approved', answer: answer('approve') }), 'Mark done');
  });

  it('says the step is done the customer’s way when they gave an instruction', () => {
    assert.equal(doneLabel({ kind: 'approved', answer: answer('instruct') }), 'Mark done as instructed');
  });
});

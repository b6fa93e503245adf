import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STAGES } from '../../shared/incident-vocabulary.ts';
import { stageDescription } from './incident-labels.ts';

describe('the words under the stage stepper', () => {
  it('says what was done under finished stages, not what they wait for', () => {
    assert.equal(stageDescription('reported', 'responding'), 'Confirmed at DP1');
    assert.equal(stageDescription('assessing', 'responding'), 'Classified, DP2 taken');
    assert.equal(stageDescription('responding', 'responding'), 'Contain, eradicate');
    assert.equal(stageDescription('recovering', 'responding'), 'Restore service');
  });

  it('never says "Waiting for DP1" once DP1 is taken, nor under a closed incident', () => {
    for (const current of STAGES.slice(1)) assert.notEqual(stageDescription('reported', current), 'Waiting for DP1');
    assert.equal(stageDescription('reported', 'reported'), 'Waiting for DP1');
    assert.equal(stageDescription('reviewing', 'closed'), 'Lessons learned');
  });

  it('keeps the plain words for a dismissed incident, which sits outside the stages', () => {
    assert.equal(stageDescription('reported', 'dismissed'), 'Waiting for DP1');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from './format-duration.ts';

const MIN = 60_000;

describe('formatDuration', () => {
  it('says durations as people do, to two units', () => {
    assert.equal(formatDuration(null), '—');
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(12 * MIN), '12 min');
    assert.equal(formatDuration(192 * MIN), '3 h 12 min');
    assert.equal(formatDuration(180 * MIN), '3 h');
    assert.equal(formatDuration((2 * 24 + 4) * 60 * MIN), '2 d 4 h');
    assert.equal(formatDuration(3 * 24 * 60 * MIN), '3 d');
    assert.equal(formatDuration(-5 * MIN), '−5 min');
  });
});

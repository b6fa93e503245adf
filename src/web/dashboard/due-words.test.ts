import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueWords } from './due-words.ts';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('dueWords', () => {
  it('says how long is left, in hours and minutes while under ten hours', () => {
    assert.equal(dueWords(at(180), NOW), 'in 3 h');
    assert.equal(dueWords(at(45), NOW), 'in 45 min');
    assert.equal(dueWords(at(125), NOW), 'in 2 h 5 min');
    assert.equal(dueWords(at(23 * 60 + 30), NOW), 'in 23 h');
  });

  it('says by how much a clock is overdue', () => {
    assert.equal(dueWords(at(-20), NOW), 'overdue by 20 min');
    assert.equal(dueWords(at(-26 * 60), NOW), 'overdue by 26 h');
    assert.equal(dueWords(at(-72 * 60), NOW), 'overdue by 3 days');
  });

  it('says "due now" within a minute either way', () => {
    assert.equal(dueWords(new Date(NOW + 20_000).toISOString(), NOW), 'due now');
    assert.equal(dueWords(new Date(NOW - 20_000).toISOString(), NOW), 'due now');
  });
});

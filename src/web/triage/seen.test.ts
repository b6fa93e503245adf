import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstSeenSaysMore } from './seen.ts';

describe('first and last seen', () => {
  const now = Date.parse('2026-11-23T16:30:00Z');
  it('leaves "first" out when it reads like "last"', () => {
    assert.equal(firstSeenSaysMore('2026-11-23T16:29:40Z', '2026-11-23T16:29:55Z', now), false, 'both just now');
    assert.equal(firstSeenSaysMore('2026-11-23T16:25:00Z', '2026-11-23T16:25:20Z', now), false, 'both 5 minutes ago');
  });
  it('shows "first" when it says something else', () => {
    assert.equal(firstSeenSaysMore('2026-11-23T15:30:00Z', '2026-11-23T16:29:55Z', now), true);
  });
});

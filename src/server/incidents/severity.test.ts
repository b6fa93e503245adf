import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveSeverity } from './severity.ts';

describe('deriveSeverity', () => {
  const cases: [string, string, string, string | null][] = [
    ['none', 'none', 'none', 'low'],
    ['low', 'none', 'low', 'low'],
    ['medium', 'low', 'none', 'medium'],
    ['high', 'low', 'medium', 'high'],
    ['high', 'high', 'none', 'critical'],
    ['high', 'high', 'high', 'critical'],
  ];
  for (const [c, i, a, expected] of cases) {
    it(`gives ${expected} for C=${c} I=${i} A=${a}`, () => {
      assert.equal(deriveSeverity({ confidentiality: c, integrity: i, availability: a } as never), expected);
    });
  }
  it('is null while the impact is not assessed', () => assert.equal(deriveSeverity(null), null));
});

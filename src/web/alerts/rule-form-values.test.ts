import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertRule } from '../../shared/triage-types.ts';
import { EMPTY_RULE, parseLabel, ruleToValues, valuesToBody } from './rule-form-values.ts';

describe('grouping rule form values', () => {
  it('reads "name=value" labels, keeping any further "=" in the value', () => {
    assert.deepEqual(parseLabel('env=production'), ['env', 'production']);
    assert.deepEqual(parseLabel(' query = a=b '), ['query', 'a=b']);
    assert.equal(parseLabel('=x'), null);
    assert.equal(parseLabel('noequals'), null);
  });

  it('sends only the conditions that were set, and an incident only for attach', () => {
    const body = valuesToBody({ ...EMPTY_RULE, name: ' Any ', incident: 'INC-2026-0001' });
    assert.deepEqual(body, {
      name: 'Any',
      customerId: null,
      match: {},
      groupBy: ['alertname'],
      windowMinutes: 5,
      action: 'triage',
      incident: null,
    });
  });

  it('gives back the rule it was made from', () => {
    const rule: AlertRule = {
      id: 'r1',
      position: 3,
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      name: 'Production criticals join INC-2026-0001',
      customerId: 'c1',
      match: { severities: ['critical'], labels: { env: 'production' }, sourceId: 's1' },
      groupBy: ['alertname', 'service'],
      windowMinutes: 30,
      action: 'attach',
      incident: 'INC-2026-0001',
    };
    const { id, position, createdAt, updatedAt, ...body } = rule;
    assert.deepEqual(valuesToBody(ruleToValues(rule)), body);
  });
});

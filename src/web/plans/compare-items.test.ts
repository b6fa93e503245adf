import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeLines } from './compare-items.ts';

describe('the summary of what publishing would change', () => {
  it('says nothing when nothing changed', () => {
    assert.deepEqual(changeLines([]), []);
  });

  it('gives one line per section, in the words of the plan', () => {
    const lines = changeLines([
      {
        section: 'services',
        added: ['Smart meter gateway'],
        removed: [],
        changed: [{ name: 'Customer portal', fields: ['connections'] }],
      },
      { section: 'pacePlans', added: [], removed: [], changed: [{ name: 'notify-customer', fields: ['levels', 'id'] }] },
      { section: 'contacts', added: [], removed: ['Old DPO'], changed: [] },
      { section: 'roster', added: [], removed: [], changed: [{ name: 'r-1', fields: ['entries'] }] },
    ]);
    assert.deepEqual(lines, [
      'Services and connections: added Smart meter gateway; changed Customer portal (connections)',
      'PACE ladders: changed Notify the customer (levels)',
      'Contacts: removed Old DPO',
      'Roster: changed the roster (people)',
    ]);
  });
});

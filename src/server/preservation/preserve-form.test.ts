import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PRESERVE_ITEMS } from '../../shared/preservation-types.ts';
import { preservationDifferences } from '../integrity/custody-replay.ts';
import { readPreserveForm } from './preserve-form.ts';
import { preserveItemsFor } from './preserve-items.ts';

const items = [
  { id: 'item-1', text: 'Firewall logs' },
  { id: 'item-2', text: 'Disk image' },
];

describe('reading the preservation page’s form', () => {
  it('takes the items with a choice, trimmed, and leaves the others open', () => {
    const read = readPreserveForm(items, { 'status-1': 'preserved', 'location-1': ' Safe B ', name: '  ' });
    assert.deepEqual(read, {
      ok: true,
      value: { answers: [{ itemId: 'item-2', status: 'preserved', location: 'Safe B', note: '' }], name: null },
    });
  });

  it('takes only the item of the button pressed', () => {
    const read = readPreserveForm(items, { only: '0', 'status-0': 'preserved', 'status-1': 'not-preserved', 'note-1': 'Gone' });
    assert.deepEqual(read.ok && read.value.answers.map((a) => a.itemId), ['item-1']);
  });

  it('names the field at fault: nothing chosen, a note without a choice, why missing, an unknown answer or button', () => {
    assert.deepEqual(readPreserveForm(items, {}), {
      ok: false,
      problem: 'Choose Preserved or Cannot preserve for at least one item.',
      field: 'status-0',
    });
    const noted = readPreserveForm(items, { 'note-1': 'in the safe' });
    assert.equal(noted.ok ? '' : noted.field, 'status-1');
    const why = readPreserveForm(items, { 'status-0': 'not-preserved' });
    assert.deepEqual(why, { ok: false, problem: 'Say why “Firewall logs” cannot be preserved.', field: 'note-0' });
    const unknown = readPreserveForm(items, { 'status-0': 'maybe' });
    assert.equal(unknown.ok ? '' : unknown.field, 'status-0');
    assert.equal(readPreserveForm(items, { only: '7', 'status-0': 'preserved' }).ok, false);
    const long = readPreserveForm(items, { 'status-0': 'preserved', 'location-0': 'x'.repeat(301) });
    assert.equal(long.ok ? '' : long.field, 'location-0');
  });
});

describe('what to ask the customer to preserve', () => {
  const playbooks = [
    {
      slug: 'ransomware',
      name: 'Ransomware',
      categories: ['malicious-code/infected-system'],
      preserve: ['Disk images', 'Backups'],
    },
    { slug: 'malware', name: 'Malware', categories: ['malicious-code'], preserve: ['disk images', 'EDR logs'] },
    { slug: 'bare', name: 'Bare', categories: ['availability'] },
  ];

  it('takes the applied playbooks’ items in order, without repeats', () => {
    const got = preserveItemsFor(playbooks, new Set(['malware', 'ransomware']), null);
    assert.deepEqual(got, { items: ['Disk images', 'Backups', 'EDR logs'], from: ['Ransomware', 'Malware'] });
  });

  it('else the first playbook the category suggests, else the default list', () => {
    assert.deepEqual(preserveItemsFor(playbooks, new Set(), 'malicious-code/spyware').from, ['Malware']);
    assert.deepEqual(preserveItemsFor(playbooks, new Set(['bare']), 'availability'), {
      items: [...DEFAULT_PRESERVE_ITEMS],
      from: [],
    });
  });
});

describe('a preservation request against its custody stream', () => {
  const requested = (itemId: string) => ({
    action: 'preservation_requested',
    location: null,
    note: '',
    details: { itemId },
    at: 't0',
  });
  const steps = [
    requested('item-1'),
    requested('item-2'),
    { action: 'not_preserved', location: null, note: 'Rotated', details: { itemId: 'item-1' }, at: 't1' },
    { action: 'preserved', location: 'Safe', note: '', details: { itemId: 'item-1' }, at: 't2' },
  ];
  const answers = { 'item-1': { status: 'preserved', location: 'Safe', note: '', by: 'Ola', at: 't2' } };

  it('matches when each item’s stored answer is its last step', () => {
    assert.deepEqual(preservationDifferences(JSON.stringify(items), JSON.stringify(answers), steps), []);
  });

  it('names an answer the stream does not end with, and an item never requested', () => {
    const earlier = { 'item-1': { status: 'not-preserved', location: '', note: 'Rotated', by: 'Ola', at: 't1' } };
    assert.deepEqual(preservationDifferences(JSON.stringify(items), JSON.stringify(earlier), steps), [
      'the stored answer to item-1 is not the last one on its custody stream',
    ]);
    assert.deepEqual(preservationDifferences(JSON.stringify(items), JSON.stringify(answers), steps.slice(1)), [
      'it lists 2 items but its custody stream records 1 requested',
    ]);
  });
});

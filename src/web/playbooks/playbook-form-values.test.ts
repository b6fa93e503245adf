import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { playbookChanges, toPlaybookForm } from './playbook-form-values.ts';

const playbook = { name: 'Ransomware', summary: '', categories: [], steps: [], preserve: ['Disk images', 'Firewall logs'] };

describe('the playbook form’s list of what to preserve', () => {
  it('shows one item a line and sends only a changed list, trimmed and without blank lines', () => {
    const before = toPlaybookForm(playbook);
    assert.equal(before.preserve, 'Disk images\nFirewall logs');
    assert.deepEqual(playbookChanges(before, { ...before, preserve: 'Disk images\n  Firewall logs  \n\n' }), {});
    assert.deepEqual(playbookChanges(before, { ...before, preserve: 'Disk images\nBackups\n' }), {
      preserve: ['Disk images', 'Backups'],
    });
  });

  it('starts empty for a playbook without a list', () => {
    assert.equal(toPlaybookForm({ ...playbook, preserve: undefined }).preserve, '');
  });
});

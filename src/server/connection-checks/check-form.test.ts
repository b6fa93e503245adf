import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckAnswerStatus, ConnectionToCheck } from '../../shared/connection-check-types.ts';
import { readCheckForm } from './check-form.ts';
import { compromisedServices } from './connection-checks.views.ts';

const connection = (connectionId: string, target: string, serviceId = 's1'): ConnectionToCheck => ({
  serviceId,
  serviceName: 'Payroll',
  connectionId,
  target,
  direction: 'outbound',
  protocol: '',
  account: '',
  purpose: '',
});
const list = [connection('a', 'sap'), connection('b', 'Billing  System')];

describe('reading the answer page’s form', () => {
  it('takes one of the three answers per connection, with trimmed notes and an optional name', () => {
    const read = readCheckForm(list, { 'status-0': 'clean', 'note-0': '  fine  ', 'status-1': 'not-checked', name: ' ' });
    assert.deepEqual(read, {
      ok: true,
      value: {
        answers: [
          { connectionId: 'a', status: 'clean', note: 'fine' },
          { connectionId: 'b', status: 'not-checked', note: '' },
        ],
        name: null,
      },
    });
  });

  it('names the connection of a missing or unknown answer, and a note or name too long', () => {
    const missing = readCheckForm(list, { 'status-0': 'clean' });
    assert.deepEqual(missing, { ok: false, problem: 'Choose an answer for Billing  System (Payroll).', field: 'status-1' });
    const unknown = readCheckForm(list, { 'status-0': 'fine', 'status-1': 'clean' });
    assert.equal(unknown.ok, false);
    assert.match(unknown.ok ? '' : unknown.problem, /^“fine” is not an answer for sap \(Payroll\)/);
    const long = readCheckForm(list, { 'status-0': 'clean', 'status-1': 'clean', 'note-1': 'x'.repeat(2001) });
    assert.equal(long.ok ? '' : long.field, 'note-1');
    const name = readCheckForm(list, { 'status-0': 'clean', 'status-1': 'clean', name: 'x'.repeat(201) });
    assert.equal(name.ok ? '' : name.field, 'name');
  });
});

describe('what a compromised connection leads to', () => {
  const services = [
    { id: 's1', name: 'Payroll' },
    { id: 's2', name: 'billing system' },
    { id: 's3', name: 'sap' },
  ];
  const answered = (a: CheckAnswerStatus, b: CheckAnswerStatus) => ({
    a: { status: a, note: '', answeredAt: '' },
    b: { status: b, note: '', answeredAt: '' },
  });

  it('finds the customer’s service a compromised target names, ignoring case and spacing, and says if it is on the incident', () => {
    const found = compromisedServices(list, answered('clean', 'compromised'), services, ['s1']);
    assert.deepEqual(found, [{ id: 's2', name: 'billing system', connectionIds: ['b'], onIncident: false }]);
    const on = compromisedServices(list, answered('compromised', 'compromised'), services, ['s1', 's3']);
    assert.deepEqual(
      on.map((s) => [s.id, s.onIncident]),
      [
        ['s3', true],
        ['s2', false],
      ],
    );
  });

  it('finds nothing before an answer, for clean ones, or for a connection to its own service', () => {
    assert.deepEqual(compromisedServices(list, null, services, []), []);
    assert.deepEqual(
      compromisedServices([connection('x', 'Payroll')], { x: { status: 'compromised', note: '', answeredAt: '' } }, services, []),
      [],
    );
  });
});

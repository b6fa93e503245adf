import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from '../incidents/describe-event.ts';

function event(type: string, data: Record<string, unknown>): TimelineEvent {
  return { type, data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

const sap = {
  serviceId: 's1',
  serviceName: 'Payroll',
  connectionId: 'c1',
  target: 'sap.nordlys.internal',
  direction: 'outbound',
  protocol: 'HTTPS/443',
  account: 'svc-pay',
  purpose: 'Salaries',
};

describe('timeline wording for connection checks', () => {
  it('says how many connections of which services the customer was asked to check', () => {
    const d = describeEvent(
      event('connection_check.requested', {
        checkId: 'k',
        notificationId: 'n',
        connections: [sap, { ...sap, connectionId: 'c2', target: 'billing', direction: 'both', account: '' }],
        expiresAt: '2026-11-30T16:00:00.000Z',
      }),
    );
    assert.equal(d.summary, 'asked the customer to check 2 connections of Payroll');
    assert.equal(d.details[0], 'Payroll to sap.nordlys.internal · HTTPS/443 · account svc-pay');
    assert.equal(d.details[1], 'Payroll to and from billing · HTTPS/443');
    assert.match(d.details[2], /^The link works once, until /);
  });

  it('counts the answers, compromised first, and lists each with its note', () => {
    const d = describeEvent(
      event('connection_check.answered', {
        checkId: 'k',
        notificationId: 'n',
        by: 'Ola',
        answers: [
          { connectionId: 'c1', serviceName: 'Payroll', target: 'sap.nordlys.internal', status: 'clean', note: '' },
          { connectionId: 'c2', serviceName: 'Payroll', target: 'billing', status: 'compromised', note: 'Logins at 03:12' },
        ],
      }),
    );
    assert.equal(d.summary, 'answered the connection check: 1 compromised, 1 checked and clean');
    assert.deepEqual(d.details, [
      'sap.nordlys.internal (Payroll): Checked and clean',
      'billing (Payroll): Compromised — Logins at 03:12',
    ]);
    assert.equal(d.kind, 'communication');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliveryAttempt, Notification } from '../../shared/notification-types.ts';
import { statusStyle } from './notification-labels.ts';

const attempt = (outcome: DeliveryAttempt['outcome']): DeliveryAttempt => ({
  level: 0,
  levelName: 'primary',
  at: '2026-11-20T10:02:00.000Z',
  channel: 'email to Ola Nordmann <ola@nordlys.example>',
  outcome,
  reason: outcome === 'failed' ? 'SMTP server could not be reached' : null,
  providerId: null,
  attempt: 1,
});

const badge = (status: Notification['status'], attempts: DeliveryAttempt[]) => statusStyle({ status, attempts }).label;

describe('the status badge of a notification', () => {
  it('says a ladder that ran out after a level took the message was delivered and nobody acknowledged it', () => {
    assert.equal(badge('exhausted', [attempt('accepted')]), 'Delivered, nobody acknowledged');
  });

  it('says nobody was reached when no level took it', () => {
    assert.equal(badge('exhausted', [attempt('failed'), attempt('failed')]), 'Nobody reached');
    assert.equal(badge('exhausted', []), 'Nobody reached');
  });

  it('keeps the other statuses as they are', () => {
    assert.equal(badge('delivered', [attempt('accepted')]), 'Delivered, not acknowledged');
    assert.equal(badge('acknowledged', [attempt('accepted')]), 'Acknowledged');
  });
});

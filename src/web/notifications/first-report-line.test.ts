import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliveryAttempt, LadderStep, Notification } from '../../shared/notification-types.ts';
import { firstReportLine } from './first-report-line.ts';

const step = (level: LadderStep['level'], contactName: string, channelType: LadderStep['channelType']): LadderStep => ({
  level,
  contactId: 'c1',
  contactName,
  channelId: 'ch1',
  channelType,
  address: 'x',
  clearedForRed: false,
  manual: channelType === 'manual',
  instruction: '',
  moveOn: { noAckMinutes: 15, onDeliveryFailure: true, onChannelCompromised: true },
});

const attempt = (level: number, outcome: DeliveryAttempt['outcome'], at: string): DeliveryAttempt => ({
  level,
  levelName: level === 0 ? 'primary' : 'alternate',
  at,
  channel: '',
  outcome,
  reason: null,
  providerId: null,
  attempt: 1,
});

const report = (over: Partial<Notification>): Notification =>
  ({
    id: 'n1',
    status: 'delivering',
    level: 0,
    ladder: [step('primary', 'Ola Nordmann', 'email'), step('alternate', 'Kari Nordmann', 'sms')],
    attempts: [],
    createdAt: '2026-11-20T10:01:00.000Z',
    ...over,
  }) as Notification;

const when = (iso: string) => iso.slice(11, 16);

describe('the line that says the first report went by itself', () => {
  it('says when it went and to whom, by the level that took it', () => {
    const delivered = report({
      status: 'delivered',
      level: 1,
      attempts: [attempt(0, 'failed', '2026-11-20T10:01:30.000Z'), attempt(1, 'accepted', '2026-11-20T10:02:00.000Z')],
    });
    assert.equal(firstReportLine(delivered, when), 'First report sent by itself at 10:02 to Kari Nordmann (SMS)');
    const first = report({ status: 'delivered', attempts: [attempt(0, 'accepted', '2026-11-20T10:02:00.000Z')] });
    assert.equal(firstReportLine(first, when), 'First report sent by itself at 10:02 to Ola Nordmann (email)');
  });

  it('says where it is on its way to before a level took it', () => {
    assert.equal(firstReportLine(report({}), when), 'First report sent by itself at 10:01, on its way to Ola Nordmann (email)');
  });
});

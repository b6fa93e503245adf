import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from './describe-event.ts';
import type { EventNames } from './event-description.ts';

const ADMIN = { id: 'u1', name: 'Demo Admin' };

function acknowledged(data: Record<string, unknown>): TimelineEvent {
  return {
    type: 'notification.acknowledged',
    actor: ADMIN,
    data: { notificationId: 'n1', level: 'emergency', by: ADMIN.name, note: '', ...data },
    occurredAt: '2026-11-23T16:00:00.000Z',
  } as unknown as TimelineEvent;
}

const noStages: EventNames = { stage: () => null };

describe('timeline wording for acknowledgements', () => {
  it('says who delivered a manual level by hand and for whom', () => {
    const d = describeEvent(acknowledged({ via: 'manual', recipient: 'Fjordbank duty officer', byHand: true }));
    assert.equal(d.summary, 'delivered a notification by hand to Fjordbank duty officer (emergency level)');
  });

  it('names the recipient, not the recording user, when someone records that the recipient has it', () => {
    const d = describeEvent(acknowledged({ via: 'manual', level: 'primary', recipient: 'Kari Nordmann', byHand: false }));
    assert.equal(d.summary, 'recorded that Kari Nordmann has a notification (primary level)');
  });

  it('describes older events, which lack the recipient, from the notification’s ladder', () => {
    const names: EventNames = {
      ...noStages,
      ladderStep: (id, level) =>
        id === 'n1' && level === 'emergency'
          ? { recipient: 'Ola at the muster point', manual: true, purpose: 'notify-customer' }
          : null,
    };
    const d = describeEvent(acknowledged({ via: 'manual' }), undefined, names);
    assert.equal(d.summary, 'delivered a notification by hand to Ola at the muster point (emergency level)');
  });

  it('names whom the purpose addresses when the manual level names no contact', () => {
    const d = describeEvent(acknowledged({ via: 'manual', recipient: null, purpose: 'notify-customer', byHand: true }));
    assert.equal(d.summary, 'delivered a notification by hand to the customer (emergency level)');
  });

  it('never says the recording user has the notification when nothing names the recipient', () => {
    const d = describeEvent(acknowledged({ via: 'manual' }), undefined, noStages);
    assert.equal(d.summary, 'recorded that the recipient has a notification (emergency level)');
    assert.doesNotMatch(d.summary, /Demo Admin/);
  });

  it('keeps the wording of an acknowledgement through the signed link', () => {
    assert.equal(describeEvent(acknowledged({ via: 'link' })).summary, 'acknowledged a notification (emergency level)');
  });
});

describe('timeline wording for the first report', () => {
  it('says the first report went by itself, as the customer’s plan says', () => {
    const event = {
      type: 'notification.requested',
      actor: { id: 'system', name: 'Muster' },
      data: { notificationId: 'n1', purpose: 'notify-customer', kind: 'message', subject: 'x', levels: [], automatic: true },
      occurredAt: '2026-11-23T16:00:00.000Z',
    } as unknown as TimelineEvent;
    assert.equal(describeEvent(event).summary, 'sent the first report to the customer by itself, as the customer’s plan says');
    const byPerson = { ...event, actor: ADMIN, data: { ...event.data, automatic: undefined } } as unknown as TimelineEvent;
    assert.equal(describeEvent(byPerson).summary, 'sent a report to the customer');
  });
});

describe('timeline wording for a ladder that ran out', () => {
  const exhausted = (data: Record<string, unknown>) =>
    ({
      type: 'notification.exhausted',
      actor: { id: 'system', name: 'Muster' },
      data: { notificationId: 'n1', from: 'primary', reason: 'no acknowledgement within 15 min', ...data },
      occurredAt: '2026-11-23T16:00:00.000Z',
    }) as unknown as TimelineEvent;

  it('says a message a level took was delivered and nobody acknowledged it, not that nobody was reached', () => {
    const d = describeEvent(exhausted({ delivered: true }));
    assert.equal(d.summary, 'ran out of levels for a notification: it was delivered, but nobody acknowledged it');
    assert.equal(d.reason, 'no acknowledgement within 15 min');
  });

  it('says nobody was reached when no level took it, and for events that do not say', () => {
    const failed = exhausted({ delivered: false, reason: 'delivery failed: SMTP server could not be reached' });
    assert.equal(describeEvent(failed).summary, 'ran out of levels for a notification: nobody was reached');
    assert.equal(describeEvent(exhausted({})).summary, 'ran out of levels for a notification: nobody was reached');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describePreservationEvent } from './describe-preservation-event.ts';

const event = (type: string, data: unknown) => ({ type, data }) as TimelineEvent;

describe('timeline wording of preservation requests', () => {
  it('lists the items asked for and until when', () => {
    const d = describePreservationEvent(
      event('preservation.requested', {
        requestId: 'r',
        notificationId: 'n',
        items: ['Firewall logs', 'Disk image'],
        keepUntil: '2027-06-30',
        expiresAt: '2027-01-08T10:00:00.000Z',
      }),
    );
    assert.equal(d?.summary, 'asked the customer to preserve 2 items');
    assert.deepEqual(d?.details?.slice(0, 3), ['Firewall logs', 'Disk image', 'Keep until 2027-06-30']);
  });

  it('counts the answers and says where each is kept, why not, and which were changed', () => {
    const d = describePreservationEvent(
      event('preservation.answered', {
        requestId: 'r',
        notificationId: 'n',
        by: null,
        answers: [
          { itemId: 'item-1', item: 'Firewall logs', status: 'preserved', location: 'Safe B', note: '', changed: false },
          { itemId: 'item-2', item: 'Disk image', status: 'not-preserved', location: '', note: 'Reimaged', changed: true },
        ],
      }),
    );
    assert.equal(d?.summary, 'answered the preservation request: 1 preserved, 1 cannot preserve');
    assert.deepEqual(d?.details, [
      'Firewall logs: Preserved at Safe B',
      'Disk image: Cannot preserve — Reimaged (changed answer)',
    ]);
  });

  it('leaves other events alone', () => {
    assert.equal(describePreservationEvent(event('note.added', { body: 'x' })), null);
  });
});

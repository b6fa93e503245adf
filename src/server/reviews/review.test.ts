import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { decideReviewUpdate, evolveReview, type ReviewEvent, reviewRequired, reviewSnapshot } from './review.ts';
import type { ReviewRow } from './reviews.queries.ts';

let seq = 0;
const stored = (e: ReviewEvent, at = '2026-11-20T12:00:00.000Z') =>
  ({
    ...e,
    position: ++seq,
    streamId: 'i1',
    seq,
    actor: { id: 'u1', name: 'Ada' },
    occurredAt: at,
    recordedAt: at,
    prevHash: '',
    hash: '',
    streamType: 'incident',
    customerId: null,
  }) as StoredEvent<IncidentEvent> as StoredEvent<ReviewEvent>;

const fold = (row: ReviewRow | null, events: ReviewEvent[]) =>
  events.reduce<ReviewRow | null>((r, e) => evolveReview(r, stored(e), 'c1'), row) as ReviewRow;

describe('the review rules', () => {
  it('needs a review for medium severity and above by default, and follows the customer’s list', () => {
    assert.deepEqual(
      (['low', 'medium', 'high', 'critical'] as const).map((s) => reviewRequired(s, undefined)),
      [false, true, true, true],
    );
    assert.equal(reviewRequired('high', ['critical']), false);
    assert.equal(reviewRequired('low', ['low']), true);
    assert.equal(reviewRequired(null, undefined), false);
  });

  it('reopens the same review keeping what was written, clearing the completion and the frozen findings', () => {
    let row = fold(null, [
      { type: 'review.opened', data: { required: true } },
      { type: 'review.updated', data: { changes: { lessons: 'Test restores' }, previous: { lessons: '' } } },
      { type: 'review.completed', data: { at: '2026-11-20T13:00:00.000Z' } },
    ]);
    row = { ...row, findings: '{"frozen":true}' };
    assert.equal(row.status, 'completed');
    assert.equal(row.completed_by, 'Ada');
    assert.equal(row.version, 3);
    const reopened = fold(row, [{ type: 'review.opened', data: { required: false } }]);
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.required, 0);
    assert.equal(reopened.findings, null);
    assert.equal(reopened.completed_at, null);
    assert.equal(reopened.version, 4);
    assert.equal(JSON.parse(reopened.fields).lessons, 'Test restores');
  });

  it('records only the fields that differ, with what they were', () => {
    const row = fold(null, [{ type: 'review.opened', data: { required: true } }]);
    const review = reviewSnapshot(row);
    assert.ok(review);
    assert.deepEqual(decideReviewUpdate(review, { changes: { lessons: '', participants: [] } }), []);
    assert.deepEqual(decideReviewUpdate(review, { expectedVersion: 1, changes: { participants: ['Ada'], lessons: '' } }), [
      { type: 'review.updated', data: { changes: { participants: ['Ada'] }, previous: { participants: [] } } },
    ]);
    assert.throws(() => decideReviewUpdate(review, { expectedVersion: 0, changes: { lessons: 'x' } }), /version 0, now 1/);
  });
});

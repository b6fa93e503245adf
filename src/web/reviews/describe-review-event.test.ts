import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from '../incidents/describe-event.ts';

function event(type: string, data: Record<string, unknown>): TimelineEvent {
  return { type, data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

describe('timeline wording for the review events', () => {
  it('says whether the review opened is required, and names the fields changed', () => {
    const opened = describeEvent(event('review.opened', { required: true }));
    assert.equal(opened.summary, 'opened the post-incident review');
    assert.deepEqual(opened.details, ['Required before the incident closes']);
    const updated = describeEvent(
      event('review.updated', {
        changes: { lessons: 'Test the restore monthly', participants: ['Ada', 'Ola'] },
        previous: { lessons: '', participants: [] },
      }),
    );
    assert.equal(updated.summary, 'updated the review: lessons learned, participants');
    assert.deepEqual(updated.details, ['Lessons learned: Test the restore monthly', 'Participants: Ada, Ola']);
  });

  it('gives the waiver its reason', () => {
    const waived = describeEvent(event('review.waived', { reason: 'Reviewed with INC-2026-0007' }));
    assert.match(waived.summary, /waived the post-incident review/);
    assert.equal(waived.reason, 'Reviewed with INC-2026-0007');
    assert.match(describeEvent(event('review.completed', { at: '2026-11-23T16:00:00.000Z' })).summary, /completed/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from '../incidents/describe-event.ts';

function event(data: Record<string, unknown>): TimelineEvent {
  return { type: 'effects.assessed', data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

describe('timeline wording for the effects assessment', () => {
  it('names the one question answered, with its facts as details', () => {
    const d = describeEvent(
      event({
        changes: { 'personal-data': { answer: 'yes', detail: 'Payroll records', confidence: 'high' } },
        previous: { 'personal-data': null },
      }),
    );
    assert.equal(d.summary, 'answered “Is personal data involved?”: Yes');
    assert.deepEqual(d.details, ['Confidence: High', 'Detail: Payroll records']);
  });

  it('says what a changed answer was, and counts several answers with a line each', () => {
    const changed = describeEvent(
      event({
        changes: {
          malware: { answer: 'yes', detail: '', confidence: null, scans: [{ toolkit: 'ClamAV', result: 'detected', note: '' }] },
        },
        previous: { malware: { answer: 'unknown', detail: '', confidence: null, scans: [] } },
      }),
    );
    assert.equal(changed.summary, 'changed the answer to “Was malware introduced?”: Yes');
    assert.deepEqual(changed.details, ['Was: Unknown', 'Scans: ClamAV: malware detected']);
    const several = describeEvent(
      event({
        changes: {
          'files-accessed': { answer: 'yes', detail: 'fs01', confidence: null },
          reputation: { answer: 'no', detail: '', confidence: 'low' },
        },
        previous: { 'files-accessed': null, reputation: null },
      }),
    );
    assert.equal(several.summary, 'answered 2 effects questions');
    assert.deepEqual(several.details, [
      'Were files or databases accessed? Yes · Detail: fs01',
      'Is there reputational damage, or a risk of it? No · Confidence: Low',
    ]);
  });
});

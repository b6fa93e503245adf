import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTime } from '../core/print/print-time.ts';
import { NIS2_ART_23 } from '../obligations/obligation-library.ts';
import { conditionWords, deadlineWords, durationWords, moveOnWords } from './offline-kit-words.ts';

describe('words for the offline kit', () => {
  describe('durationWords (table)', () => {
    const table: [object, string][] = [
      [{ hours: 72 }, '72 hours'],
      [{ hours: 1 }, '1 hour'],
      [{ months: 1 }, '1 month'],
      [{ days: 1, hours: 2 }, '1 day and 2 hours'],
      [{ days: 2, hours: 3, minutes: 30 }, '2 days, 3 hours and 30 minutes'],
      [{}, ''],
      [{ hours: 0 }, ''],
    ];
    for (const [duration, expected] of table) {
      it(`${JSON.stringify(duration)} is "${expected}"`, () => assert.equal(durationWords(duration), expected));
    }
  });

  describe('deadlineWords (table)', () => {
    const stage = (deadlines: { from: string; after: object }[]) => ({ id: 's', name: 'S', deadlines });
    const nis2 = NIS2_ART_23;
    const table: [string, ReturnType<typeof stage>, string][] = [
      ['a clock from awareness', stage([{ from: 'aware', after: { hours: 72 } }]), '72 hours after awareness'],
      ['a clock that starts at once', stage([{ from: 'aware', after: {} }]), 'immediately on awareness'],
      [
        'a clock from classification',
        stage([{ from: 'classified', after: { hours: 4 } }]),
        '4 hours after classification (decision point 2)',
      ],
      [
        'a clock from a determination',
        stage([{ from: 'determination:major', after: { hours: 4 } }]),
        '4 hours after the “major” determination',
      ],
      [
        'a clock from an earlier stage, by its name',
        stage([{ from: 'stage:notification', after: { months: 1 } }]),
        '1 month after the “Incident notification” stage is submitted',
      ],
      [
        'several clocks',
        stage([
          { from: 'classified', after: { hours: 4 } },
          { from: 'aware', after: { hours: 24 } },
        ]),
        '4 hours after classification (decision point 2) or 24 hours after awareness, whichever comes first',
      ],
    ];
    for (const [label, s, expected] of table) {
      it(label, () => assert.equal(deadlineWords(s, nis2), expected));
    }
  });

  describe('conditionWords (table)', () => {
    const table: [Parameters<typeof conditionWords>[0], string][] = [
      [{ field: 'personalData', equals: true }, 'personal data is involved'],
      [{ field: 'severity', atLeast: 'high' }, 'the severity is high or higher'],
      [{ field: 'origin', in: ['attack', 'unintentional-error'] }, 'the origin is attack or unintentional error'],
      [{ field: 'serviceCriticality', atLeast: 'critical' }, 'an affected service’s criticality is critical or higher'],
      [
        { field: 'determination', made: 'high-risk-to-data-subjects' },
        'the “high risk to data subjects” determination has been made',
      ],
      [{ field: 'category', in: ['malicious-code'] }, 'the category is malicious-code'],
    ];
    for (const [condition, expected] of table) {
      it(expected, () => assert.equal(conditionWords(condition), expected));
    }
  });

  describe('moveOnWords (table)', () => {
    const table: [string, Parameters<typeof moveOnWords>, string][] = [
      [
        'every trigger',
        [{ noAckMinutes: 15, onDeliveryFailure: true, onChannelCompromised: true }, false],
        'Move on if no acknowledgement within 15 minutes, delivery fails or the channel is declared compromised.',
      ],
      [
        'only on failure',
        [{ noAckMinutes: null, onDeliveryFailure: true, onChannelCompromised: false }, false],
        'Move on if delivery fails.',
      ],
      [
        'no trigger',
        [{ noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false }, false],
        'Only when the incident manager decides.',
      ],
      [
        'the last level',
        [{ noAckMinutes: 5, onDeliveryFailure: true, onChannelCompromised: true }, true],
        'Last level: keep trying and tell the incident manager.',
      ],
    ];
    for (const [label, args, expected] of table) {
      it(label, () => assert.equal(moveOnWords(...args), expected));
    }
  });

  describe('formatTime (table)', () => {
    const table: [string, string, string][] = [
      ['2026-03-02T13:30:00.000Z', 'UTC', '2026-03-02 13:30 UTC'],
      ['2026-03-02T13:30:00.000Z', 'Europe/Oslo', '2026-03-02 14:30 Europe/Oslo (UTC+01:00)'],
      ['2026-07-02T13:30:00.000Z', 'Europe/Oslo', '2026-07-02 15:30 Europe/Oslo (UTC+02:00)'],
      ['2026-03-02T23:30:00.000Z', 'Asia/Kolkata', '2026-03-03 05:00 Asia/Kolkata (UTC+05:30)'],
      ['2026-09-01', 'Europe/Oslo', '2026-09-01'],
    ];
    for (const [iso, zone, expected] of table) {
      it(`${iso} in ${zone}`, () => assert.equal(formatTime(iso, zone), expected));
    }
  });
});

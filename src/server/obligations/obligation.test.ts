import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateObligation, type ObligationFacts } from './obligation.ts';
import {
  contractObligations,
  DORA_MAJOR,
  GDPR_ART_33,
  GDPR_ART_34,
  NIS2_ART_23,
  NO_DIGITAL_SECURITY_ACT,
  NO_SECURITY_ACT_4_5,
  OBLIGATION_LIBRARY,
} from './obligation-library.ts';

const AWARE = '2026-11-20T08:00:00.000Z';
const NOW = new Date('2026-11-20T12:00:00.000Z');

const base: ObligationFacts = {
  personalData: null,
  severity: null,
  category: null,
  origin: 'unknown',
  serviceCriticality: null,
  awareAt: AWARE,
  classifiedAt: null,
  determinations: {},
  submissions: {},
};
const facts = (over: Partial<ObligationFacts>): ObligationFacts => ({ ...base, ...over });
const [contractWithin4h, contractAttack] = contractObligations({ customerName: 'Acme', hours: 4, severityAtLeast: 'high' });

describe('which obligations apply (table)', () => {
  const table: [string, Partial<ObligationFacts>, string[]][] = [
    ['nothing known yet', {}, ['no-security-act-4-5']],
    ['a technical failure of low severity', { origin: 'technical-failure', severity: 'low' }, []],
    ['personal data involved', { origin: 'unintentional-error', personalData: true }, ['gdpr-art-33']],
    [
      'personal data with high risk to data subjects',
      { origin: 'unintentional-error', personalData: true, determinations: { 'high-risk-to-data-subjects': AWARE } },
      ['gdpr-art-33', 'gdpr-art-34'],
    ],
    [
      'high risk determined but no personal data',
      { origin: 'technical-failure', determinations: { 'high-risk-to-data-subjects': AWARE } },
      [],
    ],
    [
      'a significant incident',
      { origin: 'technical-failure', determinations: { significant: AWARE } },
      ['nis2-art-23', 'no-digital-security-act'],
    ],
    ['a major ICT incident', { origin: 'technical-failure', determinations: { major: AWARE } }, ['dora-major-ict-incident']],
    ['an attack', { origin: 'attack' }, ['no-security-act-4-5']],
  ];
  for (const [label, over, expected] of table) {
    it(label, () => {
      const applying = OBLIGATION_LIBRARY.filter((o) => evaluateObligation(o, facts(over), NOW).applies).map((o) => o.id);
      assert.deepEqual(applying, expected);
    });
  }

  const contractTable: [string, Partial<ObligationFacts>, boolean, boolean][] = [
    ['medium severity, no attack', { severity: 'medium', origin: 'technical-failure' }, false, false],
    ['high severity', { severity: 'high', origin: 'technical-failure' }, true, false],
    ['critical severity attack', { severity: 'critical', origin: 'attack' }, true, true],
    ['suspected attack not yet assessed', { origin: 'attack' }, false, true],
  ];
  for (const [label, over, within, attack] of contractTable) {
    it(`contract template: ${label}`, () => {
      assert.equal(evaluateObligation(contractWithin4h, facts(over), NOW).applies, within);
      assert.equal(evaluateObligation(contractAttack, facts(over), NOW).applies, attack);
    });
  }
});

describe('clocks', () => {
  it('GDPR Art. 33 runs 72 hours from awareness', () => {
    const [stage] = evaluateObligation(GDPR_ART_33, facts({ personalData: true }), NOW).stages;
    assert.deepEqual([stage.dueAt, stage.startedAt, stage.status], ['2026-11-23T08:00:00.000Z', AWARE, 'running']);
  });

  it('NIS2 gives 24 h and 72 h from awareness, and the final report a month after the notification', () => {
    const submitted = '2026-11-22T10:00:00.000Z';
    const verdict = evaluateObligation(
      NIS2_ART_23,
      facts({ determinations: { significant: AWARE }, submissions: { 'nis2-art-23/notification': submitted } }),
      NOW,
    );
    assert.deepEqual(
      verdict.stages.map((s) => [s.stageId, s.dueAt, s.status]),
      [
        ['early-warning', '2026-11-21T08:00:00.000Z', 'running'],
        ['notification', '2026-11-23T08:00:00.000Z', 'met'],
        ['final-report', '2026-12-22T10:00:00.000Z', 'running'],
      ],
    );
  });

  it('DORA initial notification is due at the earlier of 4 h after "major" and 24 h after awareness', () => {
    const early = evaluateObligation(DORA_MAJOR, facts({ determinations: { major: '2026-11-20T09:00:00.000Z' } }), NOW);
    assert.equal(early.stages[0].dueAt, '2026-11-20T13:00:00.000Z');
    const late = evaluateObligation(DORA_MAJOR, facts({ determinations: { major: '2026-11-21T06:00:00.000Z' } }), NOW);
    assert.equal(late.stages[0].dueAt, '2026-11-21T08:00:00.000Z');
    assert.equal(late.stages[1].status, 'waiting', 'the intermediate clock starts with the initial submission');
  });

  it('a clock that started late shows as overdue', () => {
    const verdict = evaluateObligation(NO_SECURITY_ACT_4_5, facts({ origin: 'attack' }), NOW);
    assert.deepEqual([verdict.stages[0].dueAt, verdict.stages[0].status], ['2026-11-20T09:00:00.000Z', 'overdue']);
  });

  it('"immediately" is a real window: an hour in the contract template unless the contract says otherwise', () => {
    const attack = facts({ origin: 'attack', awareAt: '2026-11-20T11:59:59.500Z' });
    const [stage] = evaluateObligation(contractAttack, attack, NOW).stages;
    assert.deepEqual([stage.dueAt, stage.status, stage.wording], ['2026-11-20T12:59:59.500Z', 'running', 'immediately']);
    const [, quarter] = contractObligations({ customerName: 'Acme', hours: 4, severityAtLeast: 'high', immediatelyMinutes: 15 });
    assert.equal(evaluateObligation(quarter, attack, NOW).stages[0].dueAt, '2026-11-20T12:14:59.500Z');
  });

  it('every deadline in the library and the contract template is a real window, never zero', () => {
    for (const o of [...OBLIGATION_LIBRARY, contractWithin4h, contractAttack]) {
      for (const stage of o.stages) {
        for (const d of stage.deadlines) {
          const total = Object.values(d.after).reduce((sum, n) => sum + (n ?? 0), 0);
          assert.ok(total > 0, `${o.id}/${stage.id} from ${d.from}`);
        }
      }
    }
  });

  it('a submission after the deadline is met late', () => {
    const verdict = evaluateObligation(
      NO_DIGITAL_SECURITY_ACT,
      facts({
        determinations: { significant: AWARE },
        submissions: { 'no-digital-security-act/notification': '2026-11-22T08:00:00.000Z' },
      }),
      NOW,
    );
    assert.equal(verdict.stages[0].status, 'met-late');
  });

  it('GDPR Art. 34 has no clock until high risk is determined', () => {
    const verdict = evaluateObligation(GDPR_ART_34, facts({ personalData: true }), NOW);
    assert.deepEqual([verdict.applies, verdict.stages[0].status], [false, 'waiting']);
  });

  it('every library entry cites its source', () => {
    for (const o of OBLIGATION_LIBRARY) assert.ok(o.source.citation.length > 5, o.id);
  });
});

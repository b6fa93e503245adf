import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EffectChoice, EffectQuestionId, EffectsState } from '../../shared/effects.ts';
import type { Impact } from '../../shared/incident-vocabulary.ts';
import { effectsWarnings } from './effects-warnings.ts';
import { proposeImpact } from './propose-impact.ts';

const AT = '2026-11-23T16:00:00.000Z';

function answers(given: Partial<Record<EffectQuestionId, EffectChoice>>): EffectsState {
  return Object.fromEntries(
    Object.entries(given).map(([id, answer]) => [id, { answer, detail: '', confidence: null, at: AT, by: 'Ada' }]),
  );
}

const impact = (confidentiality: string, integrity: string, availability: string) =>
  ({ confidentiality, integrity, availability }) as Impact;

describe('proposeImpact', () => {
  it('proposes nothing without a yes', () => {
    assert.deepEqual(proposeImpact(null, undefined), { impact: null, severity: null, raises: [] });
    const p = proposeImpact(null, answers({ 'files-accessed': 'no', malware: 'unknown', 'personal-data': 'yes' }));
    assert.equal(p.impact, null, 'personal data alone bears on no dimension (it starts clocks instead)');
  });

  it('raises each dimension a yes points to, to the highest level among them, and derives the severity', () => {
    const p = proposeImpact(
      impact('low', 'none', 'none'),
      answers({ 'files-accessed': 'yes', 'confidential-theft': 'yes', 'service-disruption': 'yes' }),
    );
    assert.deepEqual(p.impact, impact('high', 'none', 'medium'));
    assert.equal(p.severity, 'high');
    assert.deepEqual(p.raises, [
      { dimension: 'confidentiality', from: 'low', to: 'high', because: ['files-accessed', 'confidential-theft'] },
      { dimension: 'availability', from: 'none', to: 'medium', because: ['service-disruption'] },
    ]);
  });

  it('gives critical when two dimensions become high', () => {
    const p = proposeImpact(null, answers({ 'data-published': 'yes', malware: 'yes' }));
    assert.deepEqual(p.impact, impact('high', 'high', 'none'), 'dimensions not assessed and not raised are none');
    assert.equal(p.severity, 'critical');
    assert.equal(p.raises[0].from, null);
  });

  it('never lowers, and proposes nothing when the impact already covers the answers', () => {
    const current = impact('high', 'medium', 'high');
    assert.equal(proposeImpact(current, answers({ 'files-accessed': 'yes', defacement: 'yes' })).impact, null);
    const p = proposeImpact(current, answers({ malware: 'yes', 'files-accessed': 'yes' }));
    assert.deepEqual(p.impact, impact('high', 'high', 'high'));
    assert.deepEqual(
      p.raises.map((r) => r.dimension),
      ['integrity'],
    );
  });
});

describe('effectsWarnings', () => {
  it('asks for a second antivirus toolkit and notices a detection answered no', () => {
    const effects = answers({ malware: 'no' });
    const malware = effects.malware;
    assert.ok(malware);
    malware.scans = [{ toolkit: 'ClamAV', result: 'detected', note: '' }];
    assert.deepEqual(
      effectsWarnings(effects, null).map((w) => w.message),
      ['Scan with more than one antivirus toolkit: one scan is recorded.', 'The answer is no, but ClamAV detected malware.'],
    );
  });

  it('says when the incident no longer agrees with the personal-data answer', () => {
    const effects = answers({ 'personal-data': 'yes' });
    assert.deepEqual(effectsWarnings(effects, true), []);
    assert.match(effectsWarnings(effects, false)[0].message, /set to no after this answer/);
  });
});

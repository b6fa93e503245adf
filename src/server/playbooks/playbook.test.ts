import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import { type Playbook, type PlaybookPhase, type PlaybookStep, suggestPlaybooks, validatePlaybook } from './playbook.ts';
import { PLAYBOOK_LIBRARY } from './playbook-library.ts';

const step = (id: string, overrides: Partial<PlaybookStep> = {}): PlaybookStep => ({
  id,
  phase: 'contain',
  title: `Step ${id}`,
  detail: 'Do it.',
  role: 'it-operations',
  needsCustomerInstruction: false,
  record: [],
  ...overrides,
});

const playbook = (id: string, categories: string[], steps: PlaybookStep[] = [step('a')]): Playbook => ({
  id,
  version: 1,
  name: `Playbook ${id}`,
  summary: '',
  categories,
  steps,
});

const byId = (id: string): Playbook => {
  const found = PLAYBOOK_LIBRARY.find((p) => p.id === id);
  assert.ok(found, `library has playbook "${id}"`);
  return found;
};

describe('playbook library', () => {
  it('has at least the eleven threat playbooks', () => {
    for (const id of [
      'ransomware',
      'phishing-credential-theft',
      'personal-data-breach',
      'ddos',
      'website-defacement',
      'endpoint-malware',
      'insider-policy-violation',
      'lost-stolen-device',
      'vulnerability-report',
      'technical-failure',
      'unintentional-error',
    ]) {
      byId(id);
    }
  });

  it('every playbook validates with no problems', () => {
    for (const p of PLAYBOOK_LIBRARY) assert.deepEqual(validatePlaybook(p), [], p.id);
  });

  it('playbook ids are unique', () => {
    const ids = PLAYBOOK_LIBRARY.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('every playbook is version 1 with 8 to 16 steps, each with something to record', () => {
    for (const p of PLAYBOOK_LIBRARY) {
      assert.equal(p.version, 1, p.id);
      assert.ok(p.steps.length >= 8 && p.steps.length <= 16, `${p.id} has ${p.steps.length} steps`);
      assert.ok(p.categories.length > 0, `${p.id} has categories`);
      for (const s of p.steps) assert.ok(s.record.length > 0, `${p.id}/${s.id} records something`);
    }
  });

  it('every playbook covers at least contain, investigate and communicate', () => {
    const required: PlaybookPhase[] = ['contain', 'investigate', 'communicate'];
    for (const p of PLAYBOOK_LIBRARY) {
      const phases = new Set(p.steps.map((s) => s.phase));
      for (const phase of required) assert.ok(phases.has(phase), `${p.id} covers ${phase}`);
    }
  });

  it('ransomware, data breach and defacement each wait for a customer instruction somewhere', () => {
    for (const id of ['ransomware', 'personal-data-breach', 'website-defacement']) {
      assert.ok(
        byId(id).steps.some((s) => s.needsCustomerInstruction),
        `${id} has a step that needs a customer instruction`,
      );
    }
  });

  it('isolating, restoring and contacting the attacker in ransomware need a customer instruction', () => {
    const steps = new Map(byId('ransomware').steps.map((s) => [s.id, s]));
    for (const id of ['isolate', 'rebuild-restore', 'no-attacker-contact', 'remove-access']) {
      assert.equal(steps.get(id)?.needsCustomerInstruction, true, id);
    }
    assert.equal(steps.get('report-customer')?.needsCustomerInstruction, false);
  });
});

describe('suggestPlaybooks', () => {
  const classOnly = playbook('class-only', ['availability']);
  const exact = playbook('exact', ['availability/ddos']);
  const other = playbook('other', ['fraud/phishing']);
  const sibling = playbook('sibling', ['availability/outage']);
  const both = playbook('both', ['availability', 'availability/ddos']);

  it('ranks exact category matches before whole-class matches', () => {
    const ids = suggestPlaybooks([classOnly, other, sibling, exact, both], 'availability/ddos').map((p) => p.id);
    assert.deepEqual(ids, ['exact', 'both', 'class-only']);
  });

  it('returns [] for no category, and for a category nothing fits', () => {
    assert.deepEqual(suggestPlaybooks([classOnly, exact], null), []);
    assert.deepEqual(suggestPlaybooks([classOnly, exact], ''), []);
    assert.deepEqual(suggestPlaybooks([classOnly, exact], 'test/test'), []);
  });

  it('suggests the DDoS playbook first from the library', () => {
    assert.equal(suggestPlaybooks(PLAYBOOK_LIBRARY, 'availability/ddos')[0]?.id, 'ddos');
    assert.equal(suggestPlaybooks(PLAYBOOK_LIBRARY, 'vulnerable/weak-crypto')[0]?.id, 'vulnerability-report');
  });
});

describe('validatePlaybook', () => {
  it('accepts a minimal valid playbook', () => {
    assert.deepEqual(validatePlaybook(playbook('ok', ['availability', 'fraud/phishing'])), []);
  });

  it('reports each kind of problem in a broken playbook', () => {
    const broken = playbook(
      'broken',
      ['availability/ddos', 'not-a-class/whatever'],
      [
        step('one', { role: 'janitor' as IncidentRole }),
        step('two', { phase: 'celebrate' as PlaybookPhase }),
        step('one'),
        step('three', { title: '  ' }),
      ],
    );
    const problems = validatePlaybook(broken);
    const has = (pattern: RegExp) =>
      assert.ok(
        problems.some((p) => pattern.test(p)),
        `${pattern} in ${JSON.stringify(problems)}`,
      );
    has(/unknown role "janitor"/);
    has(/unknown phase "celebrate"/);
    has(/unknown category "not-a-class\/whatever"/);
    has(/duplicate step id "one"/);
    has(/step "three" has an empty title/);
    assert.equal(problems.length, 5, JSON.stringify(problems));
  });

  it('checks a step’s due time: a known clock, whole units, some time after it starts', () => {
    const due = (value: unknown) => step('x', { due: value as PlaybookStep['due'] });
    assert.deepEqual(
      validatePlaybook(playbook('ok', [], [due({ from: 'dp1', after: { hours: 2 } }), step('y', { due: null })])),
      [],
    );
    const problems = validatePlaybook(
      playbook(
        'late',
        [],
        [
          due({ from: 'lunch', after: { hours: 1 } }),
          step('b', { due: { from: 'aware', after: { weeks: 1 } } as unknown as PlaybookStep['due'] }),
          step('c', { due: { from: 'dp2', after: { minutes: 0 } } }),
          step('d', { due: { from: 'aware', after: { hours: 1.5 } } }),
        ],
      ),
    );
    assert.equal(problems.length, 4, JSON.stringify(problems));
    assert.match(problems[0], /runs from "lunch"/);
    assert.match(problems[1], /unknown unit "weeks"/);
    assert.match(problems.join(' '), /step "c": its due time must be some time after its clock starts/);
    assert.match(problems.join(' '), /step "d": its due time's hours must be a whole number/);
  });

  it('reports a playbook without steps', () => {
    assert.deepEqual(validatePlaybook(playbook('empty', ['availability'], [])), ['Playbook "empty" has no steps.']);
  });
});

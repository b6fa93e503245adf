import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { EffectsAssessment } from '../../shared/effects.ts';
import { EFFECT_QUESTIONS } from '../../shared/effects.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

type Clock = { incidentId: string; obligationId: string; status: string; dueAt: string | null };

for (const dialect of await testDialects()) {
  describe(`effects assessment on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    const effects = (id: string, token?: string) => f.call('GET', `/api/v1/incidents/${id}/effects`, undefined, token);
    const assess = (id: string, body: unknown, token?: string) => f.call('PUT', `/api/v1/incidents/${id}/effects`, body, token);
    /** The data of the incident's effects.assessed events, oldest first. */
    const assessments = async (id: string) =>
      (await f.timeline(id)).flatMap((e) => (e.type === 'effects.assessed' ? [e.data] : []));

    it('starts the GDPR Art. 33 clock in the same request when personal data is answered yes', async () => {
      const awareAt = new Date(Date.now() - 30 * MINUTE).toISOString();
      const inc = await f.incident({ title: 'Payroll share readable by everyone', awareAt });
      assert.equal(inc.personalData, null);
      const before = (await effects(inc.id)).body as EffectsAssessment;
      assert.deepEqual(
        before.answers.map((a) => [a.question, a.answer]),
        EFFECT_QUESTIONS.map((q) => [q.id, null]),
        'every question, in order, unanswered',
      );
      assert.deepEqual(before.clocks, [], 'no clock runs while personal data is not known');

      const res = await assess(inc.id, {
        answers: [{ question: 'personal-data', answer: 'yes', detail: 'Salaries and national ID numbers', confidence: 'high' }],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.personalData, true);
      assert.equal(res.body.incident.personalData, true, 'the incident itself says so');
      const clock = res.body.clocks.find((c: Clock) => c.obligationId === 'gdpr-art-33');
      assert.ok(clock, `the PUT's answer lists the GDPR clock: ${JSON.stringify(res.body.clocks)}`);
      assert.equal(clock.status, 'running');
      assert.equal(clock.dueAt, new Date(Date.parse(awareAt) + 72 * 60 * MINUTE).toISOString(), '72 hours from awareness');
      const answer = res.body.answers.find((a: { question: string }) => a.question === 'personal-data');
      assert.equal(answer.answer, 'yes');
      assert.equal(answer.detail, 'Salaries and national ID numbers');
      assert.equal(answer.confidence, 'high');
      assert.equal(answer.answeredBy, 'Ada Admin');
      assert.equal(res.body.answered, 1);

      const deadlines = (await f.call('GET', '/api/v1/deadlines?scope=all')).body.items.filter(
        (d: Clock) => d.incidentId === inc.id,
      );
      assert.deepEqual(
        deadlines.map((d: Clock) => [d.obligationId, d.status]),
        [['gdpr-art-33', 'running']],
      );
      const plan = (await f.call('GET', `/api/v1/incidents/${inc.id}/plan`)).body.incidentPlan;
      const gdpr = plan.obligations.find((o: { obligationId: string }) => o.obligationId === 'gdpr-art-33');
      assert.equal(gdpr.applies, true, 'the incident page shows the obligation applying');

      const [assessed, updated] = (await f.timeline(inc.id)).slice(-2);
      assert.equal(assessed.type, 'effects.assessed');
      assert.equal(updated.type, 'incident.updated');
      assert.deepEqual(updated.data, { changes: { personalData: true }, previous: { personalData: null } });

      const unknown = await assess(inc.id, { answers: [{ question: 'personal-data', answer: 'unknown' }] });
      assert.equal(unknown.body.personalData, true, 'unknown leaves the incident as it was');
      assert.equal(unknown.body.clocks.length, 1);
      const no = await assess(inc.id, { answers: [{ question: 'personal-data', answer: 'no', detail: 'Test data only' }] });
      assert.equal(no.body.personalData, false);
      assert.deepEqual(no.body.clocks, [], 'no personal data: the GDPR clock stops applying');
    });

    it('warns when the incident was edited away from the personal-data answer, and sets it back when answered again', async () => {
      const inc = await f.incident();
      await assess(inc.id, { answers: [{ question: 'personal-data', answer: 'yes' }] });
      const edited = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, { personalData: false });
      assert.equal(edited.status, 200);
      const view = (await effects(inc.id)).body as EffectsAssessment;
      assert.deepEqual(
        view.warnings.map((w) => w.question),
        ['personal-data'],
      );
      assert.deepEqual(view.clocks, []);

      const again = await assess(inc.id, { answers: [{ question: 'personal-data', answer: 'yes' }] });
      assert.equal(again.body.personalData, true);
      assert.equal(again.body.clocks[0]?.obligationId, 'gdpr-art-33');
      assert.deepEqual(again.body.warnings, []);
      assert.equal((await assessments(inc.id)).length, 1, 'the answer itself did not change');
      assert.equal((await f.timeline(inc.id)).at(-1)?.type, 'incident.updated');
    });

    it('records each change as one timeline event with what it replaced, and nothing when nothing changed', async () => {
      const inc = await f.incident();
      const first = await assess(inc.id, {
        answers: [
          { question: 'files-accessed', answer: 'yes', detail: '\\\\fs01\\finance', confidence: 'medium' },
          { question: 'download-volume', answer: 'yes', volume: '2.3 GB over 40 minutes' },
        ],
      });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      let assessed = await assessments(inc.id);
      assert.equal(assessed.length, 1, 'two answers, one event');
      assert.deepEqual(Object.keys(assessed[0].changes).sort(), ['download-volume', 'files-accessed']);
      assert.deepEqual(assessed[0].previous, { 'files-accessed': null, 'download-volume': null });
      assert.equal(assessed[0].changes['download-volume']?.volume, '2.3 GB over 40 minutes');

      const version = first.body.version;
      const same = await assess(inc.id, {
        answers: [{ question: 'files-accessed', answer: 'yes', detail: '\\\\fs01\\finance ', confidence: 'medium' }],
      });
      assert.equal(same.status, 200);
      assert.equal(same.body.version, version, 'the same answer again changes nothing');
      assert.equal((await assessments(inc.id)).length, 1, 'and records nothing');

      const changed = await assess(inc.id, {
        expectedVersion: version,
        answers: [
          { question: 'files-accessed', answer: 'yes', detail: '\\\\fs01\\finance and the CRM database', confidence: 'high' },
          { question: 'download-volume', answer: 'yes', volume: '2.3 GB over 40 minutes' },
        ],
      });
      assert.equal(changed.body.version, version + 1);
      assessed = await assessments(inc.id);
      assert.equal(assessed.length, 2);
      assert.deepEqual(Object.keys(assessed[1].changes), ['files-accessed'], 'only the answer that changed');
      assert.equal(assessed[1].previous['files-accessed']?.detail, '\\\\fs01\\finance');
      assert.equal(assessed[1].previous['files-accessed']?.confidence, 'medium');
      const download = changed.body.answers.find((a: { question: string }) => a.question === 'download-volume');
      assert.equal(download.volume, '2.3 GB over 40 minutes', 'answers not in the body stay as they were');

      const stale = await assess(inc.id, { expectedVersion: version, answers: [{ question: 'reputation', answer: 'no' }] });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.field, 'expectedVersion');

      const integrity = await f.call('GET', `/api/v1/incidents/${inc.id}/integrity`);
      assert.equal(integrity.body.valid, true, `the row is what the timeline replays to: ${integrity.body.problem}`);
    });

    it('refuses an unknown question naming it, an answer given twice and a field of another question', async () => {
      const inc = await f.incident();
      const unknown = await assess(inc.id, {
        answers: [
          { question: 'malware', answer: 'no' },
          { question: 'lateral-movement', answer: 'yes' },
        ],
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.field, 'answers.1.question');
      assert.match(unknown.body.error.message, /"lateral-movement"/);
      const twice = await assess(inc.id, {
        answers: [
          { question: 'malware', answer: 'no' },
          { question: 'malware', answer: 'yes' },
        ],
      });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.error.field, 'answers.1.question');
      const foreign = await assess(inc.id, { answers: [{ question: 'reputation', answer: 'yes', scans: [] }] });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.error.field, 'answers.0.scans');
      const badChoice = await assess(inc.id, { answers: [{ question: 'malware', answer: 'maybe' }] });
      assert.equal(badChoice.status, 400);
      assert.equal(badChoice.body.error.field, 'answers.0.answer');
      assert.equal((await assessments(inc.id)).length, 0, 'nothing refused was recorded');
    });

    it("answers 404 for another customer's incident, and lets a viewer read but not answer", async () => {
      const inc = await f.incident();
      const other = await f.created('/api/v1/customers', { name: 'Sørlys Kraft' });
      const stranger = await f.server.memberToken(other.id, 'manager');
      assert.equal((await effects(inc.id, stranger)).status, 404);
      assert.equal((await effects(inc.key, stranger)).status, 404);
      const put = await assess(inc.id, { answers: [{ question: 'personal-data', answer: 'yes' }] }, stranger);
      assert.equal(put.status, 404);
      assert.equal((await assessments(inc.id)).length, 0);

      const viewer = await f.server.memberToken(f.customer.id, 'viewer');
      const read = await effects(inc.key, viewer);
      assert.equal(read.status, 200);
      assert.equal(read.body.allowed.change, false, 'the page hides the actions');
      const refused = await assess(inc.id, { answers: [{ question: 'reputation', answer: 'yes' }] }, viewer);
      assert.equal(refused.status, 403);
      assert.equal((await effects(inc.id)).body.allowed.change, true);
    });

    it('proposes a higher C/I/A from the answers until a person applies it', async () => {
      const inc = await f.incident({ impact: { confidentiality: 'low', integrity: 'none', availability: 'low' } });
      const res = await assess(inc.id, {
        answers: [
          { question: 'data-published', answer: 'yes', detail: 'Customer list on a leak site' },
          { question: 'service-disruption', answer: 'yes' },
          { question: 'malware', answer: 'unknown' },
        ],
      });
      const view = res.body as EffectsAssessment;
      assert.deepEqual(view.proposedImpact, { confidentiality: 'high', integrity: 'none', availability: 'medium' });
      assert.equal(view.proposedSeverity, 'high', 'one dimension high derives to high');
      assert.deepEqual(
        view.raises.map((r) => [r.dimension, r.from, r.to, r.because]),
        [
          ['confidentiality', 'low', 'high', ['data-published']],
          ['availability', 'low', 'medium', ['service-disruption']],
        ],
      );
      assert.deepEqual(view.impact, { confidentiality: 'low', integrity: 'none', availability: 'low' }, 'nothing applied yet');
      assert.deepEqual(
        view.warnings.map((w) => w.question),
        ['malware'],
        'more than one antivirus toolkit is asked for',
      );

      const applied = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, { impact: view.proposedImpact });
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.equal(applied.body.severity, 'high');
      const after = (await effects(inc.id)).body as EffectsAssessment;
      assert.equal(after.proposedImpact, null, 'nothing left to propose');
      assert.equal(after.proposedSeverity, null);
      assert.deepEqual(after.raises, []);
      assert.equal(after.severity, 'high');

      const lower = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, {
        impact: { confidentiality: 'medium', integrity: 'none', availability: 'medium' },
      });
      assert.equal(lower.status, 200);
      const again = (await effects(inc.id)).body as EffectsAssessment;
      assert.deepEqual(again.proposedImpact, { confidentiality: 'high', integrity: 'none', availability: 'medium' });
    });

    it('records malware scans and backups with their questions, and refuses changes to a dismissed incident', async () => {
      const inc = await f.incident();
      const res = await assess(inc.id, {
        answers: [
          {
            question: 'malware',
            answer: 'yes',
            scans: [
              { toolkit: 'ClamAV 1.4', result: 'detected', note: 'Win.Ransomware.Akira' },
              { toolkit: 'Microsoft Defender', result: 'detected' },
            ],
          },
          { question: 'defacement', answer: 'yes', recentBackups: 'yes', lastBackupAt: '2026-01-05T02:00:00Z' },
        ],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const byId = new Map(res.body.answers.map((a: { question: string }) => [a.question, a]));
      assert.deepEqual((byId.get('malware') as { scans: unknown }).scans, [
        { toolkit: 'ClamAV 1.4', result: 'detected', note: 'Win.Ransomware.Akira' },
        { toolkit: 'Microsoft Defender', result: 'detected', note: '' },
      ]);
      assert.equal((byId.get('defacement') as { lastBackupAt: string }).lastBackupAt, '2026-01-05T02:00:00.000Z');
      assert.deepEqual(res.body.warnings, [], 'two toolkits and a backup: nothing missing');
      assert.deepEqual(res.body.proposedImpact, { confidentiality: 'none', integrity: 'high', availability: 'none' });

      const dismissed = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, {
        to: 'dismissed',
        reason: 'A penetration test we had forgotten about',
      });
      assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
      const refused = await assess(inc.id, { answers: [{ question: 'reputation', answer: 'no' }] });
      assert.equal(refused.status, 409);
      assert.equal((await effects(inc.id)).body.allowed.change, true, 'a dismissed incident is still readable');
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Playbook, PlaybookStep } from '../../shared/prepare-types.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

for (const dialect of await testDialects()) {
  describe(`customer instructions and channel tests on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    it('blocks a step that needs the customer’s instruction until the contact answers through the link', async () => {
      const inc = await f.incident({ category: 'malicious-code/infected-system' });
      const plan = (await f.call('GET', `/api/v1/incidents/${inc.id}/plan`)).body.incidentPlan;
      const playbook = plan.playbooks.find((p: Playbook) => p.steps.some((s) => s.needsCustomerInstruction));
      const gated = playbook.steps.find((s: PlaybookStep) => s.needsCustomerInstruction);
      const free = playbook.steps.find((s: PlaybookStep) => !s.needsCustomerInstruction);
      const stepRef = `${playbook.slug}/${gated.id}`;

      const early = await f.call('POST', `/api/v1/incidents/${inc.id}/steps`, { stepRef });
      assert.equal(early.status, 409);
      assert.match(early.body.error.message, /ask for it first/);
      const freeDone = await f.call('POST', `/api/v1/incidents/${inc.id}/steps`, { stepRef: `${playbook.slug}/${free.id}` });
      assert.equal(freeDone.status, 200, JSON.stringify(freeDone.body));

      const asked = await f.created(`/api/v1/incidents/${inc.id}/instructions`, {
        question: 'May we disconnect fs01 from the network?',
        stepRef,
      });
      await f.work();
      const waiting = await f.call('POST', `/api/v1/incidents/${inc.id}/steps`, { stepRef });
      assert.equal(waiting.status, 409);
      assert.match(waiting.body.error.message, /Waiting for the customer/);

      const path = f.linkIn((await f.sink.waitFor(1, 5000))[0].text, 'answer');
      const page = await (await fetch(`${f.server.url}${path}`)).text();
      assert.match(page, /May we disconnect fs01/);
      const incomplete = await f.postForm(path, { decision: 'instruct', text: '', name: 'Ola' });
      assert.equal(incomplete.status, 400);
      const refused = await incomplete.text();
      assert.match(refused, /Write the instruction/);
      assert.match(refused, /value="instruct" checked/, 'the choice is kept after a refusal');
      assert.match(refused, /name="name"[^>]*value="Ola"/, 'the name is kept after a refusal');
      const answered = await f.postForm(path, { decision: 'approve', text: 'Yes, go ahead', name: 'Ola Kontakt' });
      assert.equal(answered.status, 200);
      assert.match(await answered.text(), /Answer received/);
      const n = await f.notification(asked.id);
      assert.equal(n.response.decision, 'approve');
      assert.equal(n.status, 'answered');

      const done = await f.call('POST', `/api/v1/incidents/${inc.id}/steps`, { stepRef });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.steps[stepRef].override, null);
      assert.ok((await f.timeline(inc.id)).some((e) => e.type === 'instruction.answered'));
    });

    it('lets a step go ahead without the instruction only with a reason, flagged for the review', async () => {
      const inc = await f.incident({ category: 'malicious-code/infected-system' });
      const plan = (await f.call('GET', `/api/v1/incidents/${inc.id}/plan`)).body.incidentPlan;
      const playbook = plan.playbooks.find((p: Playbook) => p.steps.some((s) => s.needsCustomerInstruction));
      const stepRef = `${playbook.slug}/${playbook.steps.find((s: PlaybookStep) => s.needsCustomerInstruction).id}`;
      const overridden = await f.call('POST', `/api/v1/incidents/${inc.id}/steps`, {
        stepRef,
        overrideReason: 'Active encryption spreading; the customer could not be reached',
      });
      assert.equal(overridden.status, 200, JSON.stringify(overridden.body));
      assert.match(overridden.body.steps[stepRef].override, /could not be reached/);
      const event = (await f.timeline(inc.id)).find((e) => e.type === 'step.completed');
      assert.equal(event?.data.forReview, true);
    });

    it('records an answer the customer gave by phone', async () => {
      const inc = await f.incident();
      const asked = await f.created(`/api/v1/incidents/${inc.id}/instructions`, { question: 'May we restore from backup?' });
      await f.work();
      const missing = await f.call('POST', `/api/v1/notifications/${asked.id}/answers`, { decision: 'approve' });
      assert.equal(missing.status, 400, 'who answered is required');
      const answered = await f.call('POST', `/api/v1/notifications/${asked.id}/answers`, {
        decision: 'instruct',
        text: 'Restore only the finance share',
        by: 'Ola Kontakt, by phone',
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.equal(answered.body.response.decision, 'instruct');
      assert.match(answered.body.response.by, /Ola Kontakt, by phone \(recorded by Ada Admin\)/);
    });

    it('tests a channel and records when and how fast the acknowledgement came', async () => {
      const test = await f.call('POST', `/api/v1/contacts/${f.ola.id}/channels/${f.ola.channels[0].id}/test`);
      assert.equal(test.status, 202, JSON.stringify(test.body));
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.match(mail.subject, /channel test/);
      const acked = await f.postForm(f.linkIn(mail.text, 'ack'), { name: 'Ola' });
      assert.equal(acked.status, 200);
      const contact = (await f.call('GET', `/api/v1/contacts/${f.ola.id}`)).body;
      const channel = contact.channels[0];
      assert.ok(channel.lastTestedAt, 'the channel is marked tested');
      assert.equal(typeof channel.lastAckSeconds, 'number');
      const manual = await f.call('POST', `/api/v1/contacts/${f.ola.id}/channels/${f.ola.channels[2].id}/test`);
      assert.equal(manual.status, 400);
    });
  });
}

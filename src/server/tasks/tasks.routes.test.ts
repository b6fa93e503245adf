import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Task } from '../../shared/task-types.ts';
import { RANSOMWARE } from '../playbooks/library/ransomware.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

const HOUR = 60 * MINUTE;

async function waitUntil(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const RANSOM = 'malicious-code/infected-system';

for (const dialect of await testDialects()) {
  describe(`tasks on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    const me = async (token: string) => (await f.call('GET', '/api/v1/auth/me', undefined, token)).body.user;
    const apply = (incidentId: string, playbookId = 'ransomware', token?: string) =>
      f.call('POST', `/api/v1/incidents/${incidentId}/playbooks/${playbookId}/apply`, undefined, token);
    const board = async (incidentId: string, token?: string) =>
      (await f.call('GET', `/api/v1/incidents/${incidentId}/tasks`, undefined, token)).body;
    const patch = (taskId: string, body: unknown, token?: string) => f.call('PATCH', `/api/v1/tasks/${taskId}`, body, token);
    const taskEvents = async (incidentId: string) => (await f.timeline(incidentId)).filter((e) => e.type.startsWith('task'));
    /** A responder of the fixture's customer, who may be given tasks there. */
    const responder = async (name: string) => {
      const token = await f.server.memberToken(f.customer.id, 'responder', name);
      return { token, user: await me(token) };
    };

    it('turns a playbook into tasks with their phase, the role’s holder and a due time from the step’s clock', async () => {
      const manny = await responder('Manny Manager');
      const inc = await f.incident({ category: RANSOM, awareAt: new Date(Date.now() - 10 * MINUTE).toISOString() });
      const assigned = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, {
        assignments: { 'incident-manager': manny.user.id },
      });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));

      const applied = await apply(inc.id);
      assert.equal(applied.status, 201, JSON.stringify(applied.body));
      const tasks: Task[] = applied.body.tasks;
      assert.deepEqual(
        tasks.map((t) => [t.stepId, t.phase, t.role]),
        RANSOMWARE.steps.map((s) => [s.id, s.phase, s.role]),
        'one task per step, in the playbook’s order',
      );
      const byStep = new Map(tasks.map((t) => [t.stepId, t]));
      for (const t of tasks.filter((t) => t.role === 'incident-manager')) {
        assert.equal(t.assigneeId, manny.user.id, `${t.stepId} goes to the incident manager`);
        assert.equal(t.assigneeName, 'Manny Manager');
      }
      assert.equal(byStep.get('isolate')?.assigneeId, null, 'nobody holds IT operations on this incident or its roster');
      const reportCustomer = byStep.get('report-customer') as Task;
      assert.equal(Date.parse(reportCustomer.dueAt as string), Date.parse(inc.times.awareAt) + 30 * MINUTE);
      assert.deepEqual(reportCustomer.due, { from: 'aware', after: { minutes: 30 } });
      const isolate = byStep.get('isolate') as Task;
      assert.equal(isolate.dueAt, null, 'DP1 has not been taken: its clock has not started');
      assert.equal(isolate.needsInstruction, true);
      assert.match(isolate.gate ?? '', /ask for it first/);
      assert.equal(isolate.stepRef, 'ransomware/isolate');

      // DP1 starts the clock of the tasks that run from it, in the same change.
      const confirmed = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Real' });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.ok(confirmed.body.times.confirmedAt);
      const after = new Map((await board(inc.id)).items.map((t: Task) => [t.stepId, t]));
      assert.equal(
        Date.parse((after.get('isolate') as Task).dueAt as string),
        Date.parse(confirmed.body.times.confirmedAt) + HOUR,
      );
      assert.equal((after.get('public-messages') as Task).dueAt, null, 'DP2 has not been taken yet');

      const events = await taskEvents(inc.id);
      assert.equal(events.filter((e) => e.type === 'tasks.applied').length, 1);
      assert.equal(events.filter((e) => e.type === 'task.created').length, RANSOMWARE.steps.length);

      const mine = await f.call('GET', '/api/v1/incidents?mine=true', undefined, manny.token);
      assert.deepEqual(
        mine.body.items.map((i: { id: string }) => i.id),
        [inc.id],
        'an incident where I have an open task (and a role) is mine',
      );
    });

    it('refuses to apply the same playbook twice, naming it', async () => {
      const inc = await f.incident({ category: RANSOM });
      assert.equal((await apply(inc.id)).status, 201);
      const again = await apply(inc.id);
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /"Ransomware" is already applied/);
      assert.equal(again.body.error.field, 'playbookId');
      const missing = await apply(inc.id, 'no-such-playbook');
      assert.equal(missing.status, 404);
      const offered = (await board(inc.id)).playbooks;
      assert.deepEqual(
        offered.filter((p: { applied: boolean }) => p.applied).map((p: { id: string }) => p.id),
        ['ransomware'],
      );
      assert.equal(offered[0].suggested, true, 'the playbooks that fit the category come first');
    });

    it('adds, lists and changes ad-hoc tasks, one timeline event per change, with expectedVersion', async () => {
      const rita = await responder('Rita Responder');
      const inc = await f.incident();
      const created = await f.call('POST', `/api/v1/incidents/${inc.id}/tasks`, {
        title: 'Call the hosting provider',
        phase: 'contain',
        assigneeId: rita.user.id,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const task: Task = created.body;
      assert.equal(task.version, 1);
      assert.equal(task.status, 'open');
      assert.equal(task.assigneeName, 'Rita Responder');
      assert.equal((await taskEvents(inc.id)).length, 1);

      const listed = await board(inc.id);
      assert.deepEqual(
        listed.items.map((t: Task) => t.title),
        ['Call the hosting provider'],
      );
      assert.ok(listed.candidates.some((c: { id: string }) => c.id === rita.user.id));

      const started = await patch(task.id, { status: 'in-progress', expectedVersion: 1 }, rita.token);
      assert.equal(started.status, 200, JSON.stringify(started.body));
      assert.equal(started.body.version, 2);
      const stale = await patch(task.id, { note: 'Ticket 4711', expectedVersion: 1 });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.field, 'expectedVersion');
      const noted = await patch(task.id, {
        note: 'Ticket 4711',
        dueAt: new Date(Date.now() + HOUR).toISOString(),
        expectedVersion: 2,
      });
      assert.equal(noted.status, 200, JSON.stringify(noted.body));
      assert.equal(noted.body.note, 'Ticket 4711');
      const unchanged = await patch(task.id, { note: 'Ticket 4711' });
      assert.equal(unchanged.status, 200);
      assert.equal(unchanged.body.version, 3, 'nothing changed: no new version');

      const events = await taskEvents(inc.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ['task.created', 'task.changed', 'task.changed'],
      );
      const last = events[2].data as { changes: Record<string, unknown>; previous: Record<string, unknown> };
      assert.deepEqual(Object.keys(last.changes).sort(), ['dueAt', 'note']);
      assert.equal(last.previous.note, '');

      const outsider = await f.call('POST', `/api/v1/incidents/${inc.id}/tasks`, { title: 'x', assigneeId: 'nobody' });
      assert.equal(outsider.status, 400);
      assert.equal(outsider.body.error.field, 'assigneeId');
      const viewer = await f.server.memberToken(f.customer.id, 'viewer');
      assert.equal((await patch(task.id, { status: 'done' }, viewer)).status, 403);
    });

    it('keeps a gated task from done until the customer answers, or someone overrides with a reason', async () => {
      const inc = await f.incident({ category: RANSOM });
      const tasks: Task[] = (await apply(inc.id)).body.tasks;
      const [first, second] = tasks.filter((t) => t.needsInstruction);

      const early = await patch(first.id, { status: 'done' });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.field, 'overrideReason');
      assert.match(early.body.error.message, /ask for it first/);
      assert.equal((await patch(first.id, { status: 'in-progress' })).status, 200, 'only done is gated');

      const overridden = await patch(first.id, { status: 'done', overrideReason: 'Encryption is spreading; nobody answers' });
      assert.equal(overridden.status, 200, JSON.stringify(overridden.body));
      assert.equal(overridden.body.override, 'Encryption is spreading; nobody answers');
      const flagged = (await taskEvents(inc.id)).findLast((e) => e.type === 'task.changed');
      assert.equal((flagged?.data as { forReview?: boolean } | undefined)?.forReview, true);

      await f.created(`/api/v1/incidents/${inc.id}/instructions`, {
        question: 'May we stop all contact with the attacker?',
        stepRef: second.stepRef,
      });
      await f.work();
      const waiting = await patch(second.id, { status: 'done' });
      assert.equal(waiting.status, 409);
      assert.match(waiting.body.error.message, /Waiting for the customer/);
      const path = f.linkIn((await f.sink.waitFor(1, 5000))[0].text, 'answer');
      const answered = await f.postForm(path, { decision: 'approve', text: 'Agreed', name: 'Ola Kontakt' });
      assert.equal(answered.status, 200);
      const ungated = (await board(inc.id)).items.find((t: Task) => t.id === second.id);
      assert.equal(ungated.gate, null);
      const done = await patch(second.id, { status: 'done' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.override, null);
    });

    it('reminds the assignee once when a task falls due, through their own channels, and shows it overdue', async () => {
      const rita = await responder('Rita Reminded');
      const inc = await f.incident();
      const task: Task = await f.created(`/api/v1/incidents/${inc.id}/tasks`, {
        title: 'Rotate the VPN keys',
        assigneeId: rita.user.id,
        dueAt: new Date(f.server.deps.clock.now().getTime() + 10 * MINUTE).toISOString(),
      });
      // Tasks of the earlier tests fall due too as the clock moves: only what reaches Rita counts here.
      const toRita = () => f.sink.messages.filter((m) => m.to.includes(rita.user.email));
      await f.work();
      assert.equal(toRita().length, 0, 'not before its due time');
      f.advance(11 * MINUTE);
      await f.work();
      await f.work();
      await waitUntil(() => toRita().length > 0);
      const [mail] = toRita();
      assert.deepEqual(mail.to, [rita.user.email]);
      assert.match(mail.subject, /Task due: Rotate the VPN keys/);
      assert.match(mail.text, /fell due at/);

      f.advance(HOUR);
      await f.work();
      await f.work();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(toRita().length, 1, 'one reminder, however long it stays overdue');
      const reminded = (await taskEvents(inc.id)).filter((e) => e.type === 'task.reminded');
      assert.equal(reminded.length, 1);
      assert.equal((reminded[0].data as { assigneeId: string }).assigneeId, rita.user.id);

      const mine = await f.call('GET', '/api/v1/tasks?assignee=me&status=open', undefined, rita.token);
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const shown = mine.body.items.find((t: Task) => t.id === task.id);
      assert.equal(shown.overdue, true);
      assert.ok(shown.remindedAt);
    });

    it('reminds once even when the due job runs twice at the same time', async () => {
      const rita = await responder('Rita Twice');
      const inc = await f.incident();
      const dueAt = new Date(f.server.deps.clock.now().getTime() - MINUTE).toISOString();
      const task: Task = await f.created(`/api/v1/incidents/${inc.id}/tasks`, {
        title: 'Brief the board',
        assigneeId: rita.user.id,
        dueAt,
      });
      const { taskDueJob } = await import('./remind-task.ts');
      const job = taskDueJob(f.server.deps);
      const context = { jobId: 'test', attempt: 1, now: f.server.deps.clock.now() };
      const payload = { incidentId: inc.id, taskId: task.id, dueAt: task.dueAt as string };
      await Promise.all([job.handle(payload, context), job.handle(payload, context), job.handle(payload, context)]);
      await f.work();
      await f.work();
      assert.equal((await taskEvents(inc.id)).filter((e) => e.type === 'task.reminded').length, 1);
      const requested = (await f.timeline(inc.id)).filter((e) => e.type === 'notification.requested');
      assert.equal(requested.length, 1);
    });

    it('lists tasks across incidents for their customers only, and another customer’s task is not found', async () => {
      const rita = await responder('Rita Scoped');
      const inc = await f.incident();
      const task: Task = await f.created(`/api/v1/incidents/${inc.id}/tasks`, { title: 'Scoped task', assigneeId: rita.user.id });
      const other = await f.created('/api/v1/customers', { name: 'Other Customer AS', code: 'OTH' });
      const stranger = await f.server.memberToken(other.id, 'manager', 'Stranger');

      const all = await f.call('GET', '/api/v1/tasks?assignee=any&status=all', undefined, stranger);
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.items, []);
      const patched = await patch(task.id, { status: 'done' }, stranger);
      assert.equal(patched.status, 404);
      assert.doesNotMatch(patched.body.error.message, new RegExp(inc.id), 'the 404 does not name the incident');
      assert.equal((await f.call('GET', `/api/v1/incidents/${inc.id}/tasks`, undefined, stranger)).status, 404);
      assert.equal((await apply(inc.id, 'ransomware', stranger)).status, 404);

      const admins = await f.call('GET', '/api/v1/tasks?assignee=any&status=open,blocked');
      assert.ok(admins.body.items.some((t: Task) => t.id === task.id));
      const bad = await f.call('GET', '/api/v1/tasks?status=finished');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'status');
    });

    it('keeps a playbook step’s due offset through the editor’s save, and refuses one that is not a time', async () => {
      const copy = await f.created('/api/v1/playbooks/copies', { from: 'ransomware', customerId: f.customer.id });
      assert.deepEqual(copy.steps[0].due, { from: 'aware', after: { minutes: 30 } }, 'the library’s offsets come along');
      const steps = copy.steps.map((s: { id: string }, i: number) =>
        i === 0 ? { ...s, due: { from: 'dp2', after: { days: 1 } } } : s,
      );
      const saved = await f.call('PATCH', `/api/v1/playbooks/${copy.id}`, { steps });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(saved.body.steps[0].due, { from: 'dp2', after: { days: 1 } });
      const zero = copy.steps.map((s: { id: string }, i: number) =>
        i === 0 ? { ...s, due: { from: 'dp1', after: { hours: 0 } } } : s,
      );
      const refused = await f.call('PATCH', `/api/v1/playbooks/${copy.id}`, { steps: zero });
      assert.equal(refused.status, 400);
      assert.match(refused.body.error.message, /due time must be some time after/);
      const unknown = copy.steps.map((s: { id: string }, i: number) =>
        i === 0 ? { ...s, due: { from: 'lunch', after: { hours: 1 } } } : s,
      );
      assert.equal((await f.call('PATCH', `/api/v1/playbooks/${copy.id}`, { steps: unknown })).status, 400);
      await f.call('DELETE', `/api/v1/playbooks/${copy.id}`);
    });

    it('pages through my tasks soonest due first, those without a due time last', async () => {
      const rita = await responder('Rita Paged');
      const inc = await f.incident();
      const now = f.server.deps.clock.now().getTime();
      for (const [title, offset] of [
        ['Later', 3 * HOUR],
        ['No time', null],
        ['Soon', HOUR],
        ['Sooner', 30 * MINUTE],
      ] as const) {
        await f.created(`/api/v1/incidents/${inc.id}/tasks`, {
          title,
          assigneeId: rita.user.id,
          dueAt: offset === null ? null : new Date(now + offset).toISOString(),
        });
      }
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await f.call('GET', `/api/v1/tasks?limit=3${query}`, undefined, rita.token);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        titles.push(...page.body.items.map((t: Task) => t.title));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(titles, ['Sooner', 'Soon', 'Later', 'No time']);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ReviewAction } from '../../shared/review-types.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

const DAY = 24 * 60 * MINUTE;

for (const dialect of await testDialects()) {
  describe(`review actions on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    const me = async (token: string) => (await f.call('GET', '/api/v1/auth/me', undefined, token)).body.user;
    const responder = async (name: string) => {
      const token = await f.server.memberToken(f.customer.id, 'responder', name);
      return { token, user: await me(token) };
    };
    const add = (incidentId: string, body: unknown, token?: string) =>
      f.call('POST', `/api/v1/incidents/${incidentId}/review/actions`, body, token);
    const patch = (id: string, body: unknown, token?: string) => f.call('PATCH', `/api/v1/actions/${id}`, body, token);
    const list = async (query: string, token?: string): Promise<ReviewAction[]> => {
      const res = await f.call('GET', `/api/v1/actions?${query}`, undefined, token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items;
    };
    const actionEvents = async (incidentId: string) => (await f.timeline(incidentId)).filter((e) => e.type.startsWith('action.'));
    const inFuture = (ms: number) => new Date(f.server.deps.clock.now().getTime() + ms).toISOString();

    it('adds, changes and lists actions, each change one event on the timeline with what it was before', async () => {
      const rita = await responder('Rita Owner');
      const inc = await f.incident();
      const created = await add(inc.id, {
        title: '  Add the VPN logs to the ransomware playbook ',
        detail: 'We looked for them for two hours',
        ownerId: rita.user.id,
        dueAt: inFuture(7 * DAY),
        target: { type: 'playbook', playbookId: 'ransomware' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const action: ReviewAction = created.body;
      assert.equal(action.title, 'Add the VPN logs to the ransomware playbook');
      assert.equal(action.ownerName, 'Rita Owner');
      assert.equal(action.status, 'open');
      assert.equal(action.incidentKey, inc.key);
      assert.deepEqual(action.target, {
        type: 'playbook',
        customerId: f.customer.id,
        playbookId: 'ransomware',
        name: 'Ransomware',
      });
      assert.equal(action.version, 1);
      assert.equal(action.allowed.change, true);

      const stale = await patch(action.id, { expectedVersion: 2, status: 'in-progress' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.field, 'expectedVersion');
      const changed = await patch(action.id, { expectedVersion: 1, status: 'in-progress', dueAt: inFuture(3 * DAY) });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.version, 2);
      assert.equal(changed.body.status, 'in-progress');
      assert.equal((await patch(action.id, { status: 'in-progress' })).body.version, 2, 'nothing differs, nothing recorded');

      const events = await actionEvents(inc.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ['action.created', 'action.changed'],
      );
      const data = events[1].data as { changes: Record<string, unknown>; previous: Record<string, unknown> };
      assert.equal(data.changes.status, 'in-progress');
      assert.equal(data.previous.status, 'open');
      assert.equal(data.previous.dueAt, action.dueAt);

      const plain = await add(inc.id, { title: 'Thank the customer’s night shift' });
      assert.equal(plain.status, 201);
      const mine = await list('status=open&owner=me', rita.token);
      assert.deepEqual(
        mine.map((a) => a.id),
        [action.id],
        'my open actions: the one I own',
      );
      const ofIncident = await f.call('GET', `/api/v1/incidents/${inc.id}/review/actions`);
      assert.deepEqual(
        ofIncident.body.items.map((a: ReviewAction) => a.id),
        [action.id, plain.body.id],
      );
      assert.ok(ofIncident.body.candidates.some((c: { id: string }) => c.id === rita.user.id));
      assert.deepEqual(ofIncident.body.targets[0], { type: 'plan', customerId: f.customer.id, name: 'Contingency plan' });
      const byIncident = await list(`incidentId=${inc.id}&status=all`);
      assert.deepEqual(
        byIncident.map((a) => a.id),
        [action.id, plain.body.id],
        'soonest due first, those without a due time last',
      );
      assert.equal((await list(`customerId=${f.customer.id}&incidentId=${inc.id}&status=done`)).length, 0);

      const done = await patch(plain.body.id, { status: 'done' });
      assert.ok(done.body.doneAt);
      assert.deepEqual(
        (await list(`incidentId=${inc.key}&status=open`)).map((a) => a.id),
        [action.id],
      );
    });

    it('pages through my actions soonest due first, those without a due date last', async () => {
      const owner = await responder('Pia Paged');
      const inc = await f.incident();
      for (const [title, offset] of [
        ['Later', 3 * DAY],
        ['No date', null],
        ['Soon', DAY],
        ['Sooner', MINUTE],
      ] as const) {
        await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
          title,
          ownerId: owner.user.id,
          dueAt: offset === null ? null : inFuture(offset),
        });
      }
      const titles: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await f.call('GET', `/api/v1/actions?owner=me&limit=3${query}`, undefined, owner.token);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        titles.push(...page.body.items.map((a: ReviewAction) => a.title));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      assert.deepEqual(titles, ['Sooner', 'Soon', 'Later', 'No date']);
      assert.equal(pages, 2);
      const bad = await f.call('GET', '/api/v1/actions?cursor=nonsense', undefined, owner.token);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'cursor');
    });

    it('refuses bad input naming the field, and a dismissed incident', async () => {
      const inc = await f.incident();
      const cases: [unknown, string][] = [
        [{ title: '' }, 'title'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x', dueAt: 'tomorrow' }, 'dueAt'],
        [{ title: 'x', ownerId: 'nobody-at-all' }, 'ownerId'],
        [{ title: 'x', target: { type: 'playbook', playbookId: 'no-such-playbook' } }, 'target.playbookId'],
        [{ title: 'x', target: { type: 'binder' } }, 'target'],
        [{ title: 'x', colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await add(inc.id, body);
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        assert.match(String(res.body.error.field), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
      }
      const bad = await f.call('GET', '/api/v1/actions?status=finished');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'status');
      const action = (await add(inc.id, { title: 'Fine' })).body;
      const noTarget = await f.call('POST', `/api/v1/actions/${action.id}/draft`);
      assert.equal(noTarget.status, 409);
      assert.equal(noTarget.body.error.field, 'target');

      const dismissed = await f.incident({ title: 'Probably nothing' });
      const res = await f.call('POST', `/api/v1/incidents/${dismissed.id}/transitions`, {
        to: 'dismissed',
        reason: 'A scheduled scan',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const refused = await add(dismissed.id, { title: 'Lesson' });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /dismissed/);
    });

    it('shows actions only to those who may see the incident, and lets only those who may change it change them', async () => {
      const inc = await f.incident();
      const action: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Scoped action',
        dueAt: inFuture(-MINUTE),
      });
      const other = await f.created('/api/v1/customers', { name: 'Other Customer AS', code: 'OTA' });
      const stranger = await f.server.memberToken(other.id, 'manager', 'Stranger');
      assert.equal((await f.call('GET', `/api/v1/incidents/${inc.id}/review/actions`, undefined, stranger)).status, 404);
      assert.equal((await add(inc.id, { title: 'Sneaky' }, stranger)).status, 404);
      const stranglers = await patch(action.id, { title: 'Mine now' }, stranger);
      assert.equal(stranglers.status, 404);
      assert.doesNotMatch(stranglers.body.error.message, new RegExp(inc.id));
      assert.equal((await f.call('POST', `/api/v1/actions/${action.id}/draft`, undefined, stranger)).status, 404);
      assert.deepEqual(await list('status=all', stranger), []);
      assert.deepEqual(await list('status=open&overdue=true', stranger), []);

      const viewer = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      const seen = await list(`incidentId=${inc.id}&status=all`, viewer);
      assert.deepEqual(
        seen.map((a) => [a.id, a.allowed.change]),
        [[action.id, false]],
      );
      assert.equal((await patch(action.id, { title: 'Viewed' }, viewer)).status, 403);
      assert.equal((await add(inc.id, { title: 'Viewed' }, viewer)).status, 403);
      assert.equal((await f.call('POST', `/api/v1/actions/${action.id}/draft`, undefined, viewer)).status, 403);

      // TLP:RED: even a manager of the customer who is not on its list does not see its actions.
      const red = await f.incident({ title: 'Need to know', tlp: 'TLP:RED' });
      const secret: ReviewAction = await f.created(`/api/v1/incidents/${red.id}/review/actions`, {
        title: 'Secret action',
        dueAt: inFuture(-MINUTE),
      });
      const manager = await f.server.memberToken(f.customer.id, 'manager', 'Mona Manager');
      assert.equal((await f.call('GET', `/api/v1/incidents/${red.id}/review/actions`, undefined, manager)).status, 404);
      assert.equal((await patch(secret.id, { title: 'x' }, manager)).status, 404);
      const overdue = await list('status=open&overdue=true', manager);
      assert.ok(
        overdue.some((a) => a.id === action.id),
        'the overdue action of an incident they can see',
      );
      assert.ok(!overdue.some((a) => a.id === secret.id), 'never the one of a TLP:RED incident they are not on');
      assert.ok(
        (await list('status=open&overdue=true')).some((a) => a.id === secret.id),
        'the admin, on its list, sees it',
      );
    });

    it('reminds the owner once when an action falls due, also on a closed incident, and lists it overdue', async () => {
      const rita = await responder('Rita Reminded');
      const inc = await f.incident();
      const action: ReviewAction = await f.created(`/api/v1/incidents/${inc.id}/review/actions`, {
        title: 'Rotate the VPN keys',
        ownerId: rita.user.id,
        dueAt: inFuture(10 * MINUTE),
      });
      const go = async (path: string, body: unknown) => {
        const res = await f.call('POST', `/api/v1/incidents/${inc.id}/${path}`, body);
        assert.equal(res.status, 200, `${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      };
      await go('transitions', { to: 'assessing', reason: 'Real' });
      await f.lead(inc.id);
      const classified = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, {
        category: 'availability/misconfiguration',
        impact: { confidentiality: 'none', integrity: 'none', availability: 'low' },
      });
      assert.equal(classified.status, 200, JSON.stringify(classified.body));
      await go('transitions', { to: 'responding', reason: 'Low impact' });
      await go('milestones', { milestone: 'contained' });
      await go('transitions', { to: 'recovering' });
      await go('milestones', { milestone: 'resolved' });
      await go('transitions', { to: 'reviewing' });
      await go('transitions', { to: 'closed', reason: 'Review held' });
      const late = await add(inc.id, { title: 'A lesson after closing', ownerId: rita.user.id });
      assert.equal(late.status, 201, `an action outlives its incident: ${JSON.stringify(late.body)}`);

      const toRita = () => f.sink.messages.filter((m) => m.to.includes(rita.user.email));
      await f.work();
      assert.equal(toRita().length, 0, 'not before its due time');
      const early = await list('status=open&overdue=true&owner=me', rita.token);
      assert.equal(early.length, 0, JSON.stringify(early));
      f.advance(11 * MINUTE);
      await f.work();
      await f.work();
      const until = Date.now() + 5000;
      while (toRita().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const [mail] = toRita();
      assert.ok(mail, 'the owner was told');
      assert.match(mail.subject, /Action due: Rotate the VPN keys/);

      f.advance(60 * MINUTE);
      await f.work();
      await f.work();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(toRita().length, 1, 'one reminder, however long it stays overdue');
      const reminded = (await actionEvents(inc.id)).filter((e) => e.type === 'action.reminded');
      assert.equal(reminded.length, 1);
      const overdue = await list('status=open&overdue=true&owner=me', rita.token);
      assert.deepEqual(
        overdue.map((a) => [a.id, a.overdue, Boolean(a.remindedAt)]),
        [[action.id, true, true]],
      );

      // A new due time re-arms it, and the job running twice at once still reminds once.
      const moved = await patch(action.id, { dueAt: inFuture(-MINUTE) });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.remindedAt, null);
      const { actionDueJob } = await import('./remind-action.ts');
      const job = actionDueJob(f.server.deps);
      const context = { jobId: 'test', attempt: 1, now: f.server.deps.clock.now() };
      const payload = { incidentId: inc.id, actionId: action.id, dueAt: moved.body.dueAt };
      await Promise.all([job.handle(payload, context), job.handle(payload, context), f.work()]);
      await f.work();
      assert.equal((await actionEvents(inc.id)).filter((e) => e.type === 'action.reminded').length, 2);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(toRita().length, 2, 'once more for the new due time, not three times');
    });
  });
}

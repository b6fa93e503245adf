import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { PreservationRequest } from '../../shared/preservation-types.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { MAIN, runFile } from '../testing/serve-process.ts';
import { testDialects } from '../testing/test-db.ts';

const DAY = 24 * 60 * MINUTE;
const ITEMS = ['Firewall logs of the last 30 days', 'Disk image of FS01', 'Mailbox of the finance team'];

for (const dialect of await testDialects()) {
  describe(`preservation requests on ${dialect}`, () => {
    let f: NotifyFixture;
    const sent: string[] = [];

    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    // Every request's message is acknowledged after its test, so no ladder of an earlier test walks on in a later one.
    beforeEach(async () => {
      for (const id of sent.splice(0)) await f.call('POST', `/api/v1/notifications/${id}/acknowledgements`, {});
      await f.reset();
    });
    after(() => f.close());

    async function ask(incidentId: string, body: unknown = { items: ITEMS }): Promise<PreservationRequest> {
      const request = await f.created(`/api/v1/incidents/${incidentId}/preservation-requests`, body);
      sent.push(request.notificationId);
      return request;
    }
    async function requests(incidentId: string): Promise<PreservationRequest[]> {
      const res = await f.call('GET', `/api/v1/incidents/${incidentId}/preservation-requests`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items;
    }
    /** Asks, delivers, and returns the path of the request's link from the e-mail. */
    async function linkOf(incidentId: string, body?: unknown) {
      const request = await ask(incidentId, body);
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      const match = mail.text.match(/https?:\/\/\S+\/preserve\/\S+/);
      assert.ok(match, `no preservation link in: ${mail.text}`);
      return { request, path: new URL(match[0]).pathname, mail };
    }
    const open = (p: string) => fetch(`${f.server.url}${p}`);
    const verify = () =>
      runFile(process.execPath, [MAIN, 'verify'], {
        env: {
          ...process.env,
          LOG_LEVEL: 'warn',
          DATA_DIR: f.server.testDb.file ? path.dirname(f.server.testDb.file) : f.server.testDb.dataDir,
          DATABASE_URL: f.server.testDb.url ?? '',
        },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (e: { code: number; stdout: string }) => e,
      );

    it('mails the list up the ladder with a link where the customer confirms item by item, each answer a custody step', async () => {
      const inc = await f.incident();
      const {
        request,
        path: link,
        mail,
      } = await linkOf(inc.id, {
        items: ITEMS,
        message: 'Please keep these safe while we investigate.',
        keepUntil: '2099-06-30',
      });
      assert.equal(request.status, 'sent');
      assert.deepEqual(
        request.items.map((i) => [i.id, i.text, i.answer]),
        ITEMS.map((text, i) => [`item-${i + 1}`, text, null]),
      );
      assert.deepEqual(
        request.custody.map((c) => [c.action, c.item, c.by]),
        ITEMS.map((text) => ['preservation_requested', text, 'Ada Admin']),
      );
      assert.equal(mail.to[0], 'ola@nordlys.example');
      assert.match(mail.text, /^Please keep these safe while we investigate\./m);
      assert.match(
        mail.text,
        /keep it at least until 2099-06-30:\n1\. Firewall logs of the last 30 days\n2\. Disk image of FS01/,
      );
      assert.match(mail.text, /Confirm each item here \(no account needed\): http/);
      const types = (await f.timeline(inc.id)).map((e) => e.type);
      assert.ok(types.indexOf('preservation.requested') < types.indexOf('notification.requested'), types.join());

      const page = await open(link);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const form = await page.text();
      assert.match(form, /Disk image of FS01/);
      assert.match(form, /name="status-2" value="not-preserved"/);
      assert.doesNotMatch(form, /<script/i, 'no JavaScript');

      // One item on its own button, then the rest together; no name given the second time.
      const one = await f.postForm(link, {
        only: '0',
        'status-0': 'preserved',
        'location-0': 'Evidence safe, room B',
        'status-1': 'not-preserved',
        name: 'Ola Kontakt',
      });
      assert.equal(one.status, 200);
      assert.match(await one.text(), /Thank you: your answer reached the team[\s\S]*2 items are still waiting/);
      let [now] = await requests(inc.id);
      assert.equal(now.status, 'sent');
      assert.deepEqual(
        now.items.map((i) => i.answer?.status ?? null),
        ['preserved', null, null],
        'only the item sent',
      );
      assert.equal((await f.notification(request.notificationId)).status, 'acknowledged', 'answering stops the ladder');
      assert.equal(now.delivery.status, 'acknowledged');

      const rest = await f.postForm(link, {
        'status-1': 'preserved',
        'status-2': 'not-preserved',
        'note-2': 'Purged by retention on Monday',
      });
      assert.equal(rest.status, 200);
      [now] = await requests(inc.id);
      assert.equal(now.status, 'answered');
      assert.deepEqual(now.items[2].answer && [now.items[2].answer.status, now.items[2].answer.note, now.items[2].answer.by], [
        'not-preserved',
        'Purged by retention on Monday',
        'someone with the preservation link sent to Ola Kontakt (no name given)',
      ]);

      // A later answer replaces the earlier on the request; custody keeps both.
      const changed = await f.postForm(link, {
        only: '2',
        'status-2': 'preserved',
        'location-2': 'Sunday’s backup tape',
        name: 'Ola Kontakt',
      });
      assert.equal(changed.status, 200);
      [now] = await requests(inc.id);
      assert.deepEqual([now.items[2].answer?.status, now.items[2].answer?.location], ['preserved', 'Sunday’s backup tape']);
      assert.deepEqual(
        now.custody.map((c) => [c.action, c.itemId, c.by, c.location]),
        [
          ['preservation_requested', 'item-1', 'Ada Admin', null],
          ['preservation_requested', 'item-2', 'Ada Admin', null],
          ['preservation_requested', 'item-3', 'Ada Admin', null],
          ['preserved', 'item-1', 'Ola Kontakt (through a link)', 'Evidence safe, room B'],
          [
            'preserved',
            'item-2',
            'someone with the preservation link sent to Ola Kontakt (no name given) (through a link)',
            null,
          ],
          [
            'not_preserved',
            'item-3',
            'someone with the preservation link sent to Ola Kontakt (no name given) (through a link)',
            null,
          ],
          ['preserved', 'item-3', 'Ola Kontakt (through a link)', 'Sunday’s backup tape'],
        ],
      );
      assert.equal(now.custody[5].note, 'Purged by retention on Monday');
      assert.deepEqual(
        now.custody.map((c) => c.seq),
        [1, 2, 3, 4, 5, 6, 7],
      );
      assert.ok(now.custody.every((c) => /^[0-9a-f]{64}$/.test(c.hash)));
      const answered = (await f.timeline(inc.id)).filter((e) => e.type === 'preservation.answered');
      assert.equal(answered.length, 3);
      assert.deepEqual(
        answered[2].data.answers.map((a: { itemId: string; changed: boolean }) => [a.itemId, a.changed]),
        [['item-3', true]],
      );
      assert.equal(answered[0].actor?.name, 'Ola Kontakt (through a link)');

      // The custody stream's chain and the request's answers are verified by `verify`; a forged answer is caught.
      const clean = await verify();
      assert.equal(clean.code, 0, clean.stdout);
      assert.match(clean.stdout, /[1-9]\d* chains of custody/);
      const { db } = f.server.deps.database;
      const row = await db
        .selectFrom('preservation_requests')
        .select('answers')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      const forged = JSON.parse(row.answers);
      forged['item-3'].location = 'Somewhere else';
      await db
        .updateTable('preservation_requests')
        .set({ answers: JSON.stringify(forged) })
        .where('id', '=', request.id)
        .execute();
      const broken = await verify();
      assert.equal(broken.code, 1);
      assert.match(
        broken.stdout,
        new RegExp(`BROKEN preservation request ${request.id}: the stored answer to item-3 is not the last one`),
      );
      await db.updateTable('preservation_requests').set({ answers: row.answers }).where('id', '=', request.id).execute();
      assert.equal((await verify()).code, 0);
    });

    it('refuses a form naming the item: no choice made, or “cannot preserve” without why; keeps what was entered', async () => {
      const inc = await f.incident();
      const { path: link } = await linkOf(inc.id);
      const none = await f.postForm(link, { name: 'Ola' });
      assert.equal(none.status, 400);
      assert.match(await none.text(), /Choose Preserved or Cannot preserve for at least one item/);
      const why = await f.postForm(link, {
        'status-0': 'preserved',
        'location-0': 'Safe',
        'status-1': 'not-preserved',
        name: 'Ola',
      });
      assert.equal(why.status, 400);
      const page = await why.text();
      assert.match(page, /Say why “Disk image of FS01” cannot be preserved/);
      assert.match(page, /name="status-0" value="preserved" checked>/, 'the other answer is kept');
      assert.match(page, /name="location-0"[^>]*value="Safe"/, 'and where it is kept');
      assert.match(page, /name="note-1"[^>]*class="bad"/, 'the field at fault is marked');
      const onlyEmpty = await f.postForm(link, { only: '1' });
      assert.match(await onlyEmpty.text(), /Choose Preserved or Cannot preserve for “Disk image of FS01”/);
      const [request] = await requests(inc.id);
      assert.deepEqual(
        request.items.map((i) => i.answer),
        [null, null, null],
        'a refused form records nothing',
      );
      assert.equal(request.custody.length, 3);
    });

    it('says which field is wrong: no items, an empty or repeated or too long item, a bad keep-until date', async () => {
      const inc = await f.incident();
      const url = `/api/v1/incidents/${inc.id}/preservation-requests`;
      const cases: [unknown, RegExp][] = [
        [{ items: [] }, /^items$/],
        [{ items: ['Logs', '   '] }, /^items\.1$/],
        [{ items: ['Logs', ' logs '] }, /^items\.1$/],
        [{ items: ['x'.repeat(301)] }, /^items\.0$/],
        [{ items: ITEMS.concat(Array.from({ length: 48 }, (_, i) => `Log ${i}`)) }, /^items$/],
        [{ items: ['Logs'], keepUntil: 'next week' }, /^keepUntil$/],
        [{ items: ['Logs'], keepUntil: '2020-01-01' }, /^keepUntil$/],
        [{ items: ['Logs'], keepUntil: '2099-02-30' }, /^keepUntil$/],
        [{ items: ['Logs'], until: '2099-01-01' }, /^until$/],
      ];
      for (const [body, field] of cases) {
        const res = await f.call('POST', url, body);
        assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.error.field, field, JSON.stringify(res.body));
      }
      assert.deepEqual(await requests(inc.id), []);
    });

    it('answers 404 to another customer’s users and to a token that names nothing; a viewer reads but cannot ask', async () => {
      const inc = await f.incident();
      await ask(inc.id);
      const other = await f.created('/api/v1/customers', { name: 'Havbris AS' });
      const stranger = await f.server.memberToken(other.id, 'manager', 'Per Havbris');
      const url = `/api/v1/incidents/${inc.id}/preservation-requests`;
      assert.equal((await f.call('GET', url, undefined, stranger)).status, 404);
      assert.equal((await f.call('POST', url, { items: ['Logs'] }, stranger)).status, 404);
      assert.equal((await f.call('POST', url, { items: [' '] }, stranger)).status, 404, 'no hint from validation either');
      assert.equal((await f.call('GET', `${url}/suggested-items`, undefined, stranger)).status, 404);
      const viewer = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      assert.equal((await f.call('GET', url, undefined, viewer)).body.items.length, 1);
      assert.equal((await f.call('POST', url, { items: ['Logs'] }, viewer)).status, 403);
      const nobody = await open(`/preserve/${'A'.repeat(43)}`);
      assert.equal(nobody.status, 404);
      assert.match(await nobody.text(), /This link is not valid/);
    });

    it('says what to set up when the incident’s customer has no notify-customer ladder', async () => {
      const other = await f.created('/api/v1/customers', { name: 'Fjellvann AS' });
      const inc = await f.created('/api/v1/incidents', { title: 'Odd pump commands', customerId: other.id });
      const noLadder = await f.call('POST', `/api/v1/incidents/${inc.id}/preservation-requests`, { items: ['Logs'] });
      assert.equal(noLadder.status, 409);
      assert.match(noLadder.body.error.message, /no PACE ladder to "notify the customer".*PACE tab/);
      assert.deepEqual(await requests(inc.id), [], 'no request without its message');
      assert.ok(!(await f.timeline(inc.id)).some((e) => e.type === 'preservation.requested'));
    });

    it('keeps the list and the link off a channel not cleared for TLP:RED', async () => {
      const inc = await f.incident({ tlp: 'TLP:RED' });
      await ask(inc.id);
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.match(mail.text, /TLP:RED information for you/);
      assert.doesNotMatch(mail.text, /Disk image of FS01|\/preserve\//);
    });

    it('lets a link expire: 410 on the page and on the form, the request says expired and keeps its answers', async () => {
      const inc = await f.incident();
      const { path: link } = await linkOf(inc.id);
      assert.equal((await f.postForm(link, { only: '0', 'status-0': 'preserved' })).status, 200);
      f.advance(7 * DAY + MINUTE);
      const page = await open(link);
      assert.equal(page.status, 410);
      assert.match(await page.text(), /This link has expired/);
      const late = await f.postForm(link, { 'status-1': 'preserved' });
      assert.equal(late.status, 410);
      const [request] = await requests(inc.id);
      assert.equal(request.status, 'expired');
      assert.deepEqual(
        request.items.map((i) => i.answer?.status ?? null),
        ['preserved', null, null],
      );
    });

    it('keeps a playbook’s list when it is copied and changed, and refuses an empty or repeated item naming preserve', async () => {
      const copy = await f.created('/api/v1/playbooks/copies', { from: 'ransomware', customerId: f.customer.id });
      assert.match(copy.preserve[0], /^Disk images/);
      const url = `/api/v1/playbooks/${copy.id}`;
      const changed = await f.call('PATCH', url, { preserve: [' Backup tapes ', 'Camera footage'] });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual(changed.body.preserve, ['Backup tapes', 'Camera footage']);
      const repeated = await f.call('PATCH', url, { preserve: ['Logs', 'logs'] });
      assert.equal(repeated.status, 400);
      assert.equal(repeated.body.error.field, 'preserve');
      assert.match(repeated.body.error.message, /item 2, repeats "logs"/);
      assert.ok((await f.call('DELETE', url)).status < 300);
    });

    it('suggests the items of the applied playbooks, else of the category’s playbook, else a default list', async () => {
      const bare = await f.incident();
      const none = (await f.call('GET', `/api/v1/incidents/${bare.id}/preservation-requests/suggested-items`)).body;
      assert.deepEqual(none.from, []);
      assert.ok(
        none.items.some((i: string) => /Memory images/.test(i)),
        none.items.join(),
      );
      const ransom = await f.incident({ category: 'malicious-code/infected-system' });
      const byCategory = (await f.call('GET', `/api/v1/incidents/${ransom.id}/preservation-requests/suggested-items`)).body;
      assert.deepEqual(byCategory.from, ['Ransomware']);
      assert.ok(byCategory.items.some((i: string) => /Backups as they are now/.test(i)));
      const applied = await f.call('POST', `/api/v1/incidents/${ransom.id}/playbooks/phishing-credential-theft/apply`);
      assert.equal(applied.status, 201, JSON.stringify(applied.body));
      const byApplied = (await f.call('GET', `/api/v1/incidents/${ransom.id}/preservation-requests/suggested-items`)).body;
      assert.deepEqual(byApplied.from, ['Phishing and credential theft']);
      assert.match(byApplied.items[0], /phishing messages as received, with full headers/);
    });
  });
}

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { cachedIncident, rememberIncident, writtenElsewhereLately } from './incident-cache.ts';

// Each instance remembers the state it last wrote of an incident and skips the read before its next change. When
// the other instance has moved the incident on since, the change's statement writes nothing (its version guard), and
// the change reads the incident and decides again in the same transaction.

type Submit = (this: { text?: string }, ...args: unknown[]) => unknown;
const pgQuery = (createRequire(import.meta.url)('pg') as { Query: { prototype: { submit: Submit } } }).Query.prototype;

/**
 * The statements the pg driver sends (every connection of this process) while fn runs, and which of them were
 * held in the socket's buffer to leave with a later one (corked: no round trip of their own).
 */
async function submitsDuring(fn: () => Promise<void>): Promise<{ text: string; held: boolean }[]> {
  const seen: { text: string; held: boolean }[] = [];
  const original = pgQuery.submit;
  pgQuery.submit = function submit(...args: unknown[]) {
    const connection = args[0] as { stream?: { writableCorked?: number } };
    seen.push({ text: (this.text ?? '').replace(/\s+/g, ' ').toLowerCase(), held: Boolean(connection.stream?.writableCorked) });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    pgQuery.submit = original;
  }
  return seen;
}

/** The statements the pg driver sends (every connection of this process) while fn runs. */
async function statementsDuring(fn: () => Promise<void>): Promise<string[]> {
  return (await submitsDuring(fn)).map((s) => s.text);
}

for (const dialect of (await testDialects()).filter((d) => d === 'postgres')) {
  describe(`changes through two instances on ${dialect}`, () => {
    let a: TestServer;
    let b: TestServer;
    let token: string;

    before(async () => {
      a = await startTestServer({ dialect });
      b = await startTestServer({ testDb: a.testDb });
      token = await a.userToken('admin');
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });

    const post = async (server: TestServer, url: string, body: unknown, status = 201) => {
      const res = await server.request('POST', url, { token, body });
      assert.equal(res.status, status, await res.clone().text());
      return res.json();
    };
    const versionOf = async (id: string) =>
      ((await (await a.request('GET', `/api/v1/incidents/${id}`, { token })).json()) as { version: number }).version;
    const seqsOf = async (id: string) => {
      const res = await b.request('GET', `/api/v1/incidents/${id}/timeline`, { token });
      const body = (await res.json()) as { events: { seq: number }[] };
      return body.events.map((e) => e.seq).sort((x, y) => x - y);
    };

    /** Waits until instance a has heard of the other instance's change to the incident (its wake-up), 5 s at most. */
    const forgottenByA = async (id: string) => {
      for (const since = Date.now(); cachedIncident(a.testDb.database, id); ) {
        assert.ok(Date.now() - since < 5000, 'instance a still remembers the incident 5 s after b changed it');
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    /** An incident a wrote at version 2 and b then moved to 3; what a remembered of version 2, once a forgot it. */
    const movedOnByB = async (title: string) => {
      const { id } = (await post(a, '/api/v1/incidents', { title })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a remembers version 2' });
      const old = cachedIncident(a.testDb.database, id);
      assert.ok(old);
      await post(b, `/api/v1/incidents/${id}/notes`, { body: 'b moves it to 3' });
      await forgottenByA(id);
      return { id, old };
    };
    // The other statements of the process (the job workers' polls, say) are left out by what they name.
    const count = (statements: string[], ...parts: string[]) =>
      statements.filter((s) => parts.every((part) => s.includes(part))).length;
    /** Reads of an incident before a change (its row locked), as opposed to the change's own statement. */
    const reads = (statements: string[]) =>
      statements.filter((s) => s.startsWith('select') && s.includes('from "incidents"') && s.includes('for update')).length;

    it('forgets what it remembers of an incident once the other instance changed it, and reads it before its next change', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'Told' })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a remembers version 2' });
      assert.equal(cachedIncident(a.testDb.database, id)?.state.version, 2);
      await post(b, `/api/v1/incidents/${id}/notes`, { body: 'b moves it to 3' });
      await forgottenByA(id);
      const statements = await statementsDuring(async () => {
        await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a reads version 3 first' });
      });
      assert.equal(reads(statements), 1, statements.join('\n'));
      assert.equal(count(statements, 'update "incidents"'), 1, statements.join('\n'));
      assert.deepEqual(await seqsOf(id), [1, 2, 3, 4]);
    });

    it('adds a note on an instance whose remembered state is old, in one transaction, after the other instance’s', async () => {
      const { id, old } = await movedOnByB('Two instances');
      // As if b's wake-up had not reached a yet.
      rememberIncident(a.testDb.database, old);
      const statements = await statementsDuring(async () => {
        await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a, from version 2, lands as 4' });
      });
      assert.equal(await versionOf(id), 4);
      assert.deepEqual(await seqsOf(id), [1, 2, 3, 4]);
      // Tried on the remembered state: nothing written, the incident as it is now returned with its row locked;
      // decided again on that, stored, committed. No read of its own.
      assert.equal(count(statements, 'update "incidents"'), 2, statements.join('\n'));
      assert.equal(reads(statements), 0, statements.join('\n'));
      assert.equal(statements.filter((s) => s.startsWith('rollback')).length, 0, statements.join('\n'));
      assert.equal(statements.filter((s) => s.startsWith('commit')).length, 1, statements.join('\n'));
      const integrity = await (await a.request('GET', `/api/v1/incidents/${id}/integrity`, { token })).json();
      assert.deepEqual({ ...integrity, head: undefined }, { valid: true, count: 4, head: undefined });
    });

    it('does not take a remembered state for the incident when deciding that a change changes nothing', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'First' })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a remembers version 2' });
      const old = cachedIncident(a.testDb.database, id);
      assert.ok(old);
      const renamed = await b.request('PATCH', `/api/v1/incidents/${id}`, { token, body: { title: 'Second' } });
      assert.equal(renamed.status, 200, await renamed.text());
      await forgottenByA(id);
      rememberIncident(a.testDb.database, old);
      // On the remembered state the title is already "First": nothing to do. On the incident as it is, it is not.
      const back = await a.request('PATCH', `/api/v1/incidents/${id}`, { token, body: { title: 'First' } });
      assert.equal(back.status, 200, await back.clone().text());
      assert.equal(((await back.json()) as { title: string }).title, 'First');
      const stored = (await (await b.request('GET', `/api/v1/incidents/${id}`, { token })).json()) as {
        title: string;
        version: number;
      };
      assert.deepEqual({ title: stored.title, version: stored.version }, { title: 'First', version: 4 });
    });

    it('sends a notification ahead on a remembered state another instance moved on, and sends it once', async () => {
      const desk = (await post(a, '/api/v1/contacts', {
        name: 'Duty desk',
        kind: 'function',
        channels: [{ type: 'email', address: 'desk@example.test' }],
      })) as { id: string; channels: { id: string }[] };
      await post(a, '/api/v1/pace-plans', {
        purpose: 'coordinate-responders',
        levels: [{ level: 'primary', contactId: desk.id, channelId: desk.channels[0].id }],
      });
      const { id, old } = await movedOnByB('Notified after a lost wake-up');
      for (const since = Date.now(); writtenElsewhereLately(a.testDb.database, id); ) {
        assert.ok(Date.now() - since < 5000);
        await new Promise((r) => setTimeout(r, 50));
      }
      rememberIncident(a.testDb.database, old);
      // The notification's own writes follow the change sent ahead, and read: they fail with the aborted transaction,
      // which then reports the change's own failure, and the whole is tried again.
      await post(a, `/api/v1/incidents/${id}/notifications`, { purpose: 'coordinate-responders' });
      const res = await a.request('GET', `/api/v1/incidents/${id}/notifications`, { token });
      const listed = (await res.json()) as { items?: unknown[] } | unknown[];
      assert.equal((Array.isArray(listed) ? listed : (listed.items ?? [])).length, 1, JSON.stringify(listed));
      assert.deepEqual(await seqsOf(id), [1, 2, 3, 4]);
    });

    it('reads nothing before a change when this instance wrote last, and sends it with BEGIN and COMMIT at once', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'One writer' })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'first' });
      const submits = await submitsDuring(async () => {
        await post(a, `/api/v1/incidents/${id}/notes`, { body: 'second' });
      });
      const statements = submits.map((s) => s.text);
      assert.equal(reads(statements), 0, statements.join('\n'));
      assert.equal(await versionOf(id), 3);
      // One round trip: BEGIN, the change and COMMIT were each held until the COMMIT released them together.
      const transaction = submits.filter((s) => /^(begin|commit|with "u")/.test(s.text));
      assert.deepEqual(
        transaction.map((s) => [s.text.slice(0, 8), s.held]),
        [
          ['begin', true],
          ['with "u"', true],
          ['commit', true],
        ],
      );
    });

    it('sends a change ahead on a remembered state another instance moved on: it rolls back whole and lands after', async () => {
      const { id, old } = await movedOnByB('Lost wake-up');
      // As if b's wake-up had never reached a: a remembers version 2 and has not heard of b writing the incident.
      for (const since = Date.now(); writtenElsewhereLately(a.testDb.database, id); ) {
        assert.ok(Date.now() - since < 5000);
        await new Promise((r) => setTimeout(r, 50));
      }
      rememberIncident(a.testDb.database, old);
      const statements = await statementsDuring(async () => {
        await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a, from version 2, lands as 4' });
      });
      assert.deepEqual(await seqsOf(id), [1, 2, 3, 4]);
      // Sent ahead on version 2: failed, rolled back whole; then read (row locked), decided again, stored, committed.
      assert.equal(count(statements, 'update "incidents"'), 2, statements.join('\n'));
      assert.equal(reads(statements), 1, statements.join('\n'));
      assert.equal(statements.filter((s) => s.startsWith('rollback')).length, 1, statements.join('\n'));
      const integrity = await (await a.request('GET', `/api/v1/incidents/${id}/integrity`, { token })).json();
      assert.deepEqual({ ...integrity, head: undefined }, { valid: true, count: 4, head: undefined });
      // For a while, a's changes of this incident no longer count on what it remembers.
      assert.equal(writtenElsewhereLately(a.testDb.database, id), true);
    });

    it('runs one instance’s concurrent changes of an incident in turn, each from the state the one before wrote', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'In turn' })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'remembered' });
      const statements = await statementsDuring(async () => {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            a.request('POST', `/api/v1/incidents/${id}/notes`, { token, body: { body: `${i}` } }),
          ),
        );
        assert.deepEqual(
          answers.map((r) => r.status),
          Array(20).fill(201),
        );
      });
      // No note found the incident moved on (one statement each) or had to read it.
      assert.equal(count(statements, 'update "incidents"'), 20, statements.join('\n'));
      assert.equal(reads(statements), 0, statements.join('\n'));
      assert.equal(await versionOf(id), 22);
    });

    it('takes an expected version the other instance made current, though this one remembers an older one', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'Expected version' })) as { id: string };
      await post(a, `/api/v1/incidents/${id}/notes`, { body: 'a remembers version 2' });
      await post(b, `/api/v1/incidents/${id}/notes`, { body: 'b moves it to 3' });
      const res = await a.request('PATCH', `/api/v1/incidents/${id}`, { token, body: { title: 'Renamed', expectedVersion: 3 } });
      assert.equal(res.status, 200, await res.text());
      const stale = await b.request('PATCH', `/api/v1/incidents/${id}`, { token, body: { title: 'Late', expectedVersion: 3 } });
      assert.equal(stale.status, 409, await stale.text());
    });

    it('loses no note and deadlocks on none when both instances write one incident at once', async () => {
      const { id } = (await post(a, '/api/v1/incidents', { title: 'Contended' })) as { id: string };
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? a : b).request('POST', `/api/v1/incidents/${id}/notes`, { token, body: { body: `note ${i}` } }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      // A note racing many others may give up after its retries (409): an answer, never a 500.
      assert.ok(
        statuses.every((s) => s === 201 || s === 409),
        `statuses: ${statuses.join(' ')}`,
      );
      const added = statuses.filter((s) => s === 201).length;
      assert.ok(added >= 50, `only ${added} of 60 notes were added`);
      assert.equal(await versionOf(id), 1 + added);
      const integrity = await (await b.request('GET', `/api/v1/incidents/${id}/integrity`, { token })).json();
      assert.equal(integrity.valid, true, JSON.stringify(integrity));
      assert.deepEqual(
        await seqsOf(id),
        Array.from({ length: 1 + added }, (_, i) => i + 1),
      );
    });
  });
}

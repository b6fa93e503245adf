import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_TYPES } from '../../shared/timeline-events.ts';
import { migrateToLatest } from '../core/db/migrations.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { appendEvents } from '../core/events/event-store.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { undeclaredEventTypes } from './event-vocabulary.ts';
import { createTestDb, testDialects } from './test-db.ts';

const actor = { id: 'u1', name: 'Una' };

describe('the event vocabulary', () => {
  it('names each event type once per kind of stream', () => {
    for (const [stream, types] of Object.entries(EVENT_TYPES)) {
      assert.equal(new Set(types).size, types.length, `a type is listed twice for ${stream} streams`);
    }
  });
});

for (const dialect of await testDialects()) {
  describe(`test databases on ${dialect}`, () => {
    it('fail as they are dropped when an event of an undeclared type was stored', async () => {
      const testDb = await createTestDb(dialect);
      await migrateToLatest(testDb.database.db, dialect);
      await withTransaction(testDb.database, (tx) =>
        appendEvents(
          tx,
          dialect,
          'i1',
          { seq: 0, hash: GENESIS_HASH },
          // What a type declared nowhere looks like to the store once the compiler is talked out of it.
          [{ type: 'incident.exploded', data: {} } as never, { type: 'note.added', data: { body: 'declared' } }],
          actor,
          new Date(),
          { streamType: 'incident', customerId: null },
        ),
      );
      assert.deepEqual(await undeclaredEventTypes(testDb.database), ['incident.exploded (incident stream)']);
      await assert.rejects(testDb.drop(), /does not declare were stored: incident\.exploded \(incident stream\)$/);
    });

    it('fail for a declared type stored on the wrong kind of stream', async () => {
      const testDb = await createTestDb(dialect);
      await migrateToLatest(testDb.database.db, dialect);
      await withTransaction(testDb.database, (tx) =>
        appendEvents(
          tx,
          dialect,
          't1',
          { seq: 0, hash: GENESIS_HASH },
          [{ type: 'note.added', data: { body: 'not triage' } } as never],
          actor,
          new Date(),
          { streamType: 'triage', customerId: null },
        ),
      );
      await assert.rejects(testDb.drop(), /note\.added \(triage stream\)/);
    });
  });
}

import type { Kysely, Migration } from 'kysely';
import type { IncidentEvent } from '../../../shared/timeline-events.ts';
import { metricFacts } from '../../metrics/metric-facts.ts';
import { metricsRow } from '../../metrics/metrics.queries.ts';
import { type StoredEvent, toStoredEvents } from '../events/event-store.ts';
import type { DB } from './schema.ts';

// The migration of the response metrics' facts (docs/metrics.md). Runs on both dialects; never edit a released
// migration, add a new one.
export function metricsMigrations(): Record<string, Migration> {
  return {
    '0018_incident_metrics': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('incident_metrics')
          .addColumn('incident_id', 'text', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('exercise', 'integer', (c) => c.notNull())
          .addColumn('tlp', 'text', (c) => c.notNull())
          .addColumn('customer_id', 'text')
          .addColumn('category', 'text')
          .addColumn('severity', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('reported_at', 'text', (c) => c.notNull())
          .addColumn('reported_month', 'text', (c) => c.notNull())
          .addColumn('occurred_at', 'text')
          .addColumn('detected_at', 'text')
          .addColumn('dp1_at', 'text')
          .addColumn('dp2_at', 'text')
          .addColumn('first_report_at', 'text')
          .addColumn('contained_at', 'text')
          .addColumn('resolved_at', 'text')
          .addColumn('detect_ms', 'bigint')
          .addColumn('dp1_ms', 'bigint')
          .addColumn('classify_ms', 'bigint')
          .addColumn('first_report_ms', 'bigint')
          .addColumn('contain_ms', 'bigint')
          .addColumn('resolve_ms', 'bigint')
          .addColumn('outcomes', 'text', (c) => c.notNull())
          .addColumn('instructions_requested', 'integer', (c) => c.notNull())
          .addColumn('instructions_answered', 'integer', (c) => c.notNull())
          .addColumn('instruction_answer_ms', 'text', (c) => c.notNull())
          .addColumn('stages', 'text', (c) => c.notNull())
          .addColumn('instructions', 'text', (c) => c.notNull())
          .addColumn('pending', 'text', (c) => c.notNull())
          .execute();
        // The metrics read a range of report times (all of them without a range).
        await db.schema.createIndex('incident_metrics_by_reported').on('incident_metrics').columns(['reported_at']).execute();
        await fillFromTimelines(db as Kysely<DB>);
      },
    },
  };
}

/** The facts of the incidents recorded before the table existed, folded from their timelines a batch at a time. */
async function fillFromTimelines(db: Kysely<DB>): Promise<void> {
  const ids = (await db.selectFrom('incidents').select('id').orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', 'in', batch)
      .orderBy('stream_id')
      .orderBy('seq')
      .execute();
    const byStream = new Map<string, StoredEvent<IncidentEvent>[]>();
    for (const event of toStoredEvents(rows) as StoredEvent<IncidentEvent>[]) {
      const list = byStream.get(event.streamId) ?? [];
      list.push(event);
      byStream.set(event.streamId, list);
    }
    const values = [...byStream.values()].map((events) => metricsRow(metricFacts(events)));
    for (let j = 0; j < values.length; j += 50) {
      await db
        .insertInto('incident_metrics')
        .values(values.slice(j, j + 50))
        .execute();
    }
  }
}

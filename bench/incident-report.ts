// The signed incident report at volume (issue 13): for an incident with a 10,000-event timeline, GET report.pdf
// < 5 s and GET report.json < 1 s, each measured against the running server. The timeline is written straight
// into the database through the event store (a transaction per 1,000 notes), which takes seconds, not minutes.
//
// Standalone: `node bench/incident-report.ts [sqlite|postgres]` starts its own server and measures this alone.
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase } from '../src/server/core/db/database.ts';
import { withTransaction } from '../src/server/core/db/transaction.ts';
import { appendEvents } from '../src/server/core/events/event-store.ts';
import { evolve } from '../src/server/incidents/incident.ts';
import { findIncident, updateIncident } from '../src/server/incidents/incidents.queries.ts';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { type Api, apiClient, createToken, incidentOfItsOwn, tempDir } from './fixtures.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

export interface IncidentReportResult {
  events: number;
  seedMs: number;
  pdf: { samplesMs: number[]; medianMs: number; bytes: number; targetMs: number; met: boolean };
  json: { samplesMs: number[]; medianMs: number; bytes: number; targetMs: number; met: boolean };
}

const EVENTS = 10_000;
const BATCH = 1_000;
const PDF_SAMPLES = 3;
const JSON_SAMPLES = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const round = (n: number) => Math.round(n);

/** Appends notes to the incident until its timeline holds `events` events, through the event store. */
async function seedTimeline(env: NodeJS.ProcessEnv, incidentId: string, events: number): Promise<void> {
  const database = openDatabase(loadConfig(env));
  const actor = { id: 'bench', name: 'Bench' };
  try {
    for (;;) {
      const done = await withTransaction(database, async (tx) => {
        const record = await findIncident(tx, database.dialect, incidentId, true);
        if (!record) throw new Error(`No incident ${incidentId}`);
        const { state, headHash } = record;
        const count = Math.min(BATCH, events - state.version);
        if (count <= 0) return true;
        const notes = Array.from({ length: count }, (_, i) => ({
          type: 'note.added' as const,
          data: { body: `bench note ${state.version + i}: checked the firewall logs of the file server` },
        }));
        const stored = await appendEvents(
          tx,
          database.dialect,
          state.id,
          { seq: state.version, hash: headHash },
          notes,
          actor,
          new Date(),
          { streamType: 'incident', customerId: state.customerId },
        );
        const next = stored.reduce(evolve, state);
        if (!(await updateIncident(tx, database.dialect, next, stored[stored.length - 1].hash, state))) {
          throw new Error('the incident changed while the bench was writing its timeline');
        }
        return false;
      });
      if (done) return;
    }
  } finally {
    await database.close();
  }
}

async function timedGet(origin: string, token: string, path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return { ms, bytes: body.byteLength };
}

export async function measureIncidentReport(
  api: Api,
  origin: string,
  token: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<IncidentReportResult> {
  const incident = await incidentOfItsOwn(api, { title: 'Bench report', tlp: 'TLP:AMBER' });
  const seedStarted = performance.now();
  await seedTimeline(env, incident.id, EVENTS);
  const seedMs = performance.now() - seedStarted;
  log(`  ${EVENTS.toLocaleString('en-US')}-event timeline written in ${(seedMs / 1000).toFixed(1)} s`);
  const sample = async (format: 'pdf' | 'json', count: number) => {
    const runs = [];
    for (let i = 0; i < count; i++) runs.push(await timedGet(origin, token, `/api/v1/incidents/${incident.id}/report.${format}`));
    return { samplesMs: runs.map((r) => round(r.ms)), medianMs: round(median(runs.map((r) => r.ms))), bytes: runs[0].bytes };
  };
  const json = await sample('json', JSON_SAMPLES);
  const pdf = await sample('pdf', PDF_SAMPLES);
  const result = {
    events: EVENTS,
    seedMs: round(seedMs),
    pdf: { ...pdf, targetMs: 5000, met: pdf.medianMs < 5000 },
    json: { ...json, targetMs: 1000, met: json.medianMs < 1000 },
  };
  log(
    `  report.json: median ${result.json.medianMs} ms (${result.json.samplesMs.join(', ')}), ${(json.bytes / 2 ** 20).toFixed(1)} MB; target < 1000: ${result.json.met ? 'met' : 'MISSED'}`,
  );
  log(
    `  report.pdf: median ${result.pdf.medianMs} ms (${result.pdf.samplesMs.join(', ')}), ${(pdf.bytes / 2 ** 20).toFixed(1)} MB; target < 5000: ${result.pdf.met ? 'met' : 'MISSED'}`,
  );
  return result;
}

/** The report figures as a Markdown table. */
export function incidentReportTable(r: IncidentReportResult, informative: boolean): string {
  const yes = (met: boolean) => `${met ? 'yes' : '**NO**'}${informative ? ' (info)' : ''}`;
  const events = r.events.toLocaleString('en-US');
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['incident report', 'value', 'target', 'met?']),
    line(['---', '---', '---', '---']),
    line([
      `GET report.pdf, ${events}-event timeline (median of ${r.pdf.samplesMs.length})`,
      `${r.pdf.medianMs} ms (${r.pdf.samplesMs.join(', ')}), ${(r.pdf.bytes / 2 ** 20).toFixed(1)} MB`,
      `< ${r.pdf.targetMs} ms`,
      yes(r.pdf.met),
    ]),
    line([
      `GET report.json, ${events}-event timeline (median of ${r.json.samplesMs.length})`,
      `${r.json.medianMs} ms (${r.json.samplesMs.join(', ')}), ${(r.json.bytes / 2 ** 20).toFixed(1)} MB`,
      `< ${r.json.targetMs} ms`,
      yes(r.json.met),
    ]),
  ].join('\n');
}

async function standalone(dialect: 'sqlite' | 'postgres'): Promise<void> {
  installSignalHandlers();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = dialect === 'postgres' ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(dialect), databaseUrl: database?.url ?? null });
  const server = await startServer(env);
  try {
    const token = await createToken(env);
    log(`▶ incident report on ${dialect}`);
    const result = await measureIncidentReport(apiClient(server.origin, token), server.origin, token, env, log);
    console.log(incidentReportTable(result, dialect !== 'sqlite'));
  } finally {
    await server.stop();
    await database?.drop();
    await cleanupAll();
  }
}

if (import.meta.filename === process.argv[1]) {
  const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  standalone(dialect).catch(async (error) => {
    console.error(error);
    await cleanupAll();
    process.exitCode = 1;
  });
}

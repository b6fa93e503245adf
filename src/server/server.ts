import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { issueSetupUrl } from './auth/first-admin-setup.ts';
import { type Clock, systemClock } from './core/clock.ts';
import type { Config } from './core/config.ts';
import { startCheckpointer } from './core/db/checkpointer.ts';
import { type Database, openDatabase } from './core/db/database.ts';
import { migrateToLatest } from './core/db/migrations.ts';
import { keepTablesUp } from './core/db/table-upkeep.ts';
import type { Deps } from './core/deps.ts';
import { createEventFeed } from './core/events/event-feed.ts';
import { startWorker, type Worker, type WorkerOptions } from './core/jobs/worker.ts';
import { createLogger } from './core/logger.ts';
import { startEvidenceSweep } from './evidence/sweep-evidence.ts';
import { currentIncidentAccess } from './incidents/incident-access.ts';
import { forgetIncidents } from './incidents/incident-cache.ts';
import { jobDefinitions } from './job-definitions.ts';
import { closeMailTransports } from './notifications/channels/email.ts';
import { installationSigningKey } from './reports/signing-key.ts';

export interface RunningServer {
  app: FastifyInstance;
  deps: Deps;
  /** The durable job worker (tests drive it with runDue when started with autoStart false). */
  worker: Worker;
  url: string;
  setupUrl: string | null;
  /** The port the e-mail intake listens on; null when SMTP_INTAKE_PORT is not set. */
  intakePort: number | null;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, prints the setup URL if needed and starts listening. */
export async function startServer(
  config: Config,
  options: { clock?: Clock; webRoot?: string; database?: Database; quiet?: boolean; worker?: WorkerOptions } = {},
): Promise<RunningServer> {
  const log = createLogger(options.quiet ? 'warn' : config.logLevel);
  const database = options.database ?? openDatabase(config);
  await migrateToLatest(database.db, database.dialect);
  // Made (or read) at start: a bad SIGNING_KEY_FILE stops the start, and the key file is there to back up at once.
  const signingKey = await installationSigningKey(config, database);
  log.info(`Exports are signed with Ed25519 key ${signingKey.keyId} (${signingKey.source})`);
  const checkpointer = database.sqlite && database.file ? startCheckpointer(database.sqlite, database.file) : null;
  const upkeep = database.dialect === 'postgres' ? keepTablesUp(database, log) : null;
  const clock = options.clock ?? systemClock;
  const jobs = { wake() {} };
  const deps: Deps = {
    config,
    database,
    clock,
    log,
    feed: createEventFeed(database, log, {
      lookup: currentIncidentAccess(database),
      // What another instance changed is read afresh before this one changes it (see incidents/incident-cache.ts).
      appendedElsewhere: (streams) => forgetIncidents(database, streams),
    }),
    jobs,
  };
  const worker = startWorker(database, clock, log, jobDefinitions(deps), {
    leaseMs: config.jobLeaseMs,
    ...options.worker,
  });
  jobs.wake = worker.wake;
  const app = await buildApp(deps, { webRoot: options.webRoot });
  const evidenceSweep = startEvidenceSweep(deps);
  const setupUrl = await issueSetupUrl(deps);
  await app.listen({ port: config.port, host: config.host });
  // Loaded only when configured: smtp-server and mailparser stay out of every other start-up.
  const intake = config.intake ? await (await import('./intake/email-intake.ts')).startEmailIntake(deps, config.intake) : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  if (setupUrl) {
    const shown = config.port === 0 ? setupUrl.replace(/:\d+\//, `:${port}/`) : setupUrl;
    log.warn(`No user exists yet. Create the first admin at: ${shown}`);
    // Also as plain text, the URL alone on its line: easy to find and copy among the JSON log lines.
    if (!options.quiet) process.stderr.write(`\nNo user exists yet. Create the first admin at:\n${shown}\n\n`);
  }
  let closed = false;
  return {
    app,
    deps,
    worker,
    url,
    setupUrl,
    intakePort: intake?.port ?? null,
    async close() {
      if (closed) return;
      closed = true;
      await intake?.close();
      await app.close();
      await worker.stop();
      await evidenceSweep.stop();
      closeMailTransports();
      await deps.feed.stop();
      await checkpointer?.stop();
      await upkeep?.stop();
      await database.close();
    },
  };
}

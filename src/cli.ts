// Muster's command line: `npm run muster -- <command>`. `npm start` runs `serve`.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { bundleDependenciesInTheBackground } from './bundled-dependencies.ts';
import { WEB_ROOT } from './server/app.ts';
import { findUserByEmail } from './server/auth/auth.queries.ts';
import { changeUser } from './server/auth/change-user.ts';
import { createUser } from './server/auth/create-user.ts';
import { createApiToken } from './server/auth/credentials.ts';
import { SYSTEM_ACTOR } from './server/auth/policy.ts';
import { buildWeb } from './server/build-web.ts';
import { systemClock } from './server/core/clock.ts';
import { loadConfig } from './server/core/config.ts';
import { openDatabase } from './server/core/db/database.ts';
import { databaseLocation } from './server/core/db/database-location.ts';
import { migrateToLatest } from './server/core/db/migrations.ts';
import type { Deps } from './server/core/deps.ts';
import { AppError } from './server/core/errors.ts';
import { createEventFeed } from './server/core/events/event-feed.ts';
import { limitOldGenerationGrowth, releaseStartupMemory } from './server/core/release-startup-memory.ts';
import { verifyEvidenceFiles } from './server/evidence/verify-evidence-files.ts';
import { formatAnchor, parseAnchor } from './server/integrity/anchor.ts';
import { type IntegrityReport, verifyEverything } from './server/integrity/verify-everything.ts';
import { startServer } from './server/server.ts';
import { USER_ROLES, type UserRole } from './shared/incident-vocabulary.ts';

const HELP = `Usage: npm run muster -- <command> [options]

Commands:
  serve                                   run the web UI, API and workers (npm start)
  migrate                                 apply database migrations and exit
  user create --email E --name N --role admin|responder|viewer [--password P]
                                          create a user (prompts for the password when absent)
  user deactivate --email E               deactivate a user: ends their sessions and revokes their tokens
  token create --email E --name LABEL     create an API token for a user; prints it on the last line
  demo                                    load a demo organisation (two customers, plans, incidents) into an empty database
  verify [--anchor FILE]                  check every hash-chained stream (incidents, registry, triage, custody) against its
                                          stored row (and an incident's access list), every published plan's SHA-256 and every evidence file's
                                          bytes (hashed again); with --anchor, also that
                                          nothing recorded in that anchor was rewritten since. Exit 0: all intact;
                                          1: something is broken (listed); 2: could not check
  anchor                                  print the head of every stream and a digest, to keep outside this system
  verify-export FILE [--key PEM | --key-url URL]
                                          check the signature of an exported incident report (PDF, HTML or JSON):
                                          with this installation's key, a public key file, or the key published at
                                          URL (…/api/v1/signing-key). Exit 0: valid; 1: invalid (says why); 2: could
                                          not check

Configuration comes from the environment: PORT, HOST, DATA_DIR, EVIDENCE_DIR, DATABASE_URL, PUBLIC_URL, LOG_LEVEL,
SIGNING_KEY_FILE.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const database = openDatabase(config);
      const applied = await migrateToLatest(database.db, database.dialect);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date');
      await database.close();
      return 0;
    }
    case 'user':
      if (sub === 'deactivate')
        return withDeps(async (deps) => {
          const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' } } });
          if (!values.email) throw new UsageError('user deactivate needs --email');
          const found = await findUserByEmail(deps.database.db, values.email.trim());
          if (!found) throw new AppError('not_found', `No user with the e-mail ${values.email}`);
          await changeUser(deps, SYSTEM_ACTOR, found.id, { active: false });
          console.log(`Deactivated ${found.email}: sessions ended, tokens revoked, live streams end within seconds`);
          return 0;
        });
      if (sub !== 'create') throw new UsageError('Did you mean "user create" or "user deactivate"?');
      return withDeps(async (deps) => {
        const { values } = parseArgs({
          args: argv.slice(2),
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string' },
            password: { type: 'string' },
          },
        });
        if (!values.email || !values.name || !values.role) throw new UsageError('user create needs --email, --name and --role');
        if (!USER_ROLES.includes(values.role as UserRole)) throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
        const password = values.password ?? (await promptSecret('Password (at least 12 characters, hard to guess): '));
        const user = await createUser(deps, SYSTEM_ACTOR, {
          email: values.email,
          name: values.name,
          role: values.role as UserRole,
          password,
        });
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
        return 0;
      });
    case 'token':
      if (sub !== 'create') throw new UsageError('Did you mean "token create"?');
      return withDeps(async (deps) => {
        const { values } = parseArgs({ args: argv.slice(2), options: { email: { type: 'string' }, name: { type: 'string' } } });
        if (!values.email || !values.name) throw new UsageError('token create needs --email and --name (a label for the token)');
        const user = await findUserByEmail(deps.database.db, values.email);
        if (!user) throw new AppError('not_found', `No user with the e-mail ${values.email}`);
        const { token } = await createApiToken(deps, user.id, values.name);
        console.error(`API token "${values.name}" for ${user.email}; it is shown once, keep it safe:`);
        console.log(token);
        return 0;
      });
    case 'demo':
      return withDeps(async (deps) => {
        const { loadDemo } = await import('./server/demo/load-demo.ts');
        console.log(`Loading the demo into ${databaseLocation(deps.config)}`);
        const demo = await loadDemo(deps);
        console.log(`Loaded ${demo.customers} customers with published plans and ${demo.incidents} incidents.`);
        if (demo.password) console.log(`Sign in as ${demo.email} with the password ${demo.password}`);
        else console.log('Sign in with your own account.');
        return 0;
      });
    case 'verify':
      return withDeps(async (deps) => {
        const { values } = parseArgs({ args: argv.slice(1), options: { anchor: { type: 'string' } } });
        const anchor = values.anchor === undefined ? undefined : parseAnchor(readAnchorFile(values.anchor));
        if (anchor) {
          console.log(
            `Checking against the anchor taken at ${anchor.takenAt} (${anchor.heads.size} streams, digest ${anchor.digest}); make sure that digest is the one you kept.`,
          );
        }
        const started = performance.now();
        const report = await verifyEverything(deps.database.db, { anchor: anchor?.heads, onProgress: progress });
        for (const finding of report.findings) {
          const where = finding.firstInvalidSeq ? `first broken link at event #${finding.firstInvalidSeq}: ` : '';
          console.log(`BROKEN ${finding.label}: ${where}${finding.problem}`);
        }
        const files = await verifyEvidenceFiles(deps.database.db, deps.config.evidenceDir);
        for (const finding of files.findings) console.log(`BROKEN ${finding.label}: ${finding.problem}`);
        const broken = report.findings.length + files.findings.length;
        console.log(`${summary(report, started)} (and ${files.checked} evidence files hashed again), ${broken} broken`);
        return broken ? 1 : 0;
      });
    case 'anchor':
      return withDeps(async (deps) => {
        const started = performance.now();
        const report = await verifyEverything(deps.database.db, { onProgress: progress });
        if (report.findings.length) {
          for (const finding of report.findings) console.error(`BROKEN ${finding.label}: ${finding.problem}`);
          console.error(
            `No anchor taken: ${report.findings.length} broken (run verify for details). An anchor of a broken database proves nothing.`,
          );
          return 1;
        }
        const { text, digest } = formatAnchor(report.heads, deps.clock.now());
        process.stdout.write(text);
        console.error(`${summary(report, started)}. Anchored ${report.heads.length} streams, digest ${digest}.`);
        console.error('Keep this output (or at least the digest) where the database administrators cannot change it.');
        return 0;
      });
    case 'verify-export':
      return (await import('./server/reports/verify-export-command.ts')).verifyExportCommand(argv.slice(1), config);
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function readAnchorFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('invalid', `Cannot read the anchor ${file}: ${(error as Error).message}`);
  }
}

function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\rVerified ${done}/${total} streams`);
  if (done === total) process.stderr.write('\n');
}

function summary(report: IntegrityReport, started: number): string {
  const { incidents, records, triageItems, custodyStreams, planVersions } = report.checked;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `${incidents} incidents, ${records} registry records, ${triageItems} triage items, ${custodyStreams} chains of custody and ${planVersions} plan versions checked in ${seconds} s`;
}

async function withDeps(fn: (deps: Deps) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.dialect);
  const log = (await import('pino')).default({ level: 'warn' });
  const deps: Deps = { config, database, clock: systemClock, log, feed: createEventFeed(database, log), jobs: { wake() {} } };
  try {
    return await fn(deps);
  } finally {
    await deps.feed.stop();
    await database.close();
  }
}

async function serve(): Promise<number> {
  const started = performance.now();
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    console.log('Building the web interface (first start only, about half a minute)…');
    try {
      await buildWeb();
      console.log(`Web interface built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    } catch (error) {
      console.error(`The web interface could not be built (${(error as Error).message.split('\n')[0]}); serving the API only.`);
    }
  }
  const server = await startServer(loadConfig());
  limitOldGenerationGrowth();
  // After the first requests (the readiness probe) are answered: the collection pauses the loop for a moment.
  setTimeout(releaseStartupMemory, 300).unref();
  // Off the first start's path: the next start loads the bundles (decision 0024).
  setTimeout(bundleDependenciesInTheBackground, 2000).unref();
  server.deps.log.info(`Muster is ready at ${server.deps.config.publicUrl} (${Math.round(performance.now() - started)} ms)`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.deps.log.info(`${signal}: finishing requests in flight, then stopping`);
      server.close().then(
        () => process.exit(0),
        (err) => {
          server.deps.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return new Promise(() => {});
}

function promptSecret(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
    if (process.stdin.isTTY) {
      process.stderr.write(question);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    }
    rl.question(process.stdin.isTTY ? '' : question, (answer) => {
      rl.close();
      if (process.stdin.isTTY) process.stderr.write('\n');
      resolve(answer);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${HELP}`);
    else if (error instanceof AppError) console.error(`Error: ${error.message}`);
    else console.error(error);
    process.exitCode = 2;
  },
);

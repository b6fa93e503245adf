// The real Muster server as a child process, and the CLI against the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { onCleanup } from './cleanup.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'src/main.ts');

const START_WORDS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/);

/** Node's flags in `npm start` (package.json), so that what is measured is the server as it is started. */
export const START_FLAGS: string[] = START_WORDS.filter((word) => word.startsWith('--'));

/** The environment `npm start` sets before `node` (its compile cache), relative paths from the checkout's root. */
const START_ENV: Record<string, string> = Object.fromEntries(
  START_WORDS.slice(0, START_WORDS.indexOf('node')).map((word) => word.split('=') as [string, string]),
);

/** The environment for the server and the CLI: SQLite in dataDir, or PostgreSQL when databaseUrl is set. */
export function serverEnv(options: { port: number; dataDir: string; databaseUrl: string | null }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.NODE_OPTIONS;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  return env;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One GET to 127.0.0.1 on a fresh connection; resolves with the status, or 0 when nobody answered. */
function probe(port: number, urlPath: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningServer {
  pid: number;
  port: number;
  origin: string;
  /** From spawn to the first 200 answer to GET /readyz, polled every 10 ms. */
  readyMs: number;
  logTail(): string;
  /** How the process ended (its exit code or signal), or null while it runs. */
  ended(): string | null;
  stop(): Promise<void>;
}

/** Starts `node [flags of npm start] [nodeArgs] src/main.ts serve` and waits (at most timeoutMs) until GET /readyz answers 200. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  /** main: another checkout's src/main.ts (a before-and-after comparison); default this one's. */
  options: { nodeArgs?: string[]; timeoutMs?: number; logFile?: string; main?: string } = {},
): Promise<RunningServer> {
  const { nodeArgs = [], timeoutMs = 120_000, logFile = process.env.BENCH_SERVER_LOG, main = MAIN } = options;
  const port = Number(env.PORT);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...START_FLAGS, ...nodeArgs, main, 'serve'], {
    cwd: path.resolve(path.dirname(main), '..'),
    env: { ...START_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
  const keep = (chunk: Buffer) => {
    log = (log + chunk).slice(-8000);
    logStream?.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = onCleanup(`stop the server (pid ${child.pid})`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!gone) {
      console.error(`The server (pid ${child.pid}) did not stop within 5 s of SIGTERM; sending SIGKILL`);
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5000)]);
    }
  });

  let readyMs = -1;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const tryAt = performance.now();
    if ((await probe(port, '/readyz', 1000)) === 200) {
      readyMs = performance.now() - started;
      break;
    }
    await sleep(Math.max(0, 10 - (performance.now() - tryAt)));
  }
  if (readyMs < 0) {
    await stop();
    throw new Error(`The server did not become ready (exit ${child.exitCode ?? child.signalCode ?? 'none'}):\n${log}`);
  }
  return {
    pid: child.pid!,
    port,
    origin: `http://127.0.0.1:${port}`,
    readyMs,
    logTail: () => log,
    ended: () => (child.exitCode ?? child.signalCode ?? null)?.toString() ?? null,
    stop,
  };
}

/** VmRSS and VmHWM (peak) of a process, in MB (MiB), from /proc/<pid>/status; null where there is no /proc. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Runs `node src/main.ts <args>` with env; resolves with stdout, rejects with its output when it fails. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`muster ${args.slice(0, 2).join(' ')} failed (${code ?? signal}):\n${stdout}${stderr}`));
    });
  });
}

/** CPU time (user + system) a process has used so far, in seconds; null where there is no /proc. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
    // state is field 3, utime field 14 and stime field 15, in clock ticks (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The machine's busy and total CPU time so far (all cores), in clock ticks; null where there is no /proc. */
export function machineTicks(): { busy: number; total: number } | null {
  try {
    const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
    return { busy: total - n[3] - n[4], total };
  } catch {
    return null;
  }
}

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from './test-db.ts';

export const MAIN = path.resolve(import.meta.dirname, '../../main.ts');
export const runFile = promisify(execFile);

/** The real `serve` command in its own process, as an operator runs it; resolves once /readyz answers. */
export function serveProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    const poll = setInterval(async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).ok) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${env.PORT}` });
        }
      } catch {}
    }, 20);
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}

export const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

/** Creates a user with the CLI and returns an API token for them. */
export async function cliToken(
  env: NodeJS.ProcessEnv,
  email: string,
  name: string,
  role: 'admin' | 'responder',
): Promise<string> {
  await runFile(
    process.execPath,
    [MAIN, 'user', 'create', '--email', email, '--name', name, '--role', role, '--password', 'correct horse battery'],
    { env },
  );
  const { stdout } = await runFile(process.execPath, [MAIN, 'token', 'create', '--email', email, '--name', 'test'], { env });
  return stdout.trim().split('\n').at(-1) as string;
}

/** The environment of a `serve` process over a test database, on its own port. */
export function processEnv(testDb: TestDatabase, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: testDb.file ? path.dirname(testDb.file) : fs.mkdtempSync(path.join(os.tmpdir(), 'muster-proc-')),
    DATABASE_URL: testDb.url ?? '',
    ...extra,
  };
}

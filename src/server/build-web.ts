import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Builds the web UI into dist/web with Vite in a child process, and resolves once it is written. Vite and its
 * bundler take about 800 MB while they work; in a child process that memory goes back to the system when the
 * build ends, instead of staying with the server for as long as it runs. Vite's progress goes to this process's
 * output unless `quiet`. Rejects, saying why, when the build fails.
 */
export function buildWeb(options: { quiet?: boolean } = {}): Promise<void> {
  const args = [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', options.quiet ? 'error' : 'info'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(signal ? `the build was stopped by ${signal}` : `the build exited with code ${code}`));
    });
  });
}

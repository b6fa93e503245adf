// A measuring script in its own process: its input goes in as JSON on stdin (too large for a command line with
// many request bodies), its result comes back as the last line of stdout, and it is killed if it overruns.
import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup.ts';

export function runJsonProcess<T>(script: string, input: unknown, label: string, limitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(JSON.stringify(input));
    const kill = onCleanup(`stop the ${label}`, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The ${label} did not finish within ${limitMs / 1000} s`));
    }, limitMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      void kill();
      if (code !== 0) return reject(new Error(`The ${label} failed (${code ?? signal}):\n${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
      } catch {
        reject(new Error(`The ${label} printed no result:\n${stdout.slice(-2000)}\n${stderr}`));
      }
    });
  });
}

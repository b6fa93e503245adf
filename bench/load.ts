// Runs one load test in a separate process (bench/load-worker.ts) and returns what it measured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './cleanup.ts';

export interface LoadSpec {
  kind: 'autocannon' | 'paced';
  origin: string; // http://127.0.0.1:PORT
  path: string;
  /** autocannon only: spread the requests over these paths, one after the other. */
  paths?: string[];
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** autocannon only: spread the requests over these bodies, one after the other. */
  bodies?: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** autocannon: --overallRate; paced: the request rate. */
  overallRate?: number;
}

export interface LoadResult {
  /** Average of autocannon's per-second samples (paced: 2xx answers per second). */
  reqPerSec: number;
  total: number;
  durationSeconds: number;
  latencyMs: { p50: number; p97_5: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

const WORKER = path.join(import.meta.dirname, 'load-worker.ts');

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const limitMs = (spec.durationSeconds + spec.warmupSeconds) * 2000 + 60_000;
  return new Promise((resolve, reject) => {
    // The spec goes through stdin: with many request bodies it is too large for the command line.
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(JSON.stringify(spec));
    const kill = onCleanup('stop the load generator', () => {
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
      reject(new Error(`The load generator did not finish within ${limitMs / 1000} s`));
    }, limitMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      void kill();
      if (code !== 0) return reject(new Error(`The load generator failed (${code ?? signal}):\n${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult);
      } catch {
        reject(new Error(`The load generator printed no result:\n${stdout.slice(-2000)}\n${stderr}`));
      }
    });
  });
}

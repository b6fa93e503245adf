// Stream fan-out: many open live streams, one note, and how long until every stream has it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './cleanup.ts';

export interface FanoutResult {
  streams: number;
  /** Time to open every stream, a hundred at a time. */
  connectedMs: number;
  /** Time until the note's own POST was answered. */
  noteAnsweredMs: number;
  delivered: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export function measureFanout(spec: {
  origin: string;
  tokens: string[];
  incidentId: string;
  streams: number;
}): Promise<FanoutResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fanout-worker.ts')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(JSON.stringify({ ...spec, timeoutMs: 30_000 }));
    const kill = onCleanup('stop the stream fan-out client', () => {
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
    child.on('exit', (code) => {
      void kill();
      if (code !== 0) return reject(new Error(`the fan-out client failed (${code}):\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as FanoutResult);
    });
  });
}

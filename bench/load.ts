// Runs one load test in a separate process (bench/load-worker.ts) and returns what it measured.
import path from 'node:path';
import { runJsonProcess } from './json-process.ts';

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
  return runJsonProcess<LoadResult>(WORKER, spec, 'load generator', limitMs);
}

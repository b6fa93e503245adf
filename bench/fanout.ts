// Stream fan-out: many open live streams, one note, and how long until every stream has it.
import path from 'node:path';
import { runJsonProcess } from './json-process.ts';

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
  const worker = path.join(import.meta.dirname, 'fanout-worker.ts');
  return runJsonProcess<FanoutResult>(worker, { ...spec, timeoutMs: 30_000 }, 'stream fan-out client', 120_000);
}

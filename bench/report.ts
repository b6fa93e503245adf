// Targets, and the tables that compare each run with them.

import type { EvidenceResult } from './evidence.ts';
import type { FanoutResult } from './fanout.ts';
import type { IncidentReportResult } from './incident-report.ts';
import type { LoadResult } from './load.ts';
import type { MetricsBenchResult } from './metrics.ts';
import type { NotifyResult } from './notify.ts';
import type { PhaseMemory } from './phase-memory.ts';
import type { RespondResult } from './respond.ts';
import type { StormLatencyResult } from './storm-latency.ts';
import type { StormMemoryResult } from './storm-memory.ts';

export type Target =
  | { kind: 'ratio'; min: number } // req/s at least min × the floor's req/s
  | { kind: 'p99'; maxMs: number };

export interface OperationResult {
  name: string;
  request: string;
  /** How the load was made: closed loop at full speed, or a fixed rate. */
  load: string;
  result: LoadResult;
  ratioToFloor: number | null;
  /** req/s against GET /healthz on a bare Fastify app measured in the same run (the second floor). */
  ratioToBare: number | null;
  target: Target | null;
  met: boolean | null;
  failedShare: number;
  /** The server's CPU use during the load (warm-up included), and the whole machine's (all cores). */
  cpu: { serverPercent: number; microsPerRequest: number; machineBusyPercent: number } | null;
}

export interface SuiteResult {
  dialect: 'sqlite' | 'postgres';
  startup: { samplesMs: number[]; medianMs: number; webBuildIncluded: boolean; target: string; met: boolean };
  idleRss: { mb: number; target: string; met: boolean } | null;
  afterLoadRss: { mb: number; peakMb: number } | null;
  /** SQLite: the alert storm on a server of its own (the storm memory target, issue 15). */
  stormAlone?: StormMemoryResult | null;
  /** The server's memory after each phase (issue 15: what the storm's RSS starts from). */
  phases?: PhaseMemory[];
  floorAtEnd: LoadResult | null;
  /** GET /healthz on a bare Fastify app, measured right after Muster's floor. */
  bareFloor: LoadResult | null;
  /** Many open streams, one note: when each stream had it. */
  fanout?: FanoutResult;
  operations: OperationResult[];
  /** Notification delivery under load (issue: p99 < 1 s, escalations within ±2 s). */
  notify?: NotifyResult;
  /** The response phase (issue 12): applying playbooks, my tasks, first reports by themselves. */
  respond?: RespondResult;
  /** Evidence (issue 13): a 1 GiB upload's rate and the server's RSS rise during it. */
  evidence?: EvidenceResult;
  /** The signed incident report of a 10,000-event timeline (issue 13: PDF < 5 s, JSON < 1 s). */
  incidentReport?: IncidentReportResult;
  /** The response metrics over 10,000 incidents with full timelines (< 200 ms on SQLite, < 500 ms on PostgreSQL). */
  metrics?: MetricsBenchResult;
  /** Alert intake (issue: single posts ≥ 0.5 × floor, 100,000 alerts/s in batches, de-duplication within 20 %). */
  alerts?: AlertsResult;
  /** GET /healthz during 8 senders of 5,000-alert batches (issue 10: p99 < 100 ms), with the floor's p99 before it. */
  stormLatency?: StormLatencyResult & { floorP99Ms: number };
  notes: string[];
}

export const STARTUP_TARGET_MS = 1000;
export const IDLE_RSS_TARGET_MB = 150;

export function describeTarget(target: Target | null): string {
  if (!target) return '';
  return target.kind === 'ratio' ? `≥ ${target.min} × floor` : `p99 < ${target.maxMs} ms`;
}

export function meets(target: Target | null, result: LoadResult, ratio: number | null): boolean | null {
  if (!target) return null;
  if (target.kind === 'ratio') return ratio !== null && ratio >= target.min;
  return result.latencyMs.p99 < target.maxMs && result.non2xx + result.errors + result.timeouts === 0;
}

/** Share of requests that did not get a 2xx answer (non-2xx, connection errors, time-outs). */
export function failedShare(result: LoadResult): number {
  const failed = result.non2xx + result.errors + result.timeouts;
  return failed / Math.max(1, result.total + result.errors + result.timeouts);
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString('en-US');
/** A target's outcome, in words: met or missed (for PostgreSQL, information only). */
export const metOrMissed = (met: boolean | null, informative: boolean) =>
  met === null ? '' : `${met ? 'met' : '**missed**'}${informative ? ' (info)' : ''}`;
const yesNo = metOrMissed;

/** Alert intake figures (bench/alerts.ts). */
export interface AlertsResult {
  singleReqPerSec: number;
  batchAlertsPerSec: number;
  batchTargetMet: boolean;
  dedupStored1k: number;
  dedupStoredMany: number;
  stored: number;
  /** dedupStoredMany / dedupStored1k; the target is ≥ 0.8. */
  dedupRatio: number;
  /** New alerts per second while seeding (batches of 1,000 new fingerprints, 4 requests at a time). */
  insertRate: number;
  /** Repeats spread evenly over every stored alert (the worst case). */
  dedupSpread: number;
  storm: {
    seconds: number;
    connections: number;
    alertsPerSec: number;
    statusCodes: Record<string, number>;
    maxRssMb: number | null;
    /** maxRssMb < STORM_RSS_TARGET_MB (issue 15). */
    rssTargetMet: boolean;
    rssAtStartMb: number | null;
    rssEveryTenSecondsMb: number[];
  };
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The Markdown tables of one suite; targets are defined for SQLite and shown as information for PostgreSQL. */
export function suiteTables(suite: SuiteResult): string {
  const informative = suite.dialect !== 'sqlite';
  const rows = suite.operations.map((op) => [
    op.name,
    int(op.result.reqPerSec),
    op.ratioToFloor === null ? '—' : op.ratioToFloor.toFixed(2),
    op.ratioToBare === null ? '—' : op.ratioToBare.toFixed(2),
    ms(op.result.latencyMs.p50),
    ms(op.result.latencyMs.p97_5),
    ms(op.result.latencyMs.p99),
    int(op.result.non2xx),
    int(op.result.errors + op.result.timeouts),
    op.cpu ? `${op.cpu.serverPercent.toFixed(0)} %` : '',
    op.cpu ? int(op.cpu.microsPerRequest) : '',
    describeTarget(op.target),
    yesNo(op.met, informative),
  ]);
  const operations = table(
    [
      'operation',
      'req/s',
      'ratio to floor',
      'ratio to bare Fastify',
      'p50 ms',
      'p97.5 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'server CPU',
      'CPU µs/req',
      'target',
      'met?',
    ],
    rows,
  );
  const resources = [
    [
      'start to /readyz (median)',
      `${int(suite.startup.medianMs)} ms (${suite.startup.samplesMs.map(int).join(', ')})${suite.startup.webBuildIncluded ? ', web build included' : ''}`,
      suite.startup.target,
      yesNo(suite.startup.met, informative),
    ],
  ];
  if (suite.idleRss) {
    resources.push([
      'idle RSS',
      `${suite.idleRss.mb.toFixed(0)} MB`,
      suite.idleRss.target,
      yesNo(suite.idleRss.met, informative),
    ]);
  }
  if (suite.afterLoadRss) {
    resources.push([
      'RSS after the load (peak)',
      `${suite.afterLoadRss.mb.toFixed(0)} MB (${suite.afterLoadRss.peakMb.toFixed(0)} MB)`,
      '',
      '',
    ]);
  }
  if (suite.bareFloor) {
    resources.push([
      'bare Fastify floor (GET /healthz)',
      `${int(suite.bareFloor.reqPerSec)} req/s, p99 ${ms(suite.bareFloor.latencyMs.p99)} ms`,
      '',
      '',
    ]);
  }
  if (suite.fanout) {
    const f = suite.fanout;
    resources.push([
      `stream fan-out: ${int(f.streams)} streams, one note`,
      `max ${f.maxMs === null ? '—' : ms(f.maxMs)} ms (p50 ${f.p50Ms === null ? '—' : ms(f.p50Ms)}, p99 ${f.p99Ms === null ? '—' : ms(f.p99Ms)}); ${int(f.delivered)} delivered`,
      '',
      '',
    ]);
  }
  if (suite.floorAtEnd) {
    const first = suite.operations.find((op) => op.name === 'floor')?.result.reqPerSec ?? 0;
    const drift = first ? ((suite.floorAtEnd.reqPerSec - first) / first) * 100 : 0;
    resources.push([
      'floor again at the end (drift)',
      `${int(suite.floorAtEnd.reqPerSec)} req/s (${drift >= 0 ? '+' : ''}${drift.toFixed(0)} %)`,
      '',
      '',
    ]);
  }
  return `${operations}\n\n${table(['measure', 'value', 'target', 'met?'], resources)}`;
}

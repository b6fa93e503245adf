// Evidence upload at size (issue 13): a 1 GiB multipart upload must raise the server's RSS by < 64 MB and stream
// at ≥ 200 MB/s. The body is generated as it is sent (64 random MiB in turn), so the load generator holds 64 MiB,
// not 1 GiB; the server's RSS is sampled from /proc every 20 ms.
//
// Standalone: `node bench/evidence.ts` starts its own server on SQLite (BENCH_EVIDENCE_GIB, default 1).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { type Api, apiClient, createToken, incidentOfItsOwn, tempDir } from './fixtures.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

export interface EvidenceResult {
  /** The same bytes POSTed to a bare Node HTTP server (its own process) that only reads them: this run's ceiling. */
  bareMbPerSecond: number;
  /** mbPerSecond / bareMbPerSecond. */
  ratioToBare: number;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  /** The server's VmRSS just before the upload, and the highest sample during it. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssRiseMb: number;
  /** VmHWM rose by this much during the upload (0 when an earlier phase had set a higher peak). */
  hwmRiseMb: number;
  sha256Matches: boolean;
  targets: { rssRiseMb: number; mbPerSecond: number };
  met: boolean;
}

const RSS_TARGET_MB = 64;
const RATE_TARGET_MB_S = 200;
const MiB = 1024 * 1024;

function vm(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

const BLOCKS = 64;

/**
 * POSTs `mib` MiB as one multipart file, written with backpressure; resolves with the status, body and seconds. The
 * body cycles through 64 random MiB, hashed before the clock starts, so that the client spends its CPU on sending.
 */
function upload(origin: string, token: string, incidentId: string, mib: number) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nBench generator\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.img"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const blocks = Array.from({ length: BLOCKS }, () => randomBytes(MiB));
  const hash = createHash('sha256');
  for (let i = 0; i < mib; i++) hash.update(blocks[i % BLOCKS]);
  const sha256 = hash.digest('hex');
  const url = new URL(`/api/v1/incidents/${incidentId}/evidence`, origin);
  return new Promise<{ status: number; body: string; seconds: number; sha256: string }>((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + mib * MiB + tail.length,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, seconds: (performance.now() - started) / 1000, sha256 }),
      );
    });
    request.write(head);
    let sent = 0;
    const writeMore = () => {
      while (sent < mib) {
        const block = blocks[sent % BLOCKS];
        sent += 1;
        if (!request.write(block)) return void request.once('drain', writeMore);
      }
      request.end(tail);
    };
    writeMore();
  });
}

const SINK = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end('{}')); });
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** The same upload to a bare HTTP server that only reads the body: what this machine's loopback allows right now. */
async function bareRate(mib: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once('error', reject);
    });
    const result = await upload(`http://127.0.0.1:${port}`, 'none', 'none', mib);
    return Math.round(mib / result.seconds);
  } finally {
    child.kill();
  }
}

/** Uploads `gib` GiB to a fresh incident on the running server and measures the rate and the server's RSS. */
export async function measureEvidence(
  api: Api,
  origin: string,
  token: string,
  pid: number,
  log: (message: string) => void,
  gib = 1,
): Promise<EvidenceResult> {
  const incident = await incidentOfItsOwn(api, { title: 'Bench evidence' });
  // A small upload first, so that the code paths are compiled and the RSS rise measured is the upload's own.
  const warm = await upload(origin, token, incident.id, 32);
  if (warm.status !== 201) throw new Error(`The warm-up upload answered ${warm.status}: ${warm.body.slice(0, 300)}`);
  await new Promise((r) => setTimeout(r, 1000));
  const before = vm(pid);
  let peak = before?.rss ?? Number.NaN;
  const sampler = setInterval(() => {
    const now = vm(pid);
    if (now && !(now.rss <= peak)) peak = now.rss;
  }, 20);
  const result = await upload(origin, token, incident.id, gib * 1024).finally(() => clearInterval(sampler));
  const after = vm(pid);
  if (result.status !== 201) throw new Error(`The evidence upload answered ${result.status}: ${result.body.slice(0, 300)}`);
  const stored = JSON.parse(result.body) as { sha256: string; size: number };
  const bytes = gib * 1024 * MiB;
  const mbPerSecond = Math.round(bytes / MiB / result.seconds);
  const rssRiseMb = Math.round(peak - (before?.rss ?? Number.NaN));
  const hwmRiseMb = Math.round(Math.max(0, (after?.hwm ?? 0) - (before?.hwm ?? 0)));
  const bareMbPerSecond = await bareRate(gib * 1024);
  const met = rssRiseMb < RSS_TARGET_MB && mbPerSecond >= RATE_TARGET_MB_S && stored.sha256 === result.sha256;
  log(
    `  bare loopback ceiling: ${bareMbPerSecond} MB/s; ${gib} GiB in ${result.seconds.toFixed(2)} s = ${mbPerSecond} MB/s; server RSS ${before?.rss.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${rssRiseMb} MB, VmHWM +${hwmRiseMb} MB); SHA-256 ${stored.sha256 === result.sha256 ? 'matches' : 'DIFFERS'}`,
  );
  return {
    bareMbPerSecond,
    ratioToBare: Math.round((mbPerSecond / bareMbPerSecond) * 100) / 100,
    bytes,
    seconds: Math.round(result.seconds * 100) / 100,
    mbPerSecond,
    rssBeforeMb: Math.round(before?.rss ?? Number.NaN),
    rssPeakMb: Math.round(peak),
    rssRiseMb,
    hwmRiseMb,
    sha256Matches: stored.sha256 === result.sha256,
    targets: { rssRiseMb: RSS_TARGET_MB, mbPerSecond: RATE_TARGET_MB_S },
    met,
  };
}

export function evidenceTable(r: EvidenceResult, informative: boolean): string {
  const yes = (met: boolean) => `${met ? 'yes' : '**NO**'}${informative ? ' (info)' : ''}`;
  const gib = r.bytes / 1024 ** 3;
  const rows = [
    [
      `upload ${gib} GiB as evidence (multipart, hashed and fsynced)`,
      `${r.mbPerSecond} MB/s (${r.seconds} s); ${r.ratioToBare} × a bare HTTP server (${r.bareMbPerSecond} MB/s)`,
      `≥ ${r.targets.mbPerSecond} MB/s`,
      yes(r.mbPerSecond >= r.targets.mbPerSecond),
    ],
    [
      'server RSS rise during the upload',
      `+${r.rssRiseMb} MB (${r.rssBeforeMb} → ${r.rssPeakMb} MB)`,
      `< ${r.targets.rssRiseMb} MB`,
      yes(r.rssRiseMb < r.targets.rssRiseMb),
    ],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(['evidence', 'value', 'target', 'met?']), line(['---', '---', '---', '---']), ...rows.map(line)].join('\n');
}

async function standalone(): Promise<number> {
  installSignalHandlers();
  const gib = Number(process.env.BENCH_EVIDENCE_GIB || 1);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const env = serverEnv({ port: await freePort(), dataDir: tempDir('evidence'), databaseUrl: null });
  const server = await startServer(env);
  try {
    const token = await createToken(env);
    log(`▶ evidence: one ${gib} GiB upload`);
    const result = await measureEvidence(apiClient(server.origin, token), server.origin, token, server.pid, log, gib);
    console.log(evidenceTable(result, false));
    return result.met ? 0 : 1;
  } finally {
    await server.stop();
    await cleanupAll();
  }
}

if (import.meta.main) {
  standalone().then(
    (code) => {
      process.exitCode = code;
    },
    async (error) => {
      console.error(error);
      await cleanupAll();
      process.exitCode = 1;
    },
  );
}

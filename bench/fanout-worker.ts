// Opens many live streams (GET /api/v1/stream), adds one note, and measures when each stream receives it.
// Runs in its own process (bench/fanout.ts); reads its spec as JSON on stdin and prints one JSON line.
import http from 'node:http';
import { text } from 'node:stream/consumers';

interface Spec {
  origin: string;
  tokens: string[];
  incidentId: string;
  streams: number;
  timeoutMs: number;
}

const spec = JSON.parse(await text(process.stdin)) as Spec;
const { hostname, port } = new URL(spec.origin);
const marker = `fan-out ${Date.now()}`;
const requests: http.ClientRequest[] = [];
const deliveredAfter: number[] = [];
let sentAt = 0;

function openStream(token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: hostname,
        port,
        path: '/api/v1/stream',
        agent: false,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`the stream answered ${response.statusCode}`));
        let connected = false;
        let seen = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (!connected && chunk.includes(': connected')) {
            connected = true;
            resolve();
          }
          if (sentAt && !seen.includes(marker)) {
            seen = (seen + chunk).slice(-marker.length * 4);
            if (chunk.includes(marker) || seen.includes(marker)) deliveredAfter.push(performance.now() - sentAt);
          }
        });
      },
    );
    request.on('error', reject);
    requests.push(request);
  });
}

const started = performance.now();
// Opened a hundred at a time, as browsers reconnecting after a restart would.
for (let i = 0; i < spec.streams; i += 100) {
  await Promise.all(
    Array.from({ length: Math.min(100, spec.streams - i) }, (_, j) => openStream(spec.tokens[(i + j) % spec.tokens.length])),
  );
}
const connectedMs = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 500));

sentAt = performance.now();
const response = await fetch(`${spec.origin}/api/v1/incidents/${spec.incidentId}/notes`, {
  method: 'POST',
  headers: { authorization: `Bearer ${spec.tokens[0]}`, 'content-type': 'application/json' },
  body: JSON.stringify({ body: marker }),
});
const answeredMs = performance.now() - sentAt;
if (response.status !== 201) throw new Error(`adding the note answered ${response.status}: ${await response.text()}`);
const deadline = Date.now() + spec.timeoutMs;
while (deliveredAfter.length < spec.streams && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
for (const request of requests) request.destroy();

const sorted = [...deliveredAfter].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
process.stdout.write(
  `${JSON.stringify({
    streams: spec.streams,
    connectedMs,
    noteAnsweredMs: answeredMs,
    delivered: sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? null,
  })}\n`,
);
process.exit(0);

import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { Api } from './fixtures.ts';

// Issue target: from the event that triggers a notification to the SMTP sink receiving it, p99 < 1 s on one
// instance while 100 incidents/s are being created; escalation steps fire within ±2 s of their due time.

export interface NotifyResult {
  deliveries: number;
  latencyMs: { p50: number; p99: number; max: number };
  escalations: number;
  escalationErrorMs: { maxAbs: number };
  createdPerSecond: number;
  met: boolean;
}

export function startBenchSink(): Promise<SmtpSink> {
  return startSmtpSink();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Creates incidents at `perSecond` until stopped (the background load); returns the number created. */
function backgroundCreates(api: Api, perSecond: number) {
  let stop = false;
  let created = 0;
  const started = performance.now();
  const running = (async () => {
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; !stop; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const p = api('POST', '/api/v1/incidents', { title: 'Bench background incident' })
        .then(() => void created++)
        .catch(() => {})
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  })();
  return {
    async stop() {
      stop = true;
      await running;
      return created / ((performance.now() - started) / 1000);
    },
  };
}

export async function measureNotifications(api: Api, sink: SmtpSink, log: (line: string) => void): Promise<NotifyResult> {
  const contact = await api<{ id: string; channels: { id: string }[] }>('POST', '/api/v1/contacts', {
    name: 'Bench duty desk',
    kind: 'function',
    channels: [
      { type: 'email', address: 'primary@bench.example' },
      { type: 'email', address: 'alternate@bench.example' },
    ],
  });
  await api('POST', '/api/v1/pace-plans', {
    purpose: 'coordinate-responders',
    levels: [
      {
        level: 'primary',
        contactId: contact.id,
        channelId: contact.channels[0].id,
        moveOn: { noAckMinutes: 1, onDeliveryFailure: true, onChannelCompromised: true },
      },
      { level: 'alternate', contactId: contact.id, channelId: contact.channels[1].id },
    ],
  });
  const load = backgroundCreates(api, 100);
  const sentAt = new Map<string, number>();
  log('  sending 200 notifications (10/s) while 100 incidents/s are created, then waiting 60 s for their escalations…');
  for (let i = 0; i < 200; i++) {
    const incident = await api<{ id: string }>('POST', '/api/v1/incidents', { title: `Bench notify ${i}` });
    const n = await api<{ id: string }>('POST', `/api/v1/incidents/${incident.id}/notifications`, {
      purpose: 'coordinate-responders',
    });
    sentAt.set(n.id, performance.now() + performance.timeOrigin);
    await sleep(100);
  }
  const receivedAt = (level: number) =>
    new Map(
      sink.messages
        .filter((m) => m.messageId?.match(/^<([^.]+)\.(\d)@muster>$/)?.[2] === String(level))
        .map((m) => [m.messageId?.match(/^<([^.]+)\./)?.[1] as string, m.receivedAt.getTime()]),
    );
  const deadline = Date.now() + 75_000;
  while (receivedAt(1).size < sentAt.size && Date.now() < deadline) await sleep(500);
  const createdPerSecond = await load.stop();
  const first = receivedAt(0);
  const alternate = receivedAt(1);
  const latencies = [...sentAt].filter(([id]) => first.has(id)).map(([id, t]) => (first.get(id) as number) - t);
  // Escalation is due 60 s after the primary delivery was recorded, which is within a few ms of its receipt.
  const errors = [...alternate].map(([id, t]) => t - ((first.get(id) as number) + 60_000));
  const result: NotifyResult = {
    deliveries: latencies.length,
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(Math.max(...latencies)),
    },
    escalations: alternate.size,
    escalationErrorMs: { maxAbs: Math.round(Math.max(0, ...errors.map(Math.abs))) },
    createdPerSecond: Math.round(createdPerSecond),
    met: false,
  };
  result.met =
    result.deliveries === sentAt.size &&
    result.latencyMs.p99 < 1000 &&
    result.escalations === sentAt.size &&
    result.escalationErrorMs.maxAbs <= 2000;
  log(
    `  ${result.deliveries}/${sentAt.size} delivered, trigger → SMTP p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (target < 1000); ` +
      `${result.escalations} escalations, worst ${result.escalationErrorMs.maxAbs} ms from due (target ±2000); background ${result.createdPerSecond} incidents/s: ${result.met ? 'met' : 'MISSED'}`,
  );
  return result;
}

// The response phase at volume (issue targets): applying a 20-step playbook p95 ≤ 50 ms on SQLite (≤ 150 ms on
// PostgreSQL); GET /api/v1/tasks?assignee=me p95 < 100 ms with 10,000 open tasks; a reported attack's first report
// accepted by SMTP p99 < 5 s while 100 incidents/s are reported.
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { Api } from './fixtures.ts';

export interface RespondResult {
  apply: { samples: number; p50Ms: number; p95Ms: number; maxMs: number; targetMs: number; met: boolean };
  myTasks: { openTasks: number; samples: number; p50Ms: number; p95Ms: number; targetMs: number; met: boolean };
  firstReport: {
    reported: number;
    delivered: number;
    reportedPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    targetMs: number;
    met: boolean;
  };
}

const STEPS = 20;
const APPLY_SAMPLES = 200;
const TASK_INCIDENTS = 500; // × 20 steps = 10,000 open tasks, all the bench user's
const LIST_SAMPLES = 200;
const ATTACK_RATE = 100;
const ATTACK_SECONDS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** A customer whose plan has a 20-step playbook held by the incident manager, and an e-mail notify-customer ladder. */
async function prepareCustomer(api: Api) {
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: 'Bench Respond',
    code: 'BRESP',
    timeZone: 'UTC',
    firstReport: 'on-report',
  });
  const contact = await api<{ id: string; channels: { id: string }[] }>('POST', '/api/v1/contacts', {
    customerId: customer.id,
    name: 'Bench customer contact',
    role: 'Customer contact point',
    channels: [{ type: 'email', address: 'contact@respond.bench.example' }],
  });
  await api('POST', '/api/v1/pace-plans', {
    customerId: customer.id,
    purpose: 'notify-customer',
    levels: [{ level: 'primary', contactId: contact.id, channelId: contact.channels[0].id }],
  });
  const phases = ['contain', 'investigate', 'resolve', 'recover', 'communicate'] as const;
  await api('POST', '/api/v1/playbooks', {
    customerId: customer.id,
    slug: 'bench-twenty-steps',
    name: 'Bench: twenty steps',
    summary: 'Twenty steps for the benchmark',
    categories: [],
    steps: Array.from({ length: STEPS }, (_, i) => ({
      id: `step-${i + 1}`,
      phase: phases[i % phases.length],
      title: `Bench step ${i + 1}`,
      detail: 'Do the thing and write down what you did.',
      role: 'incident-manager',
      needsCustomerInstruction: i % 7 === 3,
      record: ['What was done'],
      due: { from: 'aware', after: { hours: 24 + i } },
    })),
  });
  await api('POST', `/api/v1/customers/${customer.id}/plans`, { approver: 'Bench approver' });
  return customer.id;
}

async function incidentWithManager(api: Api, customerId: string, userId: string, title: string): Promise<string> {
  const incident = await api<{ id: string }>('POST', '/api/v1/incidents', { title, customerId });
  await api('PUT', `/api/v1/incidents/${incident.id}/roles/incident-manager`, { userId });
  return incident.id;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

export async function measureRespond(
  api: Api,
  sink: SmtpSink,
  dialect: 'sqlite' | 'postgres',
  log: (line: string) => void,
): Promise<RespondResult> {
  const customerId = await prepareCustomer(api);
  const me = (await api<{ user: { id: string } }>('GET', '/api/v1/auth/me')).user.id;
  const apply = (id: string) => api('POST', `/api/v1/incidents/${id}/playbooks/bench-twenty-steps/apply`);

  log(`  applying a ${STEPS}-step playbook to ${APPLY_SAMPLES} incidents, one at a time…`);
  const applyMs: number[] = [];
  for (let i = 0; i < APPLY_SAMPLES; i++) {
    const id = await incidentWithManager(api, customerId, me, `Bench apply ${i}`);
    applyMs.push(await timed(() => apply(id)));
  }
  const applyTarget = dialect === 'sqlite' ? 50 : 150;
  const applyResult = {
    samples: applyMs.length,
    p50Ms: round(percentile(applyMs, 50)),
    p95Ms: round(percentile(applyMs, 95)),
    maxMs: round(Math.max(...applyMs)),
    targetMs: applyTarget,
    met: percentile(applyMs, 95) <= applyTarget,
  };
  log(
    `  apply: p50 ${applyResult.p50Ms} ms, p95 ${applyResult.p95Ms} ms (target ≤ ${applyTarget}): ${applyResult.met ? 'met' : 'MISSED'}`,
  );

  log(`  seeding ${(TASK_INCIDENTS * STEPS).toLocaleString('en-US')} open tasks for one assignee…`);
  let next = APPLY_SAMPLES;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < TASK_INCIDENTS) {
        const n = next++;
        await apply(await incidentWithManager(api, customerId, me, `Bench tasks ${n}`));
      }
    }),
  );
  const open = await api<{ items: unknown[]; total?: number }>('GET', '/api/v1/tasks?assignee=me&status=open&limit=1');
  const listMs: number[] = [];
  for (let i = 0; i < LIST_SAMPLES; i++) listMs.push(await timed(() => api('GET', '/api/v1/tasks?assignee=me&status=open')));
  const myTasks = {
    openTasks: open.total ?? TASK_INCIDENTS * STEPS,
    samples: listMs.length,
    p50Ms: round(percentile(listMs, 50)),
    p95Ms: round(percentile(listMs, 95)),
    targetMs: 100,
    met: percentile(listMs, 95) < 100,
  };
  log(`  my tasks: p50 ${myTasks.p50Ms} ms, p95 ${myTasks.p95Ms} ms (target < 100): ${myTasks.met ? 'met' : 'MISSED'}`);

  log(`  reporting attacks at ${ATTACK_RATE}/s for ${ATTACK_SECONDS} s; each first report should reach the SMTP sink by itself…`);
  const reportedAt = new Map<string, number>();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < ATTACK_RATE * ATTACK_SECONDS; i++) {
    const wait = started + (i * 1000) / ATTACK_RATE - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      api<{ key: string }>('POST', '/api/v1/incidents', { title: `Bench attack ${i}`, customerId, origin: 'attack' }).then(
        (incident) => void reportedAt.set(incident.key, performance.now() + performance.timeOrigin),
      ),
    );
  }
  await Promise.all(inFlight);
  const reportedPerSecond = reportedAt.size / ((performance.now() - started) / 1000);
  const arrived = () => {
    const byKey = new Map<string, number>();
    for (const m of sink.messages) {
      const key = /INC-\d{4}-\d+/.exec(m.subject)?.[0];
      if (key && reportedAt.has(key) && !byKey.has(key)) byKey.set(key, m.receivedAt.getTime());
    }
    return byKey;
  };
  const deadline = Date.now() + 60_000;
  while (arrived().size < reportedAt.size && Date.now() < deadline) await sleep(250);
  const got = arrived();
  const latencies = [...got].map(([key, at]) => at - (reportedAt.get(key) as number));
  const firstReport = {
    reported: reportedAt.size,
    delivered: got.size,
    reportedPerSecond: round(reportedPerSecond),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(Math.max(0, ...latencies)),
    targetMs: 5000,
    met: got.size === reportedAt.size && percentile(latencies, 99) < 5000,
  };
  log(
    `  first reports: ${got.size}/${reportedAt.size} delivered, p50 ${firstReport.p50Ms} ms, p99 ${firstReport.p99Ms} ms (target < 5000) at ${firstReport.reportedPerSecond} reports/s: ${firstReport.met ? 'met' : 'MISSED'}`,
  );
  return { apply: applyResult, myTasks, firstReport };
}

/** The response-phase figures as a Markdown table. */
export function respondTable(r: RespondResult, informative: boolean): string {
  const yes = (met: boolean) => `${met ? 'yes' : '**NO**'}${informative ? ' (info)' : ''}`;
  const rows = [
    [
      `apply a ${STEPS}-step playbook (${r.apply.samples} incidents, one at a time)`,
      `p50 ${r.apply.p50Ms} ms, p95 ${r.apply.p95Ms} ms, max ${r.apply.maxMs} ms`,
      `p95 ≤ ${r.apply.targetMs} ms`,
      yes(r.apply.met),
    ],
    [
      `GET /tasks?assignee=me, ${r.myTasks.openTasks.toLocaleString('en-US')} open tasks`,
      `p50 ${r.myTasks.p50Ms} ms, p95 ${r.myTasks.p95Ms} ms`,
      `p95 < ${r.myTasks.targetMs} ms`,
      yes(r.myTasks.met),
    ],
    [
      `reported attack → first report at the SMTP sink (${r.firstReport.reportedPerSecond} reports/s)`,
      `${r.firstReport.delivered}/${r.firstReport.reported} delivered; p50 ${r.firstReport.p50Ms} ms, p99 ${r.firstReport.p99Ms} ms, max ${r.firstReport.maxMs} ms`,
      `p99 < ${r.firstReport.targetMs} ms`,
      yes(r.firstReport.met),
    ],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(['response phase', 'value', 'target', 'met?']), line(['---', '---', '---', '---']), ...rows.map(line)].join('\n');
}

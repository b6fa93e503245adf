import assert from 'node:assert/strict';
import type { TimelineEvent } from '../../shared/api-types.ts';
import type { Dialect } from '../core/db/database.ts';
import { type HttpRecorder, startHttpRecorder } from './http-recorder.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export const WEBHOOK_SECRET = 'test-webhook-secret';
export const MINUTE = 60_000;

/**
 * A server whose worker runs only when asked, with a clock the test moves, a real SMTP sink and a webhook
 * receiver, and a customer whose plan is published: Ola (e-mail, webhook, a manual muster point, an e-mail
 * cleared for TLP:RED) on the notify-customer ladder, a CSIRT duty desk for responders, the data protection
 * authority for GDPR Art. 33.
 */
export async function startNotifyFixture(dialect: Dialect, env: Record<string, string> = {}) {
  let offsetMs = 0;
  const sink: SmtpSink = await startSmtpSink();
  const hook: HttpRecorder = await startHttpRecorder();
  const server: TestServer = await startTestServer({
    dialect,
    clock: { now: () => new Date(Date.now() + offsetMs) },
    worker: { autoStart: false },
    env: { SMTP_URL: sink.url, WEBHOOK_SECRET, NOTIFY_ATTEMPTS_PER_LEVEL: '2', NOTIFY_TIMEOUT_MS: '700', ...env },
  });
  const admin = await server.userToken('admin', 'Ada Admin');
  const opened: string[] = [];

  const call = async (method: string, url: string, body?: unknown, token = admin) => {
    const res = await server.request(method, url, { token, body });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json');
    return { status: res.status, body: text && json ? JSON.parse(text) : text };
  };
  const created = async (url: string, body: unknown) => {
    const res = await call('POST', url, body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    if (url.endsWith('/notifications') || url.endsWith('/instructions')) opened.push(res.body.id);
    return res.body;
  };

  const customer = await created('/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
  const ola = await created('/api/v1/contacts', {
    customerId: customer.id,
    name: 'Ola Kontakt',
    role: 'Customer contact point',
    channels: [
      { type: 'email', address: 'ola@nordlys.example' },
      { type: 'webhook', address: `${hook.url}/muster` },
      { type: 'manual', address: 'Go to the muster point by the main gate' },
      { type: 'email', address: 'secure@nordlys.example', clearedForRed: true },
    ],
  });
  const team = await created('/api/v1/contacts', {
    name: 'CSIRT duty',
    kind: 'function',
    role: 'Incident manager',
    channels: [{ type: 'email', address: 'duty@csirt.example' }],
  });
  const authority = await created('/api/v1/contacts', {
    name: 'Datatilsynet',
    kind: 'function',
    role: 'Supervisory authority',
    channels: [{ type: 'email', address: 'breach@authority.example' }],
  });
  await created('/api/v1/pace-plans', {
    customerId: customer.id,
    purpose: 'notify-customer',
    levels: [
      { level: 'primary', contactId: ola.id, channelId: ola.channels[0].id },
      { level: 'alternate', contactId: ola.id, channelId: ola.channels[1].id },
      { level: 'emergency', contactId: ola.id, channelId: ola.channels[2].id },
    ],
  });
  await created('/api/v1/pace-plans', {
    purpose: 'coordinate-responders',
    levels: [{ level: 'primary', contactId: team.id, channelId: team.channels[0].id }],
  });
  await created('/api/v1/pace-plans', {
    purpose: 'notify-authority',
    levels: [{ level: 'primary', contactId: authority.id, channelId: authority.channels[0].id }],
  });
  await created('/api/v1/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33', recipientContactId: authority.id });
  await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });

  const work = () => server.worker.runDue();
  return {
    server,
    sink,
    hook,
    admin,
    customer,
    ola,
    call,
    created,
    work,
    advance(ms: number) {
      offsetMs += ms;
    },
    async timeline(id: string): Promise<TimelineEvent[]> {
      return (await call('GET', `/api/v1/incidents/${id}/timeline`)).body.events;
    },
    async notification(id: string) {
      return (await call('GET', `/api/v1/notifications/${id}`)).body;
    },
    /** The admin takes the incident manager role (nobody is told of a role they take themselves). */
    async lead(incidentId: string) {
      const me = (await call('GET', '/api/v1/auth/me')).body.user.id;
      const res = await call('PUT', `/api/v1/incidents/${incidentId}/roles/incident-manager`, { userId: me });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    },
    incident(fields: Record<string, unknown> = {}) {
      return created('/api/v1/incidents', { title: 'Ransom note on the file server', customerId: customer.id, ...fields });
    },
    /** The path of the first acknowledgement or answer link in a message. */
    linkIn(text: string, kind: 'ack' | 'answer'): string {
      const match = text.match(new RegExp(`https?://\\S+/${kind}/\\S+`));
      assert.ok(match, `no ${kind} link in: ${text}`);
      return new URL(match[0]).pathname;
    },
    postForm(path: string, form: Record<string, string>) {
      return fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    },
    /** Between tests: no notification of an earlier test still walks its ladder; the sink and receiver are reset. */
    async reset() {
      for (const id of opened.splice(0)) await call('POST', `/api/v1/notifications/${id}/acknowledgements`, {});
      await work();
      sink.messages.length = 0;
      sink.mode = 'accept';
      hook.requests.length = 0;
      hook.reply = { status: 200, body: 'ok' };
    },
    async close() {
      await server.close();
      await sink.close();
      await hook.close();
    },
  };
}

export type NotifyFixture = Awaited<ReturnType<typeof startNotifyFixture>>;

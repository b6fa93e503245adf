import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Dialect } from '../core/db/database.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export const REPORT_ADDRESS = 'incident@muster.test';
export const MAX_BYTES = 200 * 1024;

/**
 * A server with e-mail intake on a random loopback port, two customers (Acme, Bravo) with a contact each and a
 * responder each, and the means to talk SMTP to it and look at what it stored. Call start() in before().
 */
export function emailFixture(dialect: Dialect) {
  let server: TestServer;
  let admin: string;
  let acmeResponder: string;
  let bravoResponder: string;
  let acme: { id: string };
  let bravo: { id: string };

  const call = async (method: string, url: string, token = admin, body?: unknown) => {
    const res = await server.request(method, url, { token, body });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const created = async (url: string, body: unknown) => {
    const res = await call('POST', url, admin, body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };

  /** Sends through a real SMTP client; resolves with the server's final reply, or its refusal code. */
  const send = async (message: SendMailOptions): Promise<{ code: number; response: string }> => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: server.intakePort!,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const info = await transport.sendMail({ to: REPORT_ADDRESS, ...message });
      return { code: 250, response: info.response };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; message: string };
      return { code: e.responseCode ?? 0, response: e.response ?? e.message };
    } finally {
      transport.close();
    }
  };
  /** A bare SMTP conversation: one reply (multi-line replies joined) per command, after the greeting. */
  const dialog = (commands: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const socket = net.connect(server.intakePort!, '127.0.0.1');
      const replies: string[] = [];
      let buffer = '';
      let current: string[] = [];
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\r\n');
        while (end >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          current.push(line);
          if (/^\d{3} /.test(line)) {
            replies.push(current.join('\n'));
            current = [];
            const next = commands[replies.length - 1];
            if (next === undefined) socket.end();
            else socket.write(`${next}\r\n`);
          }
          end = buffer.indexOf('\r\n');
        }
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(replies));
    });
  const sendRaw = (from: string, raw: string | Buffer) => send({ envelope: { from, to: [REPORT_ADDRESS] }, raw });

  /** Files in the evidence store (its tmp/ directory included): each distinct content is kept once. */
  const countFiles = () => {
    const dir = server.deps.config.evidenceDir;
    if (!fs.existsSync(dir)) return 0;
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  };
  const count = async (table: 'incidents' | 'triage_items' | 'evidence' | 'events') => {
    const db = server.deps.database.db;
    const row = await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const counts = async () => ({
    incidents: await count('incidents'),
    triage: await count('triage_items'),
    evidence: await count('evidence'),
    files: countFiles(),
    events: await count('events'),
  });
  const incidentByKey = async (response: string) => {
    const key = /INC-\d{4}-\d{4,}/.exec(response)?.[0];
    assert.ok(key, `no incident key in "${response}"`);
    const res = await call('GET', `/api/v1/incidents/${key}`);
    assert.equal(res.status, 200);
    return res.body;
  };
  const latestTriage = () =>
    server.deps.database.db
      .selectFrom('triage_items')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const evidenceOf = async (incidentId: string) => (await call('GET', `/api/v1/incidents/${incidentId}/evidence`)).body.evidence;
  const timeline = async (incidentId: string) => (await call('GET', `/api/v1/incidents/${incidentId}/timeline`)).body.events;

  return {
    async start() {
      server = await startTestServer({
        dialect,
        env: {
          SMTP_INTAKE_PORT: '0',
          SMTP_INTAKE_HOST: '127.0.0.1',
          SMTP_INTAKE_ADDRESS: `${REPORT_ADDRESS}, SOC@muster.test`,
          SMTP_INTAKE_ALLOWED_DOMAINS: 'csirt.test',
          SMTP_INTAKE_MAX_BYTES: String(MAX_BYTES),
        },
      });
      assert.ok(server.intakePort && server.intakePort > 0);
      admin = await server.userToken('admin');
      acme = await created('/api/v1/customers', { name: 'Acme', code: 'ACME', timeZone: 'Europe/Oslo' });
      bravo = await created('/api/v1/customers', { name: 'Bravo', code: 'BRV', timeZone: 'Europe/Oslo' });
      acmeResponder = await server.memberToken(acme.id, 'responder', 'Alice at Acme');
      bravoResponder = await server.memberToken(bravo.id, 'responder', 'Bob at Bravo');
      await created('/api/v1/contacts', {
        customerId: acme.id,
        name: 'Jane Kontakt',
        role: 'Customer contact point',
        channels: [{ type: 'email', address: 'Jane@Acme.test' }],
      });
      await created('/api/v1/contacts', {
        customerId: bravo.id,
        name: 'Bob Bravo',
        role: 'Customer contact point',
        channels: [{ type: 'email', address: 'bob@bravo.test' }],
      });
      return { server, admin, acmeResponder, bravoResponder, acme, bravo };
    },
    close: () => server.close(),
    call,
    created,
    send,
    dialog,
    sendRaw,
    counts,
    incidentByKey,
    latestTriage,
    evidenceOf,
    timeline,
  };
}

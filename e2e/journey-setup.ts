import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { launchBrowser } from './browser.ts';

/** What most journeys run against: an SMTP sink, a server with the web UI and a worker sending to it, a browser. */
export interface Journey {
  sink: SmtpSink;
  server: TestServer;
  browser: Browser;
}

/** Starts the sink, the server (SQLite, web UI, worker polling every 200 ms) and the browser. */
export async function startJourney(): Promise<Journey> {
  const sink = await startSmtpSink();
  const server = await startTestServer({ dialect: 'sqlite', web: true, env: { SMTP_URL: sink.url }, worker: { pollMs: 200 } });
  const browser = await launchBrowser();
  return { sink, server, browser };
}

/** Stops what {@link startJourney} started, in reverse order; parts that never started are skipped. */
export async function stopJourney(journey: Partial<Journey>): Promise<void> {
  await journey.browser?.close();
  await journey.server?.close();
  await journey.sink?.close();
}

/** POSTs to `/api/v1${url}` and returns the answer, asserting 201 (the answer is in the message when it is not). */
export async function postJson(server: TestServer, token: string, url: string, body: unknown) {
  const res = await server.request('POST', `/api/v1${url}`, { token, body });
  const json = await res.json();
  assert.equal(res.status, 201, `POST ${url}: ${JSON.stringify(json)}`);
  return json;
}

export interface LadderSetup {
  customer: { name: string; code: string; timeZone: string };
  contact: { name: string; email: string };
  /** Gives the contact the customer's time zone. */
  contactTimeZone?: boolean;
  /** When the primary level moves on, if the journey needs it. */
  moveOn?: { noAckMinutes: number; onDeliveryFailure: boolean; onChannelCompromised: boolean };
}

/**
 * Through the API: the customer, its contact point with a verified e-mail channel, and a notify-customer PACE plan
 * with that contact as primary. Returns the ids.
 */
export async function customerWithLadder(
  server: TestServer,
  token: string,
  setup: LadderSetup,
): Promise<{ customerId: string; contactId: string; channelId: string }> {
  const post = (url: string, body: unknown) => postJson(server, token, url, body);
  const customer = await post('/customers', setup.customer);
  const contact = await post('/contacts', {
    customerId: customer.id,
    name: setup.contact.name,
    role: 'Customer contact point',
    ...(setup.contactTimeZone ? { timeZone: setup.customer.timeZone } : {}),
    channels: [{ type: 'email', address: setup.contact.email, verified: true }],
  });
  const channelId = contact.channels[0].id;
  await post('/pace-plans', {
    customerId: customer.id,
    purpose: 'notify-customer',
    levels: [{ level: 'primary', contactId: contact.id, channelId, ...(setup.moveOn ? { moveOn: setup.moveOn } : {}) }],
  });
  return { customerId: customer.id, contactId: contact.id, channelId };
}

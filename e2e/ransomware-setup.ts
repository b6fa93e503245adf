import assert from 'node:assert/strict';
import { createUser } from '../src/server/auth/create-user.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/policy.ts';
import type { ParsedMessage, SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';

// The customer of the ransomware journey (Nordvik Logistikk), its people and what it prepared.

export const CUSTOMER = { name: 'Nordvik Logistikk AS', code: 'NVL', timeZone: 'Europe/Oslo' };
export const MARTE = { name: 'Marte Solberg', email: 'marte.solberg@nordvik.example' };
export const PASSWORD = 'correct horse battery staple';
export const IVAR = { email: 'ivar@example.test', name: 'Ivar Isaksen', contactEmail: 'ivar.oncall@nordvik.example' };
export const LENA = { email: 'lena@example.test', name: 'Lena Lund', contactEmail: 'lena.lund@nordvik.example' };
export const SAP = 'sap.nordvik.internal';
export const BILLING = 'Billing';

/** The first message to `address` whose subject matches, waiting for it to arrive. */
export async function mailTo(sink: SmtpSink, address: string, subject: RegExp, ms = 15_000): Promise<ParsedMessage> {
  const until = Date.now() + ms;
  for (;;) {
    const found = sink.messages.find((m) => m.to.includes(address) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > until) {
      const got = sink.messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ');
      throw new Error(`no mail to ${address} matching ${subject} within ${ms} ms; the sink holds:\n  ${got}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What the incident needs before anything happens, through the API (the prepare journey covers it in the browser):
 * the customer's contact point on its notify ladder and the first report "on report"; GDPR Art. 33 and the
 * contract's "immediately on a suspected attack" (its "within 24 hours" only for critical incidents); the payroll
 * service with two connections; Ivar, a responder, as the roster's incident manager; Lena, who handles legal
 * matters; and the published plan.
 */
export async function prepareNordvik(server: TestServer, token: string): Promise<void> {
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await server.request(method, `/api/v1${url}`, { token, body });
    const json = await res.json();
    assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const customer = await call('POST', '/customers', { ...CUSTOMER, firstReport: 'on-report' });
  const contact = (name: string, role: string, address: string) =>
    call('POST', '/contacts', {
      customerId: customer.id,
      name,
      role,
      timeZone: CUSTOMER.timeZone,
      channels: [{ type: 'email', address, verified: true }],
    });
  const marte = await contact(MARTE.name, 'Customer contact point', MARTE.email);
  await call('POST', '/pace-plans', {
    customerId: customer.id,
    purpose: 'notify-customer',
    levels: [{ level: 'primary', contactId: marte.id, channelId: marte.channels[0].id }],
  });
  await call('POST', '/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' });
  await call('POST', '/obligations/contract-template', {
    customerId: customer.id,
    hours: 24,
    severityAtLeast: 'critical',
    recipientContactId: marte.id,
    immediatelyMinutes: 30,
  });
  await call('POST', '/services', { customerId: customer.id, name: BILLING });
  await call('POST', '/services', {
    customerId: customer.id,
    name: 'Payroll',
    criticality: 'high',
    connections: [
      { target: SAP, direction: 'outbound', protocol: 'HTTPS/443', account: 'svc-pay', purpose: 'Salaries' },
      { target: BILLING, direction: 'both', protocol: 'SFTP/22', account: 'pay-export', purpose: 'Invoices' },
    ],
  });
  const contacts: Record<string, string> = {};
  for (const [person, role] of [
    [IVAR, 'responder'],
    [LENA, 'viewer'],
  ] as const) {
    const user = await createUser(server.deps, SYSTEM_ACTOR, {
      email: person.email,
      name: person.name,
      role: 'viewer',
      password: PASSWORD,
    });
    await call('PUT', `/customers/${customer.id}/members/${user.id}`, { role });
    const own = await contact(person.name, 'CSIRT', person.contactEmail);
    await call('PATCH', `/users/${user.id}`, { contactId: own.id });
    contacts[person.email] = own.id;
  }
  await call('POST', '/rosters', {
    customerId: customer.id,
    entries: [{ role: 'incident-manager', people: [contacts[IVAR.email]] }],
  });
  await call('POST', `/customers/${customer.id}/plans`, { approver: 'Siri Dahl, CISO at Nordvik' });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { customerWithLadder, postJson, startJourney, stopJourney } from './journey-setup.ts';

// The customer checks its connections: a responder asks from the incident page, the customer's contact opens the
// link from the e-mail in a browser without JavaScript or an account and answers two connections (one clean, one
// compromised), the answers appear live on the incident's card and timeline, and the compromised connection's
// service is added to the incident in one click.

const CUSTOMER = { name: 'Fjordkraft Data AS', code: 'FJRD', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@fjordkraft.example' };
const INCIDENT_TITLE = 'Payroll server encrypted by ransomware';
const SAP = 'sap.fjordkraft.internal';
const BILLING = 'Billing';
const FINDING = 'Unknown SFTP logins at 03:12 from the payroll server';

const unavailable = browserUnavailable();

const shot = screenshotter('connection-check');

describe('connection check journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    ({ sink, server, browser } = await startJourney());
  });

  after(async () => {
    await stopJourney({ browser, server, sink });
  });

  /** Sets up through the API (the prepare journey covers doing it in the browser): what the incident needs. */
  async function prepare(token: string): Promise<{ incidentKey: string }> {
    const post = (url: string, body: unknown) => postJson(server, token, url, body);
    const { customerId } = await customerWithLadder(server, token, { customer: CUSTOMER, contact: KARI });
    await post('/services', { customerId, name: BILLING });
    const payroll = await post('/services', {
      customerId,
      name: 'Payroll',
      criticality: 'high',
      connections: [
        { target: SAP, direction: 'outbound', protocol: 'HTTPS/443', account: 'svc-pay', purpose: 'Salaries' },
        { target: BILLING, direction: 'both', protocol: 'SFTP/22', account: 'pay-export', purpose: 'Invoices' },
      ],
    });
    const incident = await post('/incidents', {
      title: INCIDENT_TITLE,
      customerId,
      origin: 'attack',
      serviceIds: [payroll.id],
    });
    return { incidentKey: incident.key };
  }

  it('asks the customer, who answers two connections through the link; a compromised one’s service joins the incident', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await createFirstAdmin(page, server.setupToken);
    const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

    // 1. The card explains what a check is; asking sends the list up the customer's ladder.
    await page.goto(`/incidents/${incidentKey}`);
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const card = page.getByRole('region', { name: 'Connection checks' });
    await card.getByText('No connection checks yet').waitFor();
    await card.getByRole('button', { name: 'Ask the customer to check connections' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ask the customer to check connections' });
    await dialog.getByRole('button', { name: 'Send to the customer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const check = card.getByRole('article').first();
    await check.getByText('Waiting for the customer').waitFor();
    await shot(page, '01-asked');

    // 2. Kari gets the e-mail with the list and the link; she opens it without an account and without JavaScript.
    const [mail] = await sink.waitFor(1, 10_000);
    assert.equal(mail.to[0], KARI.email);
    assert.match(mail.text, new RegExp(`Payroll → ${SAP.replaceAll('.', '\\.')}`));
    const link = mail.text.match(/https?:\/\/\S+\/check\/\S+/)?.[0];
    assert.ok(link, `the mail carries the check link: ${mail.text}`);
    const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const form = await customer.newPage();
    await form.goto(link);
    await form.getByRole('heading', { name: 'Please check these connections' }).waitFor();
    const sap = form.getByRole('group', { name: SAP });
    const billing = form.getByRole('group', { name: BILLING });
    await sap.getByRole('radio', { name: 'Checked and clean' }).check();
    await billing.getByRole('radio', { name: 'Compromised' }).check();
    await billing.getByRole('textbox', { name: 'What you found (optional)' }).fill(FINDING);
    await form.getByRole('textbox', { name: 'Your name (optional)' }).fill(KARI.name);
    await shot(form, '02-customer-form');
    await form.getByRole('button', { name: 'Send the answers' }).click();
    await form.getByRole('heading', { name: /Thank you/ }).waitFor();
    await shot(form, '03-customer-thanks');
    await customer.close();

    // 3. The answers arrive live on the card, with badges and the note, and on the timeline.
    await check.getByText('Answered', { exact: true }).waitFor();
    await check.getByText(new RegExp(`by ${KARI.name}: 1 compromised, 1 clean`)).waitFor();
    const answers = check.getByRole('list', { name: 'Connections to check' });
    await answers.getByRole('listitem', { name: SAP }).getByText('Checked and clean').waitFor();
    const compromised = answers.getByRole('listitem', { name: BILLING });
    await compromised.getByText('Compromised', { exact: true }).waitFor();
    await compromised.getByText(FINDING).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(/answered the connection check: 1 compromised, 1 checked and clean/).waitFor();
    await shot(page, '04-answered');

    // 4. The compromised connection leads to the customer's Billing service: one click adds it to the incident.
    await check.getByRole('button', { name: `Add ${BILLING} to the incident` }).click();
    await check.getByRole('button', { name: `Add ${BILLING} to the incident` }).waitFor({ state: 'detached' });
    await check.getByText(/which is on this incident/).waitFor();
    await timeline.getByText(/changed affected services/).waitFor();
    await shot(page, '05-service-added');

    assert.deepEqual(
      problems.filter((p) => !/401|Unauthorized/.test(p)),
      [],
      'no errors in the browser console',
    );
    await context.close();
  });
});

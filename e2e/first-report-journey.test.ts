import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { startJourney, stopJourney } from './journey-setup.ts';

// The first report and the close criterion in the web UI: a customer's manager chooses on the customer form that
// the first report goes by itself when a suspected attack is reported; a reported attack reaches the SMTP sink with
// nobody clicking, and the incident's notification panel says when it went and to whom. Later, closing the incident
// lists the obligation clocks still open with their actions; once each is met or waived, Close is enabled.

const CUSTOMER = { name: 'Havbris Energi AS', code: 'HAVB', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@havbris.example' };
const GDPR = 'GDPR: notify the supervisory authority of a personal data breach';
const TITLE = 'Ransomware note on the billing servers';

const unavailable = browserUnavailable();

const shot = screenshotter('first-report');

describe('first report and close journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    ({ sink, server, browser } = await startJourney());
  });

  after(async () => {
    await stopJourney({ browser, server, sink });
  });

  it('sends the first report of a reported attack by itself and closes once every clock is met or waived', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await createFirstAdmin(page, server.setupToken);
    const token = await server.userToken('admin', 'Setup script');
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.ok(res.status < 300, `${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    };

    // Prepared through the API: Kari on the notify ladder, GDPR Art. 33 and the contract's two rules.
    const customer = await call('POST', '/customers', CUSTOMER);
    const kari = await call('POST', '/contacts', {
      customerId: customer.id,
      name: KARI.name,
      role: 'Customer contact point',
      channels: [{ type: 'email', address: KARI.email, verified: true }],
    });
    await call('POST', '/pace-plans', {
      customerId: customer.id,
      purpose: 'notify-customer',
      levels: [{ level: 'primary', contactId: kari.id, channelId: kari.channels[0].id }],
    });
    await call('POST', '/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' });
    await call('POST', '/obligations/contract-template', {
      customerId: customer.id,
      hours: 4,
      severityAtLeast: 'medium',
      recipientContactId: kari.id,
      immediatelyMinutes: 30,
    });

    // 1. On the customer form: the first report goes by itself when a suspected attack is reported.
    await page.goto(`/customers/${customer.id}`);
    const details = page.getByRole('region', { name: 'Details' });
    const setting = details.getByRole('radiogroup', { name: /First report to the customer goes out by itself/ });
    assert.equal(await setting.getByRole('radio', { name: 'Only by hand — prepared as a draft' }).isChecked(), true);
    await setting.getByRole('radio', { name: 'When a suspected attack is reported' }).check();
    await shot(page, '01-customer-setting');
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Details saved').waitFor();
    assert.equal((await call('GET', `/customers/${customer.id}`)).firstReport, 'on-report');
    await call('POST', `/customers/${customer.id}/plans`, { approver: 'Ingrid Berg, CISO' });

    // 2. A suspected attack is reported: the first report reaches Kari's mailbox with nobody clicking.
    const incident = await call('POST', '/incidents', {
      title: TITLE,
      customerId: customer.id,
      origin: 'attack',
      personalData: true,
      // Occurred an hour before anyone knew: a submission recorded within the minute of the report (the dialog's
      // default time is to the minute) is still after the incident began.
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      description: 'Files on the billing servers are encrypted; a ransom note names the company.',
    });
    const [mail] = await sink.waitFor(1, 15_000);
    assert.deepEqual(mail.to, [KARI.email]);
    assert.match(mail.subject, new RegExp(`${incident.key}: ${TITLE}`));

    // 3. The incident page says it went by itself, when and to whom; the "immediately" clock is met.
    await page.goto(`/incidents/${incident.key}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel
      .getByTestId('first-report-line')
      .getByText(/^First report sent by itself at \d\d:\d\d to Kari Nordmann \(email\)$/)
      .waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('sent the first report to the customer by itself, as the customer’s plan says').waitFor();
    const plan = page.getByRole('region', { name: 'Contingency plan' });
    const attack = plan.getByRole('article', { name: /immediately on a suspected attack/ });
    await attack.locator('[data-stage-status="met"]').waitFor();
    await shot(page, '02-sent-by-itself');

    // 4. Through to the review (the lifecycle journey covers these steps in the browser).
    const id = incident.id;
    await call('POST', `/incidents/${id}/transitions`, { to: 'assessing', reason: 'Ransom note confirmed' });
    const setup = (await call('GET', '/auth/me')).user.id;
    await call('PUT', `/incidents/${id}/roles/incident-manager`, { userId: setup });
    await call('PATCH', `/incidents/${id}`, {
      category: 'malicious-code/infected-system',
      impact: { confidentiality: 'high', integrity: 'high', availability: 'medium' },
    });
    await call('POST', `/incidents/${id}/transitions`, { to: 'responding', reason: 'Critical' });
    await call('POST', `/incidents/${id}/milestones`, { milestone: 'contained' });
    await call('POST', `/incidents/${id}/transitions`, { to: 'recovering' });
    await call('POST', `/incidents/${id}/milestones`, { milestone: 'resolved' });
    await call('POST', `/incidents/${id}/transitions`, { to: 'reviewing' });
    // This journey is about the clocks: the critical incident's review is waived so that only they hold the close.
    await call('POST', `/incidents/${id}/review/waive`, { reason: 'Reviewed with the customer in the weekly meeting' });

    // 5. Close lists the clocks still open with their actions, and stays disabled while any is open.
    const close = page.getByRole('button', { name: 'Close', exact: true });
    await page.getByText('2 obligation clocks still open: meet or waive each before closing').waitFor();
    await close.click();
    const dialog = page.getByRole('dialog', { name: 'Close' });
    await dialog.getByText('2 obligation clocks are still open').waitFor();
    const gdpr = dialog.getByRole('article', { name: GDPR });
    const within = dialog.getByRole('article', { name: /within 4 hours/ });
    await shot(page, '03-close-with-open-clocks', false);
    const confirm = dialog.getByRole('button', { name: 'Close', exact: true });
    assert.equal(await confirm.isDisabled(), true, 'Close waits for the clocks');

    // Record the GDPR submission from the dialog…
    await gdpr.getByRole('button', { name: 'Record submission: Notification' }).click();
    const submission = page.getByRole('dialog', { name: 'Record submission' });
    await submission.getByRole('textbox', { name: 'Reference' }).fill('DPA-2026-0042');
    await submission.getByRole('button', { name: 'Record submission' }).click();
    await submission.waitFor({ state: 'hidden' });
    await dialog.getByText('1 obligation clock is still open').waitFor();

    // …and waive the contract's four hours with a reason.
    await within.getByRole('button', { name: 'Waive: Notification' }).click();
    const waiver = page.getByRole('dialog', { name: 'Waive this stage' });
    await waiver.getByRole('textbox', { name: 'Reason' }).fill('The first report already told Kari everything the contract asks');
    await waiver.getByRole('button', { name: 'Waive' }).click();
    await waiver.waitFor({ state: 'hidden' });
    await dialog.getByText('Every obligation that applies is met or waived with a reason.').waitFor();
    await shot(page, '04-close-ready', false);
    assert.equal(await confirm.isDisabled(), false);
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Review held; lessons recorded');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await shot(page, '05-closed');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type HttpRecorder, startHttpRecorder } from '../src/server/testing/http-recorder.ts';
import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';
import { postJson } from './journey-setup.ts';

// The Notify journey through the web UI, with the mail server down: a customer's PACE ladder (e-mail, then a signed
// webhook) and GDPR Art. 33 are set up through the API; in the browser a responder notifies the customer from the
// incident's panel, watches the e-mail fail and the ladder move to the webhook, the recipient acknowledges through
// the link in the webhook's message, and the responder records the GDPR notification's submission.

const CUSTOMER = { name: 'Nordlys Energi AS', code: 'NORD', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@nordlys.example' };
const SOC = { name: 'Nordlys SOC' };
const GDPR = 'GDPR: notify the supervisory authority of a personal data breach';
const INCIDENT_TITLE = 'Customer records exported from the portal database';
const REFERENCE = 'DPA-2026-0042';

const unavailable = browserUnavailable();

const shot = screenshotter('notify');

/** Resolves with the recorder's requests once there are `count`; fails after `ms`. */
async function webhookRequests(recorder: HttpRecorder, count: number, ms = 15_000) {
  const until = Date.now() + ms;
  while (recorder.requests.length < count) {
    if (Date.now() > until) assert.fail(`expected ${count} webhook request(s) within ${ms} ms, got ${recorder.requests.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return recorder.requests;
}

describe('notify journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let recorder: HttpRecorder;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    sink = await startSmtpSink({ mode: 'refuse' }); // the customer's mail server is down
    recorder = await startHttpRecorder();
    server = await startTestServer({
      dialect: 'sqlite',
      web: true,
      env: { SMTP_URL: sink.url, NOTIFY_ATTEMPTS_PER_LEVEL: '1', NOTIFY_TIMEOUT_MS: '3000' },
      worker: { pollMs: 200 },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await recorder?.close();
    await sink?.close();
  });

  /** Sets up through the API (the prepare journey covers doing it in the browser): what the incident needs. */
  async function prepare(token: string): Promise<{ incidentKey: string }> {
    const post = (url: string, body: unknown) => postJson(server, token, url, body);
    const customer = await post('/customers', CUSTOMER);
    const kari = await post('/contacts', {
      customerId: customer.id,
      name: KARI.name,
      role: 'Customer contact point',
      timeZone: CUSTOMER.timeZone,
      channels: [{ type: 'email', address: KARI.email, verified: true }],
    });
    const soc = await post('/contacts', {
      customerId: customer.id,
      kind: 'function',
      name: SOC.name,
      role: 'Security operations',
      channels: [{ type: 'webhook', address: `${recorder.url}/muster` }],
    });
    const moveOn = { noAckMinutes: 30, onDeliveryFailure: true, onChannelCompromised: true };
    await post('/pace-plans', {
      customerId: customer.id,
      purpose: 'notify-customer',
      levels: [
        { level: 'primary', contactId: kari.id, channelId: kari.channels[0].id, moveOn },
        { level: 'alternate', contactId: soc.id, channelId: soc.channels[0].id, moveOn },
      ],
    });
    await post('/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' });
    await post(`/customers/${customer.id}/plans`, { approver: 'Ingrid Berg, CISO at Nordlys' });
    const incident = await post('/incidents', {
      title: INCIDENT_TITLE,
      description: 'An export of **customer records** was found on a paste site.',
      customerId: customer.id,
      personalData: true,
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    return { incidentKey: incident.key };
  }

  it('notifies the customer up the ladder while e-mail is down, takes the acknowledgement and meets the GDPR clock', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);

    // First setup in the browser; the rest of the preparation through the API.
    await createFirstAdmin(page, server.setupToken);
    const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

    // 1. The incident: no notifications yet, the GDPR Art. 33 clock running in the plan panel.
    await page.goto(`/incidents/${incidentKey}`);
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByText('No notifications yet').waitFor();
    await panel.getByText(/walks the customer’s PACE ladder/).waitFor();
    await panel.getByRole('group', { name: 'Communication level' }).getByText('Primary', { exact: true }).waitFor();
    const plan = page.getByRole('region', { name: 'Contingency plan' });
    const gdpr = plan.getByRole('article', { name: GDPR });
    await gdpr.locator('[data-stage-status="running"]').waitFor();
    await shot(page, '01-incident');

    // 2. Notify… the customer: the form starts on "Notify the customer"; the default subject and message are used.
    await panel.getByRole('button', { name: 'Notify…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notify' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('combobox', { name: 'Purpose' }).inputValue(), 'Notify the customer');
    await dialog
      .getByRole('textbox', { name: 'Message' })
      .fill('We are handling an incident that concerns your customer portal.');
    await shot(page, '02-notify-form');
    await dialog.getByRole('button', { name: 'Send notification' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // 3. The e-mail fails (the SMTP server refuses), the ladder moves to the alternate level, the webhook takes it.
    const card = panel.getByRole('article', { name: `Notify the customer: ${incidentKey}: ${INCIDENT_TITLE}` });
    const attempts = card.getByRole('table', { name: /^Delivery attempts/ });
    const failed = attempts.locator('[data-outcome="failed"]');
    await failed.waitFor();
    assert.match((await failed.textContent()) ?? '', /e-?mail|smtp/i, 'the failed attempt names the e-mail channel or SMTP');
    await failed.getByText('Failed', { exact: true }).waitFor();
    const accepted = attempts.locator('[data-outcome="accepted"]');
    await accepted.waitFor();
    assert.match((await accepted.textContent()) ?? '', /webhook/i, 'the accepted attempt is the webhook');
    await accepted.getByLabel('Alternate').waitFor();
    await card.getByText('Delivered, not acknowledged').waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('could not deliver a notification on the primary level').waitFor();
    await timeline.getByText('moved a notification from the primary to the alternate level').waitFor();
    await timeline.getByText('delivered a notification on the alternate level').waitFor();
    assert.equal(sink.messages.length, 0, 'the refusing SMTP server took no message');
    await shot(page, '03-escalated');

    // 4. The webhook carries a signed JSON body with the acknowledgement link; the recipient opens it and acknowledges.
    const [hook] = await webhookRequests(recorder, 1);
    assert.equal(hook.method, 'POST');
    assert.match(String(hook.headers['x-muster-signature']), /^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(hook.body) as { ackUrl: string | null; incident: { key: string } | null };
    assert.equal(body.incident?.key, incidentKey);
    const ackUrl = body.ackUrl ?? '';
    assert.ok(ackUrl.startsWith(`${server.url}/ack/`), `the webhook's ackUrl points at Muster: ${ackUrl}`);
    const recipient = await context.newPage();
    await recipient.goto(ackUrl);
    await recipient.getByRole('heading', { name: 'Please acknowledge this message' }).waitFor();
    await recipient.getByRole('textbox', { name: 'Your name' }).fill('Nordlys SOC duty officer');
    await shot(recipient, '04-ack-page');
    await recipient.getByRole('button', { name: 'Acknowledge' }).click();
    await recipient.getByRole('heading', { name: /Acknowledged/ }).waitFor();
    await recipient.getByText(/by Nordlys SOC duty officer/).waitFor();
    await shot(recipient, '05-acknowledged');
    await recipient.close();

    // 5. Back on the incident page (never reloaded): the notification is acknowledged, by whom.
    await card.getByText('Acknowledged', { exact: true }).waitFor();
    await card.getByText(/Acknowledged .* by Nordlys SOC duty officer/).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Record acknowledgement' }).count(), 0, 'nothing left to acknowledge');
    await timeline.getByText(/acknowledged a notification \(alternate level\)/).waitFor();
    await shot(page, '06-notification-acknowledged');

    // 6. The GDPR notification went to the authority outside Muster: record its submission; the clock is met.
    await gdpr.getByRole('button', { name: /^Record submission/ }).click();
    const submission = page.getByRole('dialog', { name: 'Record submission' });
    await submission.waitFor();
    assert.match(
      await submission.getByLabel('Submitted at').inputValue(),
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
      'the time defaults to now',
    );
    await submission.getByRole('textbox', { name: 'Reference' }).fill(REFERENCE);
    await submission.getByRole('textbox', { name: 'Note' }).fill('Submitted through the Datatilsynet web form');
    await shot(page, '07-record-submission');
    await submission.getByRole('button', { name: 'Record submission' }).click();
    await submission.waitFor({ state: 'hidden' });
    const met = gdpr.locator('[data-stage-status="met"]');
    await met.getByText('Met', { exact: true }).waitFor();
    await met.getByText(new RegExp(`reference ${REFERENCE}`)).waitFor();
    assert.equal(await gdpr.getByRole('button', { name: /^Record submission/ }).count(), 0, 'a met stage offers no submission');
    await timeline.getByText(`recorded the submission of ${GDPR} — Notification`).waitFor();
    await shot(page, '08-clock-met');

    // 7. The deadline dashboard: nothing open any more; "All" shows the met clock with a link to the incident.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).click();
    await page.getByRole('heading', { name: 'Deadlines', level: 1 }).waitFor();
    await page.getByText('No reporting clocks are running').waitFor();
    await page.getByRole('radiogroup', { name: 'Which clocks' }).getByText('All, with met and waived').click();
    const row = page.getByRole('table', { name: 'Deadlines', exact: true }).locator('[data-deadline-status="met"]');
    await row.getByRole('link', { name: incidentKey }).waitFor();
    await row.getByText(GDPR).waitFor();
    await shot(page, '09-deadlines');

    const unexpected = problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');
    await context.close();
  });
});

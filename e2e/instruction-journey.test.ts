import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { customerWithLadder, postJson, startJourney, stopJourney } from './journey-setup.ts';

// The customer's instruction, given by phone: a playbook step that needs it is asked for from the incident's plan
// panel, the contact answers on the phone with an instruction of their own, a responder records it from the blocked
// step, and does the step as instructed; the instruction stays on the step. Then a GDPR stage is waived and says who.

const CUSTOMER = { name: 'Fjordkraft Data AS', code: 'FJRD', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@fjordkraft.example' };
const GDPR = 'GDPR: notify the supervisory authority of a personal data breach';
const INCIDENT_TITLE = 'Payroll files readable from the public file share';
const PLAYBOOK = 'Personal data breach';
const STEP = 'Stop the ongoing exposure';
const INSTRUCTION = 'Remove public access to the share, but keep the payroll service running.';
const WHO = 'Kari Nordmann, by phone';
const WAIVER = 'The files were encrypted; the breach is unlikely to risk anyone’s rights.';

const unavailable = browserUnavailable();

const shot = screenshotter('instruction');

describe('customer instruction journey in the browser', { skip: unavailable ?? false }, () => {
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
    const { customerId } = await customerWithLadder(server, token, {
      customer: CUSTOMER,
      contact: KARI,
      contactTimeZone: true,
      moveOn: { noAckMinutes: 30, onDeliveryFailure: true, onChannelCompromised: true },
    });
    await post('/obligations', { customerId, libraryId: 'gdpr-art-33' });
    await post(`/customers/${customerId}/plans`, { approver: 'Ingrid Berg, CISO at Fjordkraft' });
    const incident = await post('/incidents', {
      title: INCIDENT_TITLE,
      description: 'The share `\\\\fs01\\payroll` was readable without signing in.',
      customerId,
      category: 'information-content-security/data-leak',
      personalData: true,
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    return { incidentKey: incident.key };
  }

  it('records an instruction given by phone, does the step as instructed, and waives a stage with who and when', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);

    await createFirstAdmin(page, server.setupToken);
    const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

    // 1. The incident's plan panel suggests the personal data breach playbook; its gated step asks the customer first.
    await page.goto(`/incidents/${incidentKey}`);
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const plan = page.getByRole('region', { name: 'Contingency plan' });
    const playbook = plan.getByRole('region', { name: `Playbook: ${PLAYBOOK}` });
    const steps = playbook.getByRole('list', { name: `Steps of ${PLAYBOOK}` });
    if (!(await steps.isVisible())) await playbook.getByRole('button', { name: /steps done/ }).click();
    const step = steps.getByRole('listitem', { name: STEP });
    await step.and(page.locator('[data-step-state="ask"]')).waitFor();
    await step.getByRole('button', { name: `Ask the customer: ${STEP}` }).click();
    const ask = page.getByRole('dialog', { name: 'Ask the customer' });
    await ask.getByRole('button', { name: 'Send to the customer' }).click();
    await ask.waitFor({ state: 'hidden' });

    // 2. The question went out by e-mail; the step waits, and both the step and the notification offer to record the answer.
    await sink.waitFor(1, 10_000);
    await step.getByText('Waiting for the customer’s instruction').waitFor();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const request = panel.locator('article').filter({ hasText: 'Asks for an instruction' });
    await request.getByRole('button', { name: 'Record their answer…' }).waitFor();
    await shot(page, '01-waiting');

    // 3. Kari answers on the phone with an instruction: recorded from the blocked step. Instruct needs the words.
    await step.getByRole('button', { name: `Record their answer: ${STEP}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Record their answer' });
    await dialog.getByRole('radio', { name: 'Instruct: do it their way' }).check();
    await dialog.getByRole('button', { name: 'Record answer' }).click();
    await dialog.getByText('Write their instruction').waitFor();
    await dialog.getByText('Say who answered, and how').waitFor();
    await dialog.getByRole('textbox', { name: 'Instruction or comment' }).fill(INSTRUCTION);
    await dialog.getByRole('textbox', { name: 'Who answered, and how' }).fill(WHO);
    await shot(page, '02-record-answer');
    await dialog.getByRole('button', { name: 'Record answer' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // 4. The step unblocks, shows the instruction with who answered, and is done "as instructed".
    const recordedBy = `${WHO} (recorded by ${ADMIN.name})`;
    await step.and(page.locator('[data-step-state="approved"]')).waitFor();
    await step.getByText(INSTRUCTION).waitFor();
    await step.getByText(new RegExp(`by ${recordedBy.replace(/[()]/g, '\\$&')}`)).waitFor();
    assert.equal(await step.getByRole('button', { name: `Record their answer: ${STEP}` }).count(), 0, 'nothing left to record');
    assert.equal(await request.getByRole('button', { name: 'Record their answer…' }).count(), 0, 'the request is answered');
    await request.getByText('Instructed', { exact: true }).waitFor();
    await step.getByRole('button', { name: `Mark done as instructed: ${STEP}` }).click();
    await step.and(page.locator('[data-step-state="done"]')).waitFor();
    await step.getByText(/^Done as instructed .* by Ada Responder$/).waitFor();
    await step.getByText(INSTRUCTION).waitFor();
    await step.getByText(new RegExp(`by ${recordedBy.replace(/[()]/g, '\\$&')}`)).waitFor();
    await shot(page, '03-done-as-instructed');

    // 5. The GDPR stage turns out not to be owed: waived, and it says by whom, when (in the user's zone) and why.
    const gdpr = plan.getByRole('article', { name: GDPR });
    await gdpr.getByRole('button', { name: /^Waive: / }).click();
    const waive = page.getByRole('dialog', { name: 'Waive this stage' });
    await waive.getByRole('textbox', { name: 'Reason' }).fill(WAIVER);
    await waive.getByRole('button', { name: 'Waive' }).click();
    await waive.waitFor({ state: 'hidden' });
    const waived = gdpr.locator('[data-stage-status="waived"]');
    const line = waived.getByText(/^Waived by Ada Responder at /);
    await line.waitFor();
    const text = (await line.textContent()) ?? '';
    assert.ok(text.endsWith(`: ${WAIVER}`), `the waiver gives its reason: ${text}`);
    assert.match(text, /CES?T|GMT\+[12]/, `the waiver time is in the user's zone (Europe/Oslo): ${text}`);
    await shot(page, '04-waived');

    const unexpected = problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');

    // 6. A page that fails to render (here: a malformed incident from the API) shows why, inside the shell, and
    //    leaves the navigation usable; "Go to incidents" starts over on the list.
    await page.route(`**/api/v1/incidents/${incidentKey}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ id: 'broken', key: incidentKey }) }),
    );
    await page.goto(`/incidents/${incidentKey}`);
    const failed = page.getByRole('alert').filter({ hasText: 'This page failed to show' });
    await failed.waitFor();
    await failed.getByRole('button', { name: 'Reload' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).waitFor();
    await shot(page, '05-page-failed');
    await failed.getByRole('link', { name: 'Go to incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    assert.equal(await page.getByText('This page failed to show').count(), 0, 'the list shows normally');
    await context.close();
  });
});

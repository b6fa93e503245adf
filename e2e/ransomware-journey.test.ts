import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../src/server/core/clock.ts';
import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';
import { BILLING, CUSTOMER, IVAR, LENA, MARTE, mailTo, prepareNordvik, SAP } from './ransomware-setup.ts';

// Ransomware at a customer, from the report to the close, as a responder works it in the browser: the attack is
// reported and the first report reaches the customer's contact point by itself; DP1; the ransomware playbook becomes
// tasks by phase; the incident manager (from the roster) and the legal lead are named and told; an hour passes (an
// injected clock, moved in the server and the browser alike) and the incident manager's overdue task is reminded by
// e-mail; personal data turns out to be involved and the GDPR clock starts; the customer answers two connection
// checks through the link in a browser without JavaScript; and the incident closes only once the GDPR clock is waived.

const TITLE = 'Ransom note on the warehouse file servers';
const GDPR = 'GDPR: notify the supervisory authority of a personal data breach';
const ATTACK = `Contract: notify ${CUSTOMER.name} immediately on a suspected attack`;
const IM_TASK = 'Move coordination to channels outside the affected environment';
const PERSONAL = 'Is personal data involved?';
const FINDING = 'Unknown SFTP logins at 03:12 from the payroll server';
const WAIVER = 'Nordvik is the controller and notifies the Data Protection Authority itself; we told them as processor';
const MINUTE = 60_000;

const unavailable = browserUnavailable();
// "10:02", or "3 Dec, 00:14" once the journey's moved clock is on another day than the browser's.
const CLOCK = String.raw`(?:\d{1,2} \w+, )?\d\d:\d\d`;

const shot = screenshotter('ransomware');

/** Clicks a lifecycle button, writes the reason in its dialog and confirms with the same label. */
async function transition(page: Page, label: string, reason?: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (reason) await dialog.getByRole('textbox', { name: /Reason/ }).fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('ransomware at a customer, a journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;
  // The server's "now" runs this far ahead of the real one; the browser's clock is moved with it.
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  before(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      dialect: 'sqlite',
      web: true,
      clock,
      env: { SMTP_URL: sink.url },
      worker: { pollMs: 200 },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  it('reports the attack, works the playbook, is reminded, starts the GDPR clock, checks connections and closes', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    // The browser's clock is the page's: installed now, it ticks in real time until the journey moves it.
    await context.clock.install();
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      await prepareNordvik(server, await server.userToken('admin', 'Setup script'));

      // 1. Ada reports the attack: the customer and its payroll service, origin attack, category and C/I/A.
      await page.getByRole('link', { name: 'Report incident' }).click();
      await page.getByRole('heading', { name: 'Report an incident' }).waitFor();
      await page.getByLabel('Title').fill(TITLE);
      await page
        .getByLabel('Description')
        .fill('Files on the warehouse file servers are encrypted; a ransom note names Nordvik. Payroll shares are hit.');
      const customerField = page.getByRole('combobox', { name: 'Customer' });
      await page.waitForFunction(
        (label) => Array.from(document.querySelectorAll('input')).some((input) => input.value === label),
        `${CUSTOMER.name} (${CUSTOMER.code})`,
      );
      assert.equal(await customerField.inputValue(), `${CUSTOMER.name} (${CUSTOMER.code})`, 'the only customer is chosen');
      await page.getByRole('combobox', { name: 'Affected services' }).click();
      await page.getByRole('option', { name: 'Payroll' }).click();
      await page.keyboard.press('Escape');
      const category = page.getByRole('combobox', { name: 'Category' });
      await category.click();
      await category.fill('Infected');
      await page.getByRole('option', { name: 'Infected system' }).click();
      await page.getByRole('combobox', { name: 'Origin' }).click();
      await page.getByRole('option', { name: 'Attack', exact: true }).click();
      // High integrity only: the severity is high, not critical (the contract's 24 hours are for critical ones).
      for (const [dimension, level] of [
        ['Confidentiality', 'Medium'],
        ['Integrity', 'High'],
        ['Availability', 'Medium'],
      ]) {
        await page.getByRole('radiogroup', { name: dimension }).getByText(level, { exact: true }).click();
      }
      await shot(page, '01-report-form');
      await page.getByRole('button', { name: 'Report incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
      const key = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.locator('[data-live-status="live"]').waitFor();

      // 2. The first report reaches Marte with nobody clicking, with the connections to check, and the page says so.
      const first = await mailTo(sink, MARTE.email, new RegExp(`^\\[TLP:AMBER\\] Security incident ${key}: ${TITLE}`));
      assert.match(first.text, /a suspected attack/);
      assert.match(first.text, new RegExp(`Payroll → ${SAP.replaceAll('.', '\\.')}`));
      const notifications = page.getByRole('region', { name: 'Notifications' });
      await notifications
        .getByTestId('first-report-line')
        .getByText(new RegExp(`^First report sent by itself at ${CLOCK} to ${MARTE.name} \\(email\\)$`))
        .waitFor();
      const timeline = page.getByRole('list', { name: 'Timeline' });
      await timeline.getByText('sent the first report to the customer by itself, as the customer’s plan says').waitFor();
      const plan = page.getByRole('region', { name: 'Contingency plan' });
      await plan.getByRole('article', { name: ATTACK }).locator('[data-stage-status="met"]').waitFor();
      assert.equal(await plan.getByRole('article', { name: GDPR }).count(), 0, 'no GDPR clock while personal data is unknown');
      await shot(page, '02-first-report-sent');

      // 3. DP1: it is an incident.
      await transition(page, 'Confirm incident (DP1)', 'Ransom note confirmed by Nordvik’s IT on two servers');
      await page.locator('[data-testid="incident-status"]', { hasText: 'Assessing' }).waitFor();
      await timeline.getByText('decided at DP1: this is an incident').waitFor();

      // 4. The ransomware playbook, suggested first for the category, becomes tasks by phase; the incident manager's
      //    go to Ivar, the roster's incident manager, with their due times.
      const tasks = page.getByRole('region', { name: 'Tasks' });
      await tasks.getByText('No tasks yet').waitFor();
      await tasks.getByRole('button', { name: 'Apply playbook' }).click();
      await page.getByRole('menuitem', { name: /^Ransomware/ }).click();
      const imTask = tasks.getByRole('listitem', { name: IM_TASK });
      await imTask.waitFor();
      for (const phase of ['Communicate', 'Contain', 'Investigate', 'Resolve', 'Recover']) {
        await tasks.getByRole('region', { name: `${phase} tasks` }).waitFor();
      }
      const communicate = tasks.getByRole('region', { name: 'Communicate tasks' });
      assert.ok(
        (await communicate.getByRole('listitem', { name: IM_TASK }).count()) === 1,
        'the incident manager’s coordination task is a communication task',
      );
      assert.equal(await imTask.getByLabel(`Assignee of “${IM_TASK}”`).inputValue(), IVAR.name);
      await imTask.getByText(/^Due in (5\d min|1 h)$/).waitFor();
      assert.equal(await imTask.getAttribute('data-overdue'), null, 'not overdue yet');
      await timeline.getByText('applied the playbook “Ransomware”').waitFor();
      await shot(page, '03-tasks');

      // 5. Roles: Ivar, the roster's incident manager, is confirmed on the incident; Lena is given legal with the
      //    keyboard. Each is told at the contact linked to their account.
      const roles = page.getByRole('region', { name: 'Roles' });
      const row = (role: string) => roles.locator(`li[data-role="${role}"]`);
      await row('incident-manager').getByText('from the roster').waitFor();
      await row('incident-manager')
        .getByRole('button', { name: `Confirm ${IVAR.name} as incident manager on this incident` })
        .click();
      await timeline.getByText(`made ${IVAR.name} the incident manager`).waitFor();
      await row('incident-manager').getByText('from the roster').waitFor({ state: 'detached' });
      await row('legal').getByRole('button', { name: 'Assign the legal lead' }).click();
      const picker = row('legal').getByRole('combobox', { name: 'Person to be the legal lead' });
      await picker.pressSequentially('Lena');
      await picker.press('Enter');
      await row('legal').getByText(LENA.name).waitFor();
      await timeline.getByText(`made ${LENA.name} the legal lead`).waitFor();
      await row('incident-manager').getByText(IVAR.name).waitFor();
      const toIvar = await mailTo(sink, IVAR.contactEmail, new RegExp(`You are now the incident manager of ${key}`));
      assert.match(toIvar.text, new RegExp(ADMIN.name));
      await mailTo(sink, LENA.contactEmail, new RegExp(`You are now the legal lead of ${key}`));
      await shot(page, '04-roles');

      // 6. An hour and a minute pass. Ivar's task falls due: the worker reminds him by e-mail, and the Tasks panel
      //    shows it overdue.
      const hour = 61 * MINUTE;
      offsetMs += hour;
      // As if the laptop lid was closed for the hour: the page's timers that fell due meanwhile run once.
      await context.clock.fastForward(hour);
      const reminder = await mailTo(sink, IVAR.contactEmail, new RegExp(`Task due: ${IM_TASK} \\(${key}\\)`));
      assert.match(reminder.text, /fell due at/);
      await imTask.and(page.locator('[data-overdue="true"]')).waitFor();
      await imTask.getByText(/^Overdue by \d+ min$/).waitFor();
      await timeline.getByText(`reminded ${IVAR.name} that the task “${IM_TASK}” fell due`).waitFor();
      // Marte has not acknowledged the first report and its ladder has no other level: the card says so, and still
      // that it reached her.
      const report = notifications.locator('article').filter({ has: page.getByTestId('first-report-line') });
      await report.getByText('Delivered, nobody acknowledged', { exact: true }).waitFor();
      await report.getByText(new RegExp(`^First report sent by itself at ${CLOCK} to ${MARTE.name} \\(email\\)$`)).waitFor();
      assert.equal(await notifications.getByText('Nobody reached').count(), 0, 'the first report did reach Marte');
      await timeline.getByText('ran out of levels for a notification: it was delivered, but nobody acknowledged it').waitFor();
      await shot(page, '05-overdue');

      // 7. Effects: personal data is involved. The GDPR clock appears in the plan panel at once, running.
      const effects = page.getByRole('region', { name: 'Effects assessment' });
      await effects.getByRole('button', { name: PERSONAL }).click();
      const answer = effects.getByRole('form', { name: `Answer: ${PERSONAL}` });
      await answer.getByText('Yes', { exact: true }).click();
      await answer.getByRole('textbox', { name: 'Detail' }).fill('Payslips and bank account numbers of 340 employees');
      await answer.getByRole('button', { name: 'Save answer' }).click();
      await effects.getByText('1 of 9 answered').waitFor();
      const gdprClock = plan.getByRole('article', { name: GDPR });
      await gdprClock.locator('[data-stage-status="running"]').waitFor();
      await gdprClock.getByText(/^Due in 2 d 2[23] h$/).waitFor();
      await timeline.getByText(`answered “${PERSONAL}”: Yes`).waitFor();
      await shot(page, '06-gdpr-clock');

      // 8. The customer checks the payroll service's two connections: asked from the card, answered through the link
      //    in a browser of their own, without an account or JavaScript; the answers arrive live.
      const checks = page.getByRole('region', { name: 'Connection checks' });
      await checks.getByText('No connection checks yet').waitFor();
      await checks.getByRole('button', { name: 'Ask the customer to check connections' }).click();
      const ask = page.getByRole('dialog', { name: 'Ask the customer to check connections' });
      await ask.getByRole('button', { name: 'Send to the customer' }).click();
      await ask.waitFor({ state: 'hidden' });
      const check = checks.getByRole('article').first();
      await check.getByText('Waiting for the customer').waitFor();
      const asked = await mailTo(sink, MARTE.email, new RegExp(`Please check these connections: ${key}`));
      assert.match(asked.text, new RegExp(`Payroll → ${SAP.replaceAll('.', '\\.')}`));
      const link = asked.text.match(/https?:\/\/\S+\/check\/\S+/)?.[0];
      assert.ok(link, `the mail carries the check link: ${asked.text}`);
      const customerSide = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
      try {
        const form = await customerSide.newPage();
        await form.goto(link);
        await form.getByRole('heading', { name: 'Please check these connections' }).waitFor();
        await form.getByRole('group', { name: SAP }).getByRole('radio', { name: 'Checked and clean' }).check();
        const billing = form.getByRole('group', { name: BILLING });
        await billing.getByRole('radio', { name: 'Compromised' }).check();
        await billing.getByRole('textbox', { name: 'What you found (optional)' }).fill(FINDING);
        await form.getByRole('textbox', { name: 'Your name (optional)' }).fill(MARTE.name);
        await shot(form, '07-customer-form');
        await form.getByRole('button', { name: 'Send the answers' }).click();
        await form.getByRole('heading', { name: /Thank you/ }).waitFor();
      } finally {
        await customerSide.close();
      }
      await check.getByText('Answered', { exact: true }).waitFor();
      await check.getByText(new RegExp(`by ${MARTE.name}: 1 compromised, 1 clean`)).waitFor();
      const answers = check.getByRole('list', { name: 'Connections to check' });
      await answers.getByRole('listitem', { name: SAP }).getByText('Checked and clean').waitFor();
      const compromised = answers.getByRole('listitem', { name: BILLING });
      await compromised.getByText('Compromised', { exact: true }).waitFor();
      await compromised.getByText(FINDING).waitFor();
      await timeline.getByText(/answered the connection check: 1 compromised, 1 checked and clean/).waitFor();
      await shot(page, '08-connections-answered');

      // 9. Through the response to the review.
      await transition(page, 'Start response (DP2)', 'High: payroll data encrypted, a connection compromised');
      await page.locator('[data-testid="incident-status"]', { hasText: 'Responding' }).waitFor();
      await page.getByRole('button', { name: 'Record contained' }).click();
      await timeline.getByText('recorded the incident as contained').waitFor();
      await transition(page, 'Start recovery');
      await page.locator('[data-testid="incident-status"]', { hasText: 'Recovering' }).waitFor();
      await page.getByRole('button', { name: 'Record resolved' }).click();
      await timeline.getByText('recorded the incident as resolved').waitFor();
      await transition(page, 'Start review');
      await page.locator('[data-testid="incident-status"]', { hasText: 'Reviewing' }).waitFor();

      // The review opened by itself with what the record says; the team completes it before closing.
      const review = page.getByRole('region', { name: 'Post-incident review' });
      await review.getByRole('region', { name: 'Channels that failed' }).waitFor();
      const wentWell = review.getByRole('textbox', { name: /What went well/ });
      await wentWell.fill('The connection check found the compromised billing link within the hour');
      await wentWell.press('Control+Enter');
      await timeline.getByText('updated the review: what went well').waitFor();
      await review.getByRole('button', { name: 'Complete the review' }).click();
      await review.getByText('Completed', { exact: true }).waitFor();
      await shot(page, '09-review-completed');

      // 10. Close lists the GDPR clock, still running, and stays disabled; the contract's attack clock was met.
      await page.getByText('1 obligation clock still open: meet or waive it before closing').waitFor();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Close' });
      await dialog.getByText('1 obligation clock is still open').waitFor();
      const open = dialog.getByRole('article', { name: GDPR });
      await open.waitFor();
      assert.equal(await dialog.getByRole('article', { name: ATTACK }).count(), 0, 'the met clock is not listed');
      const confirm = dialog.getByRole('button', { name: 'Close', exact: true });
      assert.equal(await confirm.isDisabled(), true, 'Close waits for the GDPR clock');
      await shot(page, '09-close-refused', false);

      // Waived with a reason: Close is enabled, and the incident closes.
      await open.getByRole('button', { name: 'Waive: Notification' }).click();
      const waive = page.getByRole('dialog', { name: 'Waive this stage' });
      await waive.getByRole('textbox', { name: 'Reason' }).fill(WAIVER);
      await waive.getByRole('button', { name: 'Waive' }).click();
      await waive.waitFor({ state: 'hidden' });
      await dialog.getByText('Every obligation that applies is met or waived with a reason.').waitFor();
      assert.equal(await confirm.isDisabled(), false, 'Close is enabled once the clock is waived');
      await dialog.getByRole('textbox', { name: /Reason/ }).fill('Review held; lessons recorded');
      await confirm.click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="incident-status"]', { hasText: 'Closed' }).waitFor();
      await page.getByRole('button', { name: 'Reopen' }).waitFor();
      await timeline.getByText('moved the incident from Reviewing to Closed').waitFor();
      await shot(page, '10-closed');

      assert.deepEqual(problems, [], 'no errors in the browser console');
    } catch (error) {
      await shot(page, 'failure').catch(() => {});
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

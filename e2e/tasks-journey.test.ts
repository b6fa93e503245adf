import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Tasks: the ransomware playbook is applied from the incident's Tasks panel, its steps become tasks by phase (the
// incident manager's given to the person holding that role), one is marked done, the gated one waits for the customer,
// the plan panel's step list gives way to the tasks, and the person's own tasks are on "My tasks".

const CUSTOMER = { name: 'Vestfold Vann IKS', code: 'VVI', timeZone: 'Europe/Oslo' };
const INCIDENT_TITLE = 'Ransom note on the SCADA historian';
const DONE_TASK = 'Move coordination to channels outside the affected environment';
const GATED_TASK = 'Isolate affected systems from the network';
const MINE = 'Do not contact the attacker or pay without the customer’s decision';

const unavailable = browserUnavailable();

const shot = screenshotter('tasks');

describe('tasks journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true, worker: { pollMs: 200 } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Sets up through the API: a customer with a published plan, and an incident whose incident manager is the admin. */
  async function prepare(token: string): Promise<{ incidentKey: string }> {
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await call('POST', '/customers', CUSTOMER);
    await call('POST', `/customers/${customer.id}/plans`, { approver: 'Siri Dahl, CISO' });
    const incident = await call('POST', '/incidents', {
      title: INCIDENT_TITLE,
      customerId: customer.id,
      category: 'malicious-code/infected-system',
      awareAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    const admin = (await call('GET', '/users')).items.find((u: { email: string }) => u.email === ADMIN.email);
    await call('PATCH', `/incidents/${incident.id}`, { assignments: { 'incident-manager': admin.id } });
    return { incidentKey: incident.key };
  }

  it('applies a playbook as tasks, marks one done, and finds the rest on My tasks', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

      // 1. No tasks yet: the panel offers the playbooks, those for the category first.
      await page.goto(`/incidents/${incidentKey}`);
      await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
      await page.locator('[data-live-status="live"]').waitFor();
      const panel = page.getByRole('region', { name: 'Tasks' });
      await panel.getByText('No tasks yet').waitFor();
      await panel.getByRole('button', { name: 'Apply playbook' }).click();
      await page.getByRole('menuitem', { name: /^Ransomware/ }).click();

      // 2. The steps are tasks by phase; the incident manager's are given to the admin, with a countdown.
      const done = panel.getByRole('listitem', { name: DONE_TASK });
      await done.waitFor();
      await panel.getByRole('region', { name: 'Contain tasks' }).waitFor();
      const assignee = done.getByLabel(`Assignee of “${DONE_TASK}”`);
      assert.equal(await assignee.inputValue(), ADMIN.name);
      await done.getByText(/^Due in \d+ min/).waitFor();
      await shot(page, 'applied');

      // 3. Marked done by keyboard: the row says so and the timeline records it.
      await done.getByRole('button', { name: `Mark done: ${DONE_TASK}` }).focus();
      await page.keyboard.press('Enter');
      await done.and(page.locator('[data-task-status="done"]')).waitFor();
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.getByText(`marked the task “${DONE_TASK}” done`).waitFor();
      await timeline.getByText('applied the playbook “Ransomware”').waitFor();

      // 4. The gated task waits for the customer: ask or override, no "Mark done".
      const gated = panel.getByRole('listitem', { name: GATED_TASK });
      await gated.getByRole('button', { name: `Ask the customer: ${GATED_TASK}` }).waitFor();
      await gated.getByRole('button', { name: `Override: ${GATED_TASK}` }).waitFor();
      assert.equal(await gated.getByRole('button', { name: `Mark done: ${GATED_TASK}` }).count(), 0);

      // 5. The plan panel's step list for the playbook has given way to its tasks.
      const plan = page.getByRole('region', { name: 'Contingency plan' });
      await plan.getByText(/Applied as tasks: 1 of \d+ done/).waitFor();

      // 6. My tasks: the admin's open tasks across incidents; the one done is gone.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
      await page.getByRole('heading', { name: 'My tasks' }).waitFor();
      const mine = page.getByRole('listitem', { name: MINE });
      await mine.waitFor();
      await mine.getByRole('link', { name: incidentKey }).waitFor();
      assert.equal(await page.getByRole('listitem', { name: DONE_TASK }).count(), 0);
      await shot(page, 'my-tasks');

      // Its status changes from here too.
      await mine.getByRole('button', { name: `Status of “${MINE}”: To do` }).click();
      await page.getByRole('menuitem', { name: 'In progress' }).click();
      await mine.getByRole('button', { name: `Status of “${MINE}”: In progress` }).waitFor();

      // On a phone the same list reads as one column, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await mine.waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `My tasks is ${overflow} px wider than a phone`);
      await shot(page, 'my-tasks-phone');
      assert.deepEqual(problems, []);
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Clock } from '../src/server/core/clock.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Learning from an incident, end to end: a data breach is resolved after its GDPR clock was missed and a gate was
// overridden; the review opens with both already in it; its lesson becomes an action on the customer's ransomware
// playbook, which is edited and published; the action is done and the plan version names the review; the incident
// closes once the review is completed; and the metrics page counts it.

const CUSTOMER = { name: 'Nordlys Helse AS', code: 'NLH', timeZone: 'Europe/Oslo' };
const TITLE = 'Patient export left on a public share';
const GATE = 'Disable the share account';
const OVERRIDE = 'The customer could not be reached and the account was still in use';
const ACTION = 'Check public shares in the first hour';
const HOUR = 3_600_000;

const unavailable = browserUnavailable();
const shot = screenshotter('review');

describe('post-incident review journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  // The server's "now" runs this far ahead of the real one once the GDPR clock is let run out.
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true, clock, worker: { pollMs: 200 } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Through the API: the customer's plan with GDPR Art. 33, and the breach worked up to its review. */
  async function prepare(token: string): Promise<{ key: string; id: string }> {
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await call('POST', '/customers', CUSTOMER);
    const authority = await call('POST', '/contacts', {
      name: 'Datatilsynet',
      kind: 'function',
      role: 'Supervisory authority',
      channels: [{ type: 'email', address: 'breach@authority.example' }],
    });
    await call('POST', '/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33', recipientContactId: authority.id });
    await call('POST', `/customers/${customer.id}/plans`, { approver: 'Siri Dahl, CISO' });
    const incident = await call('POST', '/incidents', { title: TITLE, customerId: customer.id, personalData: true });
    const admin = (await call('GET', '/users')).items.find((u: { email: string }) => u.email === ADMIN.email);
    const go = (path: string, body: unknown) => call('POST', `/incidents/${incident.id}/${path}`, body);
    await go('transitions', { to: 'assessing', reason: 'Confirmed by the customer' });
    await call('PATCH', `/incidents/${incident.id}`, {
      assignments: { 'incident-manager': admin.id },
      category: 'information-content-security/unauthorised-information-access',
      impact: { confidentiality: 'high', integrity: 'none', availability: 'none' },
    });
    await go('transitions', { to: 'responding', reason: 'Contain now' });
    const task = await go('tasks', { title: GATE, needsInstruction: true });
    await call('PATCH', `/tasks/${task.id}`, { status: 'done', overrideReason: OVERRIDE });
    // GDPR Art. 33's 72 hours pass without the authority told: the worker records the clock missed.
    offsetMs += 73 * HOUR;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { events } = (await call('GET', `/incidents/${incident.id}/timeline`)) as { events: { type: string }[] };
      if (events.some((e) => e.type === 'deadline.missed')) break;
      assert.ok(Date.now() < deadline, 'the missed GDPR clock was recorded');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await go('obligations/gdpr-art-33/stages/notification/submissions', { reference: 'DPA-2026-0042' });
    await go('milestones', { milestone: 'contained' });
    await go('transitions', { to: 'recovering' });
    await go('milestones', { milestone: 'resolved' });
    return { key: incident.key, id: incident.id };
  }

  it('reviews a resolved breach, turns its lesson into a published playbook change, closes, and counts it', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const token = await server.userToken('admin', 'Setup script');
      const { key } = await prepare(token);

      // 1. Resolved: start the review from the incident page. It opens pre-filled from the record.
      await page.goto(`/incidents/${key}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.getByRole('button', { name: 'Start review', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Start review' });
      await dialog.getByRole('button', { name: 'Start review', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const review = page.getByRole('region', { name: 'Post-incident review' });
      const clocks = review.getByRole('region', { name: 'Obligation clocks missed or met late' });
      await clocks.getByText(/GDPR/).first().waitFor();
      const gates = review.getByRole('region', { name: 'Instruction gates overridden' });
      await gates.getByText(GATE).waitFor();
      await gates.getByText(OVERRIDE).waitFor();
      await shot(page, '01-prefilled');

      // 2. The lesson becomes an action on the customer's ransomware playbook.
      const card = page.getByRole('region', { name: 'Actions from the review' });
      await card.getByRole('button', { name: 'Add action' }).click();
      const form = page.getByRole('form', { name: 'Add an action' });
      await form.getByLabel('What is to be done').fill(ACTION);
      await form.getByLabel('Owner', { exact: true }).click();
      await page.getByRole('option', { name: ADMIN.name }).click();
      await form.getByLabel('Changes', { exact: true }).click();
      await page.getByRole('option', { name: 'Playbook: Ransomware' }).click();
      await form.getByRole('button', { name: 'Add action' }).click();
      const row = card.getByRole('listitem', { name: ACTION });
      await row.waitFor();

      // 3. Work on it opens the customer's draft of the playbook; it is edited and the plan published.
      await row.getByRole('button', { name: 'Work on it' }).click();
      await page.waitForURL(/\/playbooks\//);
      await page.getByRole('alert').filter({ hasText: 'This draft carries out a review action' }).waitFor();
      const playbookId = new URL(page.url()).pathname.split('/').pop() as string;
      const api = async (method: string, url: string, body?: unknown) => {
        const res = await server.request(method, `/api/v1${url}`, { token, body });
        const json = await res.json();
        assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
        return json;
      };
      const copy = await api('GET', `/playbooks/${playbookId}`);
      await api('PATCH', `/playbooks/${playbookId}`, { summary: `${copy.summary} Check public shares in the first hour.` });
      const version = await api('POST', `/customers/${copy.customerId}/plans`, { approver: 'Siri Dahl, CISO' });

      // 4. The version names the review it came from; the action is done.
      await page.goto(`/plans/${version.id}`);
      const sources = page.getByRole('alert', { name: 'Reviews this version came from' });
      await sources.getByRole('link', { name: key }).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page
        .getByRole('region', { name: 'Actions from the review' })
        .getByRole('listitem', { name: ACTION })
        .getByText('Done', { exact: true })
        .waitFor();
      await shot(page, '02-action-done');

      // 5. Closing waits for the review; completed, the incident closes.
      await page
        .getByText(/needs its post-incident review before it closes/)
        .first()
        .waitFor();
      const lessons = review.getByRole('textbox', { name: /Lessons learned/ });
      await lessons.fill('Public shares are checked in the first hour of every data breach');
      await lessons.press('Control+Enter');
      await review.getByRole('button', { name: 'Complete the review' }).click();
      await review.getByText('Completed', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      const close = page.getByRole('dialog', { name: 'Close' });
      await close.getByRole('button', { name: 'Close', exact: true }).click();
      await close.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="incident-status"]', { hasText: 'Closed' }).waitFor();

      // 6. The metrics page counts it among the real incidents of its customer.
      await page.goto('/metrics/incidents?groupBy=customer');
      const table = page.getByRole('table', { name: 'Real incidents per group' });
      await table.getByRole('row', { name: new RegExp(CUSTOMER.name) }).waitFor();
      await shot(page, '03-metrics');
      assert.deepEqual(problems, []);
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

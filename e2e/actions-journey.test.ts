import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Review actions: an incident in review gets an action on its ransomware playbook from the incident page, "Work on it"
// opens the customer's copy of the playbook with a banner naming the action, and the owner finds it on "My actions".

const CUSTOMER = { name: 'Vestfold Vann IKS', code: 'VVA', timeZone: 'Europe/Oslo' };
const INCIDENT_TITLE = 'Ransom note on the SCADA historian';
const ACTION = 'Add the VPN concentrator logs to the ransomware playbook';

const unavailable = browserUnavailable();
const shot = screenshotter('actions');

describe('review actions journey in the browser', { skip: unavailable ?? false }, () => {
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

  /** Through the API: a customer with a published plan, and an incident taken to its review. */
  async function prepare(token: string): Promise<{ incidentKey: string }> {
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await call('POST', '/customers', CUSTOMER);
    await call('POST', `/customers/${customer.id}/plans`, { approver: 'Siri Dahl, CISO' });
    const incident = await call('POST', '/incidents', { title: INCIDENT_TITLE, customerId: customer.id });
    const admin = (await call('GET', '/users')).items.find((u: { email: string }) => u.email === ADMIN.email);
    const go = (path: string, body: unknown) => call('POST', `/incidents/${incident.id}/${path}`, body);
    await go('transitions', { to: 'assessing', reason: 'Confirmed' });
    await call('PATCH', `/incidents/${incident.id}`, {
      assignments: { 'incident-manager': admin.id },
      category: 'availability/misconfiguration',
      impact: { confidentiality: 'none', integrity: 'none', availability: 'low' },
    });
    await go('transitions', { to: 'responding', reason: 'Low impact' });
    await go('milestones', { milestone: 'contained' });
    await go('transitions', { to: 'recovering' });
    await go('milestones', { milestone: 'resolved' });
    await go('transitions', { to: 'reviewing' });
    return { incidentKey: incident.key };
  }

  it('adds an action from the review, works on its playbook and finds it on My actions', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

      // 1. In review, the card invites the first action.
      await page.goto(`/incidents/${incidentKey}`);
      await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
      const card = page.getByRole('region', { name: 'Actions from the review' });
      await card.getByText('No actions yet').waitFor();
      await card.getByRole('button', { name: 'Add action' }).click();

      // 2. The form: title, owner, due date, and the playbook it changes.
      const form = page.getByRole('form', { name: 'Add an action' });
      await form.getByLabel('What is to be done').fill(ACTION);
      await form.getByLabel('Owner', { exact: true }).click();
      await page.getByRole('option', { name: ADMIN.name }).click();
      await form.getByLabel('Due', { exact: true }).fill('2031-03-01T09:00');
      await form.getByLabel('Changes', { exact: true }).click();
      await page.getByRole('option', { name: 'Playbook: Ransomware' }).click();
      await shot(page, 'add');
      await form.getByRole('button', { name: 'Add action' }).click();

      const row = card.getByRole('listitem', { name: ACTION });
      await row.waitFor();
      await row.getByText(`Owner: ${ADMIN.name}`).waitFor();
      await row.getByText('Playbook: Ransomware').waitFor();
      await row.locator('time[datetime="2031-03-01T08:00:00.000Z"]').waitFor();
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.getByText(`added the action “${ACTION}” from the review`).waitFor();
      await shot(page, 'card');

      // A new due date, from the row's Edit: shown in the user's zone, the change on the timeline.
      await row.getByRole('button', { name: `Edit “${ACTION}”` }).click();
      const edit = page.getByRole('form', { name: 'Edit the action' });
      await edit.getByLabel('Due', { exact: true }).fill('2031-04-01T10:30');
      await edit.getByRole('button', { name: 'Save' }).click();
      await row.locator('time[datetime="2031-04-01T08:30:00.000Z"]').waitFor();
      await timeline.getByText(`changed the action “${ACTION}”`).waitFor();

      // 3. Work on it: the customer's copy of the playbook opens, with the banner naming the action and review.
      await row.getByRole('button', { name: 'Work on it' }).click();
      await page.waitForURL(/\/playbooks\//);
      const editorUrl = page.url();
      const banner = page.getByRole('alert').filter({ hasText: 'This draft carries out a review action' });
      await banner.waitFor();
      await banner.getByRole('link', { name: incidentKey }).waitFor();
      await banner.getByText(/publishing it with this playbook changed marks the action done/).waitFor();
      await shot(page, 'editor');

      // 4. My actions: in progress, with its incident.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My actions' }).click();
      await page.getByRole('heading', { name: 'My actions' }).waitFor();
      const mine = page.getByRole('listitem', { name: ACTION });
      await mine.getByRole('link', { name: incidentKey }).waitFor();
      await mine.getByRole('button', { name: `Status of “${ACTION}”: In progress` }).waitFor();
      await shot(page, 'my-actions');

      // 5. The playbook changed and the plan published: the action is done, and the version says where it came from.
      const token = await server.userToken('admin', 'Publisher');
      const api = async (method: string, url: string, body?: unknown) => {
        const res = await server.request(method, `/api/v1${url}`, { token, body });
        const json = await res.json();
        assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
        return json;
      };
      const playbookId = new URL(editorUrl).pathname.split('/').pop() as string;
      const copy = await api('GET', `/playbooks/${playbookId}`);
      await api('PATCH', `/playbooks/${playbookId}`, { summary: `${copy.summary} Collect the VPN logs first.` });
      const version = await api('POST', `/customers/${copy.customerId}/plans`, { approver: 'Siri Dahl, CISO' });
      await page.goto(`/plans/${version.id}`);
      const sources = page.getByRole('alert', { name: 'Reviews this version came from' });
      await sources.getByText('From the review of').waitFor();
      await sources.getByRole('link', { name: incidentKey }).waitFor();
      await shot(page, 'plan-version');
      await page.goto('/actions?status=all');
      await page.getByRole('listitem', { name: ACTION }).getByText('Done', { exact: true }).waitFor();
      assert.deepEqual(problems, []);
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../src/server/auth/create-user.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/policy.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, launchBrowser, newContext, watchPage } from './browser.ts';

// Screens that say what is true, on the demo organisation: exercise clocks apart from real ones, empty and
// not-found pages that give the real reasons, a manual delivery that names who and for whom, the default roster's
// holders, publishing only what changed, page titles that match their links, a link to what triage just opened,
// stage words that fit the stage, and playbook buttons that read as actions.

const PASSWORD = 'correct horse battery staple';
const NINA = { email: 'nina@example.test', name: 'Nina Newcomer', role: 'responder' as const };
const unavailable = browserUnavailable();

interface DemoIncident {
  id: string;
  key: string;
  status: string;
  exercise: boolean;
  customerId: string;
  title: string;
}

describe('honest screens in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { email: string; password: string };
  let token: string;
  let incidents: DemoIncident[];
  let customers: { id: string; name: string }[];

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await server.request(method, url, { token, body });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    browser = await launchBrowser();
    const demo = await loadDemo(server.deps);
    assert.ok(demo.password, 'the demo created its admin');
    admin = { email: demo.email, password: demo.password };
    await createUser(server.deps, SYSTEM_ACTOR, { ...NINA, password: PASSWORD });
    token = await server.userToken('admin', 'Tess Token');
    incidents = (await api('GET', '/api/v1/incidents')).items;
    customers = (await api('GET', '/api/v1/customers')).items;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(who: { email: string; password: string }): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel(/^Password/).fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    problems.length = 0;
    return { page, problems };
  }

  it('marks the demo’s exercise clocks and keeps them out of the overdue count', async () => {
    const { page, problems } = await signIn(admin);
    const exercise = incidents.find((i) => i.exercise);
    assert.ok(exercise, 'the demo has an exercise incident');
    await page.goto('/deadlines');
    const real = page.getByRole('table', { name: 'Deadlines', exact: true });
    const drills = page.getByRole('table', { name: 'Exercise deadlines' });
    await real.waitFor();
    await drills.waitFor();

    assert.equal(await real.getByText(exercise.key).count(), 0, 'the exercise is not among the real clocks');
    const drillRows = drills.locator('tbody tr');
    assert.ok((await drillRows.count()) > 0);
    for (const row of await drillRows.all()) {
      await row.getByText(exercise.key).waitFor();
      await row.getByLabel('Exercise').waitFor();
    }
    await page.getByRole('heading', { name: 'Exercise clocks' }).waitFor();

    // The headline count is the real overdue clocks only.
    const realOverdue = await real.locator('[data-deadline-status="overdue"]').count();
    const drillOverdue = await drills.locator('[data-deadline-status="overdue"]').count();
    assert.ok(drillOverdue > 0, 'the demo’s exercise clock is overdue');
    await page.getByText(`${realOverdue} overdue`, { exact: true }).waitFor();
    await page.getByText(`${drillOverdue} overdue in exercises`).waitFor();
    assert.equal(await page.getByText(`${realOverdue + drillOverdue} overdue`, { exact: true }).count(), 0);
    assert.deepEqual(problems, []);
  });

  it('tells a user in no customer that they are not a member, and names every reason for a missing incident', async () => {
    const { page } = await signIn({ email: NINA.email, password: PASSWORD });
    await page.getByText('You are not a member of any customer yet — ask an admin').waitFor();
    assert.equal(await page.getByText('No incidents yet').count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Report the first incident' }).count(), 0);

    await page.goto(`/incidents/${incidents[0].key}`);
    await page.getByText(`${incidents[0].key} not found`).waitFor();
    const why = page.getByText(/no incident has this key/);
    await why.waitFor();
    const text = (await why.textContent()) ?? '';
    assert.match(text, /you are not a member of its customer/);
    assert.match(text, /TLP:RED and you are not on its access list/);
  });

  it('says who delivered a manual level by hand and for whom on the timeline', async () => {
    const incident = incidents.find((i) => !i.exercise && i.status !== 'reported') ?? incidents[0];
    await api('POST', `/api/v1/incidents/${incident.id}/communication-level`, {
      level: 'emergency',
      reason: 'Mail and phones are down',
    });
    const sent = await api('POST', `/api/v1/incidents/${incident.id}/notifications`, { purpose: 'notify-customer' });
    // The job worker hands the emergency level (a manual one in the demo) to a person.
    let status = '';
    for (const deadline = Date.now() + 30_000; status !== 'awaiting-person' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await api('GET', `/api/v1/notifications/${sent.id}`)).status;
    }
    assert.equal(status, 'awaiting-person');

    const { page } = await signIn(admin);
    await page.goto(`/incidents/${incident.key}`);
    await page.getByRole('button', { name: 'Record it was done' }).first().click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: 'Record it was done' });
    await dialog.getByRole('button', { name: 'Record it was done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('delivered a notification by hand to the customer (emergency level)').waitFor();
    assert.equal(await timeline.getByText(/Demo Admin has a notification/).count(), 0);
  });

  it('shows the default roster’s holders to a customer that uses it', async () => {
    const [roster] = (await api('GET', '/api/v1/rosters?customerId=organisation')).items;
    const contacts = (await api('GET', '/api/v1/contacts?customerId=organisation')).items as { id: string; name: string }[];
    const holder = contacts.find((c) => c.id === roster.entries[0].people[0]);
    assert.ok(holder, 'the default roster names a holder');

    const { page } = await signIn(admin);
    await page.goto(`/customers/${customers[0].id}?tab=roster`);
    await page.getByText('Uses the default roster').waitFor();
    const table = page.getByRole('table', { name: 'Roster' });
    await table.getByText(holder.name).first().waitFor();
    assert.equal(await table.getByRole('textbox').count(), 0, 'no empty pickers while the default is in use');

    // Giving it its own starts from the default's people, to edit.
    await page.getByRole('button', { name: 'Give it its own, starting from the default' }).click();
    await page.getByRole('button', { name: 'Create roster' }).waitFor();
  });

  it('offers to publish only when the plan changed, and asks with the summary of the changes', async () => {
    const customer = customers[1];
    const { page } = await signIn(admin);
    await page.goto(`/customers/${customer.id}?tab=plans`);
    await page.getByText('Nothing changed since version 1').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Publish plan version/ }).count(), 0);

    await api('POST', '/api/v1/services', { customerId: customer.id, name: 'Branch VPN', criticality: 'high' });
    await page.reload();
    const publish = page.getByRole('form', { name: 'Publish plan version' });
    await publish.getByRole('textbox', { name: 'Approved by' }).fill('Kari Nordmann, CISO');
    await publish.getByRole('button', { name: 'Publish plan version 2' }).click();
    const confirm = page.getByRole('dialog', { name: 'Publish plan version 2?' });
    await confirm.getByText('Services and connections: added Branch VPN').waitFor();
    await confirm.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByText('Nothing changed since version 2').waitFor();
  });

  it('opens the public report form page under that title from the account menu', async () => {
    const { page } = await signIn(admin);
    await page.getByRole('button', { name: 'Account: Demo Admin' }).click();
    await page.getByRole('menuitem', { name: 'Public report form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public report form' }).waitFor();
    assert.equal(await page.title(), 'Public report form — Muster');
  });

  it('offers a link to the incident just opened from triage', async () => {
    await api('PUT', '/api/v1/settings/public-report-form', { enabled: true, intro: 'Tell us' });
    const form = await fetch(`${server.url}/report`);
    const kind = (await form.text()).match(/<option value="([a-z-]+)"/)?.[1] ?? 'other';
    const posted = await fetch(`${server.url}/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind, description: 'A USB stick was left in the meeting room' }).toString(),
    });
    assert.equal(posted.status, 200);

    const { page } = await signIn(admin);
    await page.goto('/triage');
    await page.getByRole('button', { name: 'Open incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open an incident' });
    await dialog.getByLabel('Customer').first().click();
    await page.getByRole('option', { name: new RegExp(customers[0].name) }).click();
    await dialog.getByRole('button', { name: 'Open incident' }).click();
    const link = page.locator('.mantine-Notification-root').getByRole('link', { name: /^Go to INC-/ });
    await link.waitFor();
    const key = ((await link.textContent()) ?? '').replace('Go to ', '').trim();
    await link.click();
    await page.waitForURL(new RegExp(`/incidents/${key}$`));
  });

  it('says what was done under finished stages and labels playbook steps as actions', async () => {
    const responding = incidents.find((i) => i.status === 'responding');
    assert.ok(responding, 'the demo has an incident in response');
    const { page } = await signIn(admin);
    await page.goto(`/incidents/${responding.key}`);
    const stepper = page.getByRole('navigation', { name: 'Incident stage' });
    await stepper.getByText('Confirmed at DP1').waitFor();
    assert.equal(await stepper.getByText('Waiting for DP1').count(), 0);

    const markDone = page.getByRole('button', { name: /^Mark done: / });
    // The playbooks come with the plan panel, which loads after the incident.
    await markDone.first().waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('button', { name: /^Done: / }).count(), 0, 'no button reads as a status');
  });
});

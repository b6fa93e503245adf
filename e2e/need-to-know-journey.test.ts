import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../src/server/auth/create-user.ts';
import { createApiToken } from '../src/server/auth/credentials.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/policy.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, launchBrowser, newContext, watchPage } from './browser.ts';

// TLP:RED in the browser: a viewer of the customer who is not on the incident's access list gets the not-found page
// (and no trace in the list); the reporter adds them on the incident page's access list, they read it; removed
// again, they are back to not-found.

const PASSWORD = 'correct horse battery staple';
const RITA = { email: 'rita@example.test', name: 'Rita Reporter', role: 'responder' as const };
const VICTOR = { email: 'victor@example.test', name: 'Victor Viewer', role: 'viewer' as const };
const TITLE = 'Board member mailbox compromised';
const unavailable = browserUnavailable();

describe('need-to-know journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  let key: string;

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    browser = await launchBrowser();
    const admin = await server.userToken('admin');
    const customer = await (
      await server.request('POST', '/api/v1/customers', { token: admin, body: { name: 'Nordlys' } })
    ).json();
    const users: Record<string, string> = {};
    for (const u of [RITA, VICTOR]) {
      const user = await createUser(server.deps, SYSTEM_ACTOR, { ...u, password: PASSWORD });
      const role = u.role === 'responder' ? 'responder' : 'viewer';
      const res = await server.request('PUT', `/api/v1/customers/${customer.id}/members/${user.id}`, {
        token: admin,
        body: { role },
      });
      assert.equal(res.status, 200);
      users[u.email] = user.id;
    }
    const { token } = await createApiToken(server.deps, users[RITA.email], 'e2e');
    const res = await server.request('POST', '/api/v1/incidents', {
      token,
      body: { title: TITLE, customerId: customer.id, tlp: 'TLP:RED' },
    });
    assert.equal(res.status, 201);
    key = (await res.json()).key;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(who: { email: string }): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    problems.length = 0; // the 401 of the page before signing in is expected
    return { page, problems };
  }

  it('shows not-found to a viewer off the list, and the reporter manages the list on the incident page', async () => {
    const victor = await signIn(VICTOR);
    assert.equal(await victor.page.getByText(TITLE).count(), 0, 'not in the incident list');
    await victor.page.goto(`/incidents/${key}`);
    await victor.page.getByText(`${key} not found`).waitFor();
    await victor.page.getByText(/marked TLP:RED and you are not on its access list/).waitFor();
    assert.equal(await victor.page.getByRole('button', { name: 'Break the glass' }).count(), 0, 'a viewer may not break glass');

    const rita = await signIn(RITA);
    await rita.page.goto(`/incidents/${key}`);
    await rita.page.getByRole('heading', { name: TITLE }).waitFor();
    const panel = rita.page.getByRole('region', { name: 'Access list' });
    await panel.getByText('Need-to-know').waitFor();
    const table = panel.getByRole('table', { name: `Access list of ${key}` });
    await table.getByText(RITA.name).waitFor();
    await table.getByText('Reporter', { exact: true }).waitFor();

    await panel.getByRole('combobox', { name: 'Add a person' }).click();
    await rita.page.getByRole('option', { name: VICTOR.name }).click();
    await panel.getByRole('button', { name: 'Add' }).click();
    await table.getByText(VICTOR.name).waitFor();
    await rita.page.getByRole('main').getByText(`added ${VICTOR.name} to the access list`).waitFor();

    await victor.page.reload();
    await victor.page.getByRole('heading', { name: TITLE }).waitFor();

    await panel.getByRole('button', { name: `Remove ${VICTOR.name} from the access list` }).click();
    await table.getByText(VICTOR.name).waitFor({ state: 'detached' });
    await victor.page.reload();
    await victor.page.getByText(`${key} not found`).waitFor();

    assert.deepEqual(
      rita.problems.filter((p) => !p.includes('404')),
      [],
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, launchBrowser, newContext, watchPage } from './browser.ts';

// The response metrics page on the demo organisation: figures, charts and table render, exercises stand apart, the
// filters live in the URL (and the CSV link follows them), and a range without incidents says so.

const unavailable = browserUnavailable();

describe('response metrics in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { email: string; password: string };

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    browser = await launchBrowser();
    const demo = await loadDemo(server.deps);
    assert.ok(demo.password, 'the demo created its admin');
    admin = { email: demo.email, password: demo.password };
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the figures per group, keeps exercises apart, and follows its filters in the URL', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    problems.length = 0; // the sign-in page's own look at who is signed in answers 401

    await page.getByRole('link', { name: 'Metrics' }).first().click();
    await page.getByRole('heading', { name: 'Response metrics' }).waitFor();
    await page.getByRole('heading', { name: 'Real incidents' }).waitFor();
    const table = page.getByRole('table', { name: 'Real incidents per group' });
    await table.waitFor();
    assert.ok((await table.getByRole('row').count()) >= 2, 'a header and at least one month');
    assert.ok((await page.locator('.recharts-surface').count()) >= 2, 'the bar chart and the monthly line chart');
    await page.getByRole('heading', { name: 'Exercises' }).waitFor();

    await page
      .getByRole('radiogroup', { name: 'Group by' })
      .locator('label', { hasText: /^Customer$/ })
      .click();
    await page.waitForURL(/groupBy=customer/);
    await page.getByRole('columnheader', { name: 'Customer' }).first().waitFor();
    // The export follows the filters.
    await page
      .locator('a[href^="/api/v1/metrics/incidents.csv?"][href*="groupBy=customer"]', { hasText: 'Export CSV' })
      .waitFor();

    await page.goto('/metrics/incidents?from=2099-01-01');
    await page.getByText('No incidents to measure').waitFor();
    assert.deepEqual(problems, []);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, watchPage } from './browser.ts';

// The incident list past its first page: 60 incidents, sorted by a column's header, paged with Next and Back,
// narrowed to "Mine", and the whole view restored from the address alone (a bookmark).

const unavailable = browserUnavailable();
const TOTAL = 60;
const MINE = [3, 17, 29, 44, 58];
const LEVELS = ['none', 'low', 'medium', 'high'] as const;

describe('the incident list in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const keys = new Map<number, string>();

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    browser = await launchBrowser();
    page = await (await newContext(browser, server.url)).newPage();
    problems = watchPage(page);
    assert.ok(server.setupToken);
    await createFirstAdmin(page, server.setupToken);
    const me = (await (await page.request.get('/api/v1/auth/me')).json()).user.id as string;
    const token = await server.userToken('admin', 'Another Admin');
    for (let i = 0; i < TOTAL; i++) {
      const level = LEVELS[i % 4];
      const res = await server.request('POST', '/api/v1/incidents', {
        token,
        body: { title: `Incident number ${i}`, impact: { confidentiality: level, integrity: 'none', availability: 'none' } },
      });
      const incident = await res.json();
      keys.set(i, incident.key);
      if (MINE.includes(i)) {
        const assigned = await server.request('PATCH', `/api/v1/incidents/${incident.id}`, {
          token,
          body: { assignments: { 'incident-manager': me } },
        });
        assert.equal(assigned.status, 200);
      }
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const rowKeys = () =>
    page.locator('tbody tr[data-incident-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-incident-key')));
  const header = (name: string) => page.getByRole('columnheader', { name });
  const params = () => new URL(page.url()).searchParams;

  it('sorts by a header, pages with Next and Back, narrows to Mine, and restores the view from its address', async () => {
    await page.goto('/');
    await page.getByText(`${TOTAL} incidents`).waitFor({ timeout: 20_000 });
    assert.equal(await header('Reported').getAttribute('aria-sort'), 'descending');
    assert.equal(await header('Severity').getAttribute('aria-sort'), 'none');
    const first = await rowKeys();
    assert.equal(first.length, 50);
    assert.equal(first[0], keys.get(TOTAL - 1), 'newest first');

    // Next page: the rest, none repeated; Back returns to the first page.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/cursor=/);
    await page.locator('tbody tr[data-incident-key]').nth(9).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-incident-key]').length === 10);
    const second = await rowKeys();
    assert.equal(new Set([...first, ...second]).size, TOTAL, 'two pages hold every incident once');
    assert.ok(await page.getByRole('button', { name: 'Next' }).isDisabled());
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-incident-key]').length === 50);
    assert.equal(params().get('cursor'), null);
    assert.deepEqual(await rowKeys(), first);

    // Severity, most severe first; again: least severe first.
    await header('Severity').getByRole('button').click();
    await page.waitForURL(/sort=severity/);
    await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]')?.textContent?.includes('Severity'));
    const high = [...keys.entries()].filter(([i]) => i % 4 === 3).map(([, key]) => key);
    await page.waitForFunction((k) => document.querySelector('tbody tr')?.getAttribute('data-incident-key') === k, high.at(-1));
    assert.ok(high.includes((await rowKeys())[0] ?? ''), 'a high-severity incident heads the list');
    await header('Severity').getByRole('button').click();
    await page.waitForURL(/order=asc/);
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Severity' }).waitFor();

    // Mine: the incidents where I hold a role.
    await page.getByText('Mine', { exact: true }).click();
    await page.waitForURL(/mine=1/);
    await page.getByText(`${MINE.length} incidents`).waitFor();
    const mine = MINE.map((i) => keys.get(i));
    assert.deepEqual([...(await rowKeys())].sort(), [...mine].sort());

    // The address alone brings the same view back.
    const address = page.url();
    const fresh = await (await newContext(browser, server.url)).newPage();
    await fresh.context().addCookies(await page.context().cookies());
    await fresh.goto(address);
    await fresh.getByText(`${MINE.length} incidents`).waitFor();
    assert.equal(await fresh.getByRole('columnheader', { name: 'Severity' }).getAttribute('aria-sort'), 'ascending');
    assert.ok(await fresh.getByRole('checkbox', { name: 'Mine' }).isChecked());
    await fresh.close();

    // Back undoes the Mine filter.
    await page.goBack();
    await page.getByText(`${TOTAL} incidents`).waitFor();
    assert.equal(params().get('mine'), null);
    assert.deepEqual(problems, []);
  });
});

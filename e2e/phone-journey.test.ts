import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, launchBrowser, screenshotter, watchPage } from './browser.ts';

// A responder on a phone (390 × 844, touch) during an incident: signs in, reaches every part of the product through
// the menu button, works the incident page, triage and the deadlines with taps, and no page is wider than the
// screen. The first load of the sign-in page and of the dashboard stays under 400 KB on the wire.

const PHONE = { width: 390, height: 844 };
const FIRST_LOAD_BUDGET = 400 * 1024;
const unavailable = browserUnavailable();

const shot = screenshotter('phone');

function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: PHONE,
    screen: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
    timezoneId: 'Europe/Oslo',
    locale: 'en-GB',
  });
}

/**
 * What is wider than the phone's screen, or [] when nothing is. On a phone the browser widens the page to fit what
 * overflows (innerWidth grows with it), so the page is measured against the screen's 390 px. Also names every badge
 * whose text is cut ("OVE…"), except those that carry their whole text as a title.
 */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) {
      const widest = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .filter((el) => {
          for (let parent = el.parentElement; parent; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== 'visible' && parent.getBoundingClientRect().right <= width + 1) {
              return false;
            }
          }
          return true;
        })
        .at(-1);
      problems.push(
        `the page is ${scrollWidth} px wide; the innermost element past the edge: <${widest?.tagName.toLowerCase()} class="${widest?.className}"> "${widest?.textContent?.slice(0, 60)}"`,
      );
    }
    for (const label of Array.from(document.querySelectorAll<HTMLElement>('.mantine-Badge-label'))) {
      const badge = label.closest('.mantine-Badge-root');
      if (badge?.getAttribute('title')) continue;
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`the badge "${label.textContent}" is cut`);
    }
    return problems;
  }, PHONE.width);
}

async function assertFits(page: Page, where: string): Promise<void> {
  // Let late content (live counts, lists) arrive before measuring.
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  assert.deepEqual(await tooWide(page), [], `${where} at 390 px`);
}

/** A control a thumb can use: on screen horizontally, and at least 24 px tall and wide (WCAG 2.2 target size). */
async function assertTappable(control: Locator, what: string): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  assert.ok(box, `${what} is shown`);
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${what} is within the screen: ${JSON.stringify(box)}`);
  assert.ok(box.height >= 24 && box.width >= 24, `${what} is big enough to tap: ${JSON.stringify(box)}`);
}

/** Bytes on the wire (headers and bodies as received) of every request that finished while `load` ran. */
async function bytesOnTheWire(page: Page, load: () => Promise<void>): Promise<{ total: number; files: string[] }> {
  const finished: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  const onFinished = (request: import('playwright-core').Request) =>
    finished.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        return {
          url: new URL(request.url()).pathname,
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
        };
      })(),
    );
  page.on('requestfinished', onFinished);
  await load();
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(500);
  page.off('requestfinished', onFinished);
  const all = await Promise.all(finished);
  return {
    total: all.reduce((sum, f) => sum + f.bytes, 0),
    files: all.map((f) => `${f.url} ${f.bytes} B ${f.encoding}`),
  };
}

describe('phone journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof loadDemo>>;

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    demo = await loadDemo(server.deps);
    browser = await launchBrowser();

    // An alert waits in triage.
    const admin = await server.userToken('admin', 'Setup script');
    const customers = (await (await server.request('GET', '/api/v1/customers', { token: admin })).json()) as {
      items: { id: string }[];
    };
    const source = await server.request('POST', '/api/v1/alert-sources', {
      token: admin,
      body: { name: 'Prometheus production', customerId: customers.items[0].id },
    });
    assert.equal(source.status, 201, await source.clone().text());
    const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const alert = await fetch(`${server.url}/api/v1/alerts/alertmanager`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${((await source.json()) as { token: string }).token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        version: '4',
        groupKey: '{}:{alertname="HighErrorRateOnCheckout"}',
        receiver: 'muster',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: {
              alertname: 'HighErrorRateOnCheckoutAcrossEveryProductionRegion',
              instance: 'checkout-web-1.production.eu-north-1.example:9100',
              severity: 'critical',
            },
            annotations: { summary: 'Checkout error rate above 5 % on every production instance' },
            startsAt,
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: '6f1c2a9b8d7e4f30',
          },
        ],
      }),
    });
    assert.equal(alert.status, 202, await alert.text());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the sign-in page and the dashboard in at most 400 KB each, compressed', async () => {
    assert.ok(demo.password, 'the demo made an administrator with a password');
    const context = await phoneContext(browser, server.url);
    const page = await context.newPage();
    const signIn = await bytesOnTheWire(page, async () => {
      await page.goto('/login');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    assert.ok(
      signIn.files.some((f) => /\/assets\/index-.*\.js .* br$/.test(f)),
      `the scripts come brotli-compressed:\n${signIn.files.join('\n')}`,
    );
    assert.ok(signIn.total <= FIRST_LOAD_BUDGET, `sign-in page: ${signIn.total} bytes\n${signIn.files.join('\n')}`);

    await page.getByLabel('E-mail').fill(demo.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();

    // The dashboard as it first loads after sign-in: a fresh browser with the session, nothing cached.
    const signedIn = await phoneContext(browser, server.url);
    await signedIn.addCookies(await context.cookies());
    const dashboardPage = await signedIn.newPage();
    const dashboard = await bytesOnTheWire(dashboardPage, async () => {
      await dashboardPage.goto('/dashboard');
      await dashboardPage.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    });
    assert.ok(dashboard.total <= FIRST_LOAD_BUDGET, `dashboard: ${dashboard.total} bytes\n${dashboard.files.join('\n')}`);
    console.log(`first load on the wire: sign-in page ${signIn.total} B, dashboard ${dashboard.total} B`);
    await signedIn.close();
    await context.close();
  });

  it('reaches every page through the menu and works an incident, triage and the deadlines one-handed', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await context.newPage();

    await page.goto('/login');
    await assertFits(page, 'the sign-in page');
    await page.getByLabel('E-mail').fill(demo.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(demo.password as string);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    const problems = watchPage(page); // from here: before signing in, the app's "who am I?" is answered 401
    await assertFits(page, 'the incident list');
    await shot(page, '01-incidents');
    // No column headers on a phone: the list is ordered from one select, kept in the address.
    await page.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Most severe first' });
    await page.waitForURL(/[?&]sort=severity/);
    await page.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Newest first' });
    await page.waitForURL((url) => !url.search.includes('sort='));

    // 1. The header's links are hidden on a phone; the menu button opens them, and a tap on one closes the menu.
    const menuButton = page.getByRole('button', { name: 'Open the menu' });
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await assertTappable(menuButton, 'the menu button');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'the header has no room for links');
    for (const [link, heading, url] of [
      [/^Triage/, 'Triage', '/triage'],
      [/^Dashboard$/, 'Dashboard', '/dashboard'],
      [/^Deadlines$/, 'Deadlines', '/deadlines'],
      [/^Customers$/, 'Customers', '/customers'],
      [/^Our organisation$/, 'Our organisation', '/organisation'],
      [/^Incidents$/, 'Incidents', '/'],
    ] as const) {
      await menuButton.tap();
      await menu.waitFor();
      if (heading === 'Triage') await shot(page, '02-menu');
      await assertTappable(menu.getByRole('link', { name: link }), `the menu's ${heading} link`);
      await menu.getByRole('link', { name: link }).tap();
      await page.waitForURL((u) => u.pathname === url);
      await menu.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await assertFits(page, url);
    }

    // From the keyboard: Enter opens the menu on its first link, Escape closes it and returns to the button.
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('#main-menu') !== null);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.equal(await menuButton.evaluate((el) => el === document.activeElement), true, 'focus is back on the menu button');

    // Every other page fits the screen too.
    const customers = (await page.evaluate(() => fetch('/api/v1/customers').then((r) => r.json()))) as {
      items: { id: string }[];
    };
    for (const url of [
      `/customers/${customers.items[0].id}`,
      '/incidents/new',
      '/admin/alerts',
      '/admin/jobs',
      '/admin/intake',
      '/account/password',
    ]) {
      await page.goto(url);
      await page.locator('h1').first().waitFor();
      await assertFits(page, url);
      for (const tab of await page.getByRole('tab').all()) {
        if (!(await tab.isVisible()) || (await tab.getAttribute('aria-selected')) === 'true') continue;
        await tab.tap();
        await assertFits(page, `${url}, tab ${await tab.textContent()}`);
      }
    }

    // 2. The incident page: the first incident from the list; its next step, a note, all with taps.
    await page.goto('/');
    const first = page.locator('[data-incident-key]').first();
    const key = (await first.getAttribute('data-incident-key')) as string;
    await first.getByRole('link', { name: key }).tap();
    await page.waitForURL(`**/incidents/${key}`);
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    await assertFits(page, 'the incident page');
    await shot(page, '03-incident');
    const confirm = page.getByRole('button', { name: 'Confirm incident (DP1)' });
    await assertTappable(confirm, 'Confirm incident (DP1)');
    await confirm.tap();
    const dialog = page.getByRole('dialog', { name: 'Confirm incident (DP1)' });
    await dialog.waitFor();
    await assertFits(page, 'the confirm dialog');
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Confirmed from the phone by the on-call responder');
    await dialog.getByRole('button', { name: 'Confirm incident (DP1)' }).tap();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="incident-status"]', { hasText: /Assessing|Responding/ }).waitFor();
    const note = page.getByRole('textbox', { name: 'Add a note' });
    await note.scrollIntoViewIfNeeded();
    await note.fill('Called the customer, they isolate the host now');
    await assertTappable(page.getByRole('button', { name: 'Add note' }), 'Add note');
    await page.getByRole('button', { name: 'Add note' }).tap();
    await page.getByRole('list', { name: 'Timeline' }).getByText('they isolate the host now').waitFor();
    await assertFits(page, 'the incident page with its note');

    // 3. Triage: the waiting alert, dismissed with a reason.
    await page.goto('/triage');
    const detail = page.getByRole('button', { name: 'Dismiss', exact: true });
    await detail.waitFor();
    await assertFits(page, 'triage');
    await shot(page, '04-triage');
    await assertTappable(page.getByRole('button', { name: 'Open incident' }), 'Open incident');
    await assertTappable(detail, 'Dismiss');
    await detail.tap();
    const dismiss = page.getByRole('dialog', { name: /^Dismiss/ });
    await dismiss.waitFor();
    await assertFits(page, 'the dismiss dialog');
    await dismiss.getByRole('textbox', { name: /Why is it not an incident/ }).fill('Load test in production, planned');
    await dismiss.getByRole('button', { name: 'Dismiss', exact: true }).tap();
    await dismiss.waitFor({ state: 'hidden' });
    await page.getByText('Nothing to triage').waitFor();

    // 4. Deadlines: a list whose badges read whole, each row leading to its incident.
    await page.goto('/deadlines');
    const deadlines = page.getByRole('table', { name: 'Deadlines', exact: true });
    await deadlines.waitFor();
    await assertFits(page, 'the deadlines page');
    await shot(page, '05-deadlines');
    const overdue = deadlines.locator('[data-deadline-status="overdue"]').first();
    await overdue.getByText('Overdue', { exact: true }).waitFor();
    const incidentLink = overdue.getByRole('link', { name: /^INC-/ });
    await assertTappable(incidentLink, 'the incident of an overdue deadline');
    const deadlineKey = (await incidentLink.textContent()) as string;
    await incidentLink.tap();
    await page.waitForURL(`**/incidents/${deadlineKey}`);
    await assertFits(page, 'an incident from the deadlines page');

    assert.deepEqual(problems, []);
    await context.close();
  });
});

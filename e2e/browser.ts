import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the project drives it with playwright-core instead of downloading a browser. */
export const CHROMIUM_PATH = process.env.MUSTER_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests cannot run here, or null when they can. With MUSTER_TEST_BROWSER=required a
 * missing browser is a failure (CI), otherwise a skip (a laptop without Chromium).
 */
export function browserUnavailable(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH}`;
  if (process.env.MUSTER_TEST_BROWSER === 'required') {
    throw new Error(`${reason}, and MUSTER_TEST_BROWSER=required`);
  }
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** A fresh browser profile (own cookies) with a fixed zone and locale so times read the same everywhere. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1360, height: 900 },
    timezoneId: 'Europe/Oslo',
    locale: 'en-GB',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Collects console errors and failed requests, so a test can show them when it fails. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** The administrator both journeys create on a fresh server. */
export const ADMIN = { email: 'ada@example.test', name: 'Ada Responder', password: 'correct horse battery staple' };

/** Fills in the first-admin setup form on a fresh server; submitting it is left to the caller. */
export async function fillFirstAdminSetup(page: Page, setupToken: string): Promise<void> {
  await page.goto(`/setup?token=${setupToken}`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Name').fill(ADMIN.name);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
}

/** Creates the first administrator on a fresh server and waits until they are signed in on the incident list. */
export async function createFirstAdmin(page: Page, setupToken: string): Promise<void> {
  await fillFirstAdminSetup(page, setupToken);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await page.getByRole('heading', { name: 'Incidents' }).waitFor();
}

/**
 * The screenshots a journey saves at each step when MUSTER_E2E_SCREENSHOTS names a directory (else nothing):
 * `<prefix>-<name>.png`. With a dialog open, take the window only (fullPage false): a full-page shot resizes the
 * window, which moves the page's panels.
 */
export function screenshotter(prefix: string) {
  const dir = process.env.MUSTER_E2E_SCREENSHOTS;
  return async (page: Page, name: string, fullPage = true): Promise<void> => {
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${prefix}-${name}.png`), fullPage });
  };
}

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Evidence: a disk image is dropped on the incident's evidence panel and goes up with a progress bar; it is handed
// to the police (a custody step), verified, and downloaded, the download itself showing in its chain of custody.

const INCIDENT_TITLE = 'Laptop stolen from the car';
const FILE_NAME = 'laptop-triage.img';

const unavailable = browserUnavailable();
const shot = screenshotter('evidence');

describe('evidence journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ dialect: 'sqlite', web: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads with progress, records a transfer, verifies and downloads', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const token = await server.userToken('admin', 'Setup script');
      const res = await server.request('POST', '/api/v1/incidents', { token, body: { title: INCIDENT_TITLE } });
      const { key } = (await res.json()) as { key: string };

      await page.goto(`/incidents/${key}`);
      await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
      const panel = page.getByRole('region', { name: 'Evidence' });
      await panel.getByText('No evidence yet').waitFor();
      await panel.getByRole('button', { name: 'Add evidence' }).click();

      // 1. Dropped on the area, as a person drags it from their file manager.
      const bytes = randomBytes(8 * 1024 * 1024);
      const area = panel.getByText(/^Drop a file here \(up to 2 GiB\)$/);
      await area.waitFor();
      const transfer = await page.evaluateHandle(
        ({ name, data }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
          return dt;
        },
        { name: FILE_NAME, data: bytes.toString('base64') },
      );
      await area.dispatchEvent('drop', { dataTransfer: transfer });
      await panel.getByText(`${FILE_NAME} (8.0 MB)`).waitFor();
      await panel.getByLabel('Source').fill('Forensic image of the spare laptop');
      await panel.getByLabel('Description').fill('Taken with dd before the laptop was wiped');

      // 2. Goes up slowly enough to see the bar move.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 3 * 1024 * 1024,
      });
      await panel.getByRole('button', { name: 'Add as evidence' }).click();
      const bar = panel.getByRole('progressbar', { name: 'Upload progress' });
      await bar.waitFor();
      await panel.getByText(/^Uploading .* of 8\.0 MB \(\d+%\)$/).waitFor();
      await shot(page, 'uploading', false);
      const row = panel.locator('tr[data-evidence-id]', { hasText: FILE_NAME });
      await row.waitFor({ timeout: 20_000 });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await bar.waitFor({ state: 'detached' });
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.getByText(new RegExp(`added evidence ${FILE_NAME.replace('.', '\\.')} \\(8\\.0 MB, SHA-256`)).waitFor();

      // 3. Handed to the police: a custody step, on the timeline too.
      await row.getByRole('button', { name: '1 step' }).click();
      const custody = panel.getByRole('region', { name: `Chain of custody of ${FILE_NAME}` });
      await custody.locator('tr[data-custody-action="collected"]').waitFor();
      const form = custody.getByRole('form', { name: `Record custody of ${FILE_NAME}` });
      // A transfer needs to whom: the browser asks before anything is sent.
      assert.equal(await form.getByPlaceholder('Whom it went to').evaluate((el) => (el as HTMLInputElement).required), true);
      await form.getByPlaceholder('Whom it went to').fill('Oslo police, case 26-4411');
      await form.getByLabel('Note', { exact: true }).fill('Handed over on an encrypted USB drive');
      await form.getByRole('button', { name: 'Record' }).click();
      await custody.locator('tr[data-custody-action="transferred"]', { hasText: 'to Oslo police, case 26-4411' }).waitFor();
      await timeline.getByText(`recorded evidence ${FILE_NAME} as transferred to Oslo police, case 26-4411`).waitFor();

      // 4. Verified: the bytes on disk are still the ones collected.
      await form.getByRole('button', { name: 'Verify' }).click();
      await custody.getByRole('status').filter({ hasText: 'Bytes intact' }).waitFor();
      await custody.locator('tr[data-custody-action="verified"]', { hasText: 'bytes intact' }).waitFor();
      await row.getByText('Intact').waitFor();

      // 5. Downloaded: the same bytes, and the download is a step of its own.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: `Download ${FILE_NAME}` }).click(),
      ]);
      assert.equal(download.suggestedFilename(), FILE_NAME);
      const saved = await download.path();
      assert.equal(
        createHash('sha256').update(fs.readFileSync(saved)).digest('hex'),
        createHash('sha256').update(bytes).digest('hex'),
      );
      await custody.locator('tr[data-custody-action="downloaded"]').waitFor({ timeout: 10_000 });
      await custody.scrollIntoViewIfNeeded();
      await shot(page, 'custody', false);
      assert.deepEqual(problems, []);
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

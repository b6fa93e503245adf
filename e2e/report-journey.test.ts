import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { verifyExport } from '../src/server/reports/export-signature.ts';
import { pdfText } from '../src/server/testing/pdf-text.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Exporting the signed incident report from the incident page: the menu, a download that verifies, and the export
// on the timeline.

const unavailable = browserUnavailable();
const shot = screenshotter('report');

describe('exporting the incident report in the browser', { skip: unavailable ?? false }, () => {
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

  it('downloads a signed PDF from the Export report menu, and the timeline shows the export', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    assert.ok(server.setupToken);
    await createFirstAdmin(page, server.setupToken);
    const token = await server.userToken('admin', 'Ada Api');
    const incident = await (
      await server.request('POST', '/api/v1/incidents', { token, body: { title: 'Defaced front page', tlp: 'TLP:AMBER' } })
    ).json();
    await page.goto(`/incidents/${incident.key}`);
    await page.getByRole('button', { name: 'Export report' }).click();
    for (const label of ['PDF', 'HTML', 'JSON', 'Public signing key (PEM)']) {
      await page.getByRole('menuitem', { name: label }).waitFor();
    }
    await page.getByText(/verify-export FILE/).waitFor();
    await shot(page, 'menu', false);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'PDF' }).click()]);
    assert.equal(download.suggestedFilename(), `${incident.key}-report.pdf`);
    const file = await download.path();
    const key = await (await fetch(`${server.url}/api/v1/signing-key`)).json();
    const verdict = verifyExport(fs.readFileSync(file), createPublicKey(key.publicKeyPem));
    assert.equal(verdict.valid, true, JSON.stringify(verdict));
    await page
      .getByRole('list', { name: 'Timeline' })
      .getByText(/exported the incident report as PDF/)
      .waitFor();
    await shot(page, 'timeline');
    assert.deepEqual(problems, []);
  });

  it('prints the HTML export with the TLP marking at the top and bottom of every page', async () => {
    const token = await server.userToken('admin', 'Ada Print');
    const incident = await (
      await server.request('POST', '/api/v1/incidents', { token, body: { title: 'Printed', tlp: 'TLP:AMBER', exercise: true } })
    ).json();
    for (let i = 0; i < 150; i++) {
      await server.request('POST', `/api/v1/incidents/${incident.id}/notes`, { token, body: { body: `Checked host ${i}` } });
    }
    const html = await (await server.request('GET', `/api/v1/incidents/${incident.id}/report.html`, { token })).text();
    const page = await (await browser.newContext()).newPage();
    await page.setContent(html);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 3, `${pages} pages`);
    const text = pdfText(pdf).replace(/\s+/g, '');
    assert.ok(text.split('TLP:AMBER·EXERCISE').length - 1 >= pages * 2, 'top and bottom of each page');
    for (let n = 1; n <= pages; n++) assert.ok(text.includes(`page${n}of${pages}`), `page ${n}`);
  });
});

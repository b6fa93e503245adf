import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, fillFirstAdminSetup, launchBrowser, newContext, watchPage } from './browser.ts';

// The main journey through the web UI: first setup, report, DP1, an incident manager, classification, DP2, milestones,
// recovery, review and close — while a second signed-in browser watches the incident change live.

const SHOTS = process.env.MUSTER_E2E_SCREENSHOTS; // a directory: save a screenshot at each step
const unavailable = browserUnavailable();

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The badge in the incident header; waits until it reads `label`. */
async function waitForStatus(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid="incident-status"]', { hasText: label }).waitFor();
}

function timeline(page: Page): Locator {
  return page.getByRole('list', { name: 'Timeline' });
}

async function waitForTimelineText(page: Page, text: string): Promise<void> {
  await timeline(page).getByText(text).first().waitFor();
}

/** Clicks a lifecycle button, writes the reason in the modal and confirms with the same label. */
async function transition(page: Page, label: string, reason?: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (reason) await dialog.getByRole('textbox', { name: /Reason/ }).fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('incident journey in the browser', { skip: unavailable ?? false }, () => {
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

  it('takes an incident from report to close, and a second browser sees it live', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const contextA = await newContext(browser, server.url);
    const pageA = await contextA.newPage();
    const problemsA = watchPage(pageA);

    // First setup: create the administrator, who is signed in and lands on the (empty) incident list.
    await fillFirstAdminSetup(pageA, server.setupToken);
    await shot(pageA, '01-setup');
    await pageA.getByRole('button', { name: 'Create administrator' }).click();
    await pageA.getByRole('heading', { name: 'Incidents' }).waitFor();
    await pageA.getByText('No incidents yet').waitFor();
    assert.equal(new URL(pageA.url()).pathname, '/');
    await shot(pageA, '02-empty-list');

    // Report an incident; Enter in the title field submits the form.
    await pageA.getByRole('link', { name: 'Report the first incident' }).click();
    await pageA.getByLabel('Title').fill('Ransomware note on file server FS-02');
    await pageA.getByLabel('Description').fill('Users see **encrypted** files on the finance share.');
    await shot(pageA, '03-report-form');
    await pageA.getByLabel('Title').press('Enter');
    await pageA.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
    const incidentPath = new URL(pageA.url()).pathname;
    await waitForStatus(pageA, 'Reported');
    await pageA.getByRole('heading', { name: 'Ransomware note on file server FS-02' }).waitFor();
    await waitForTimelineText(pageA, 'reported the incident');

    // A second browser signs in through the login page and keeps the incident open, never reloading.
    const contextB = await newContext(browser, server.url);
    const pageB = await contextB.newPage();
    const problemsB = watchPage(pageB);
    await pageB.goto(incidentPath);
    await pageB.waitForURL(/\/login/);
    await pageB.getByLabel('E-mail').fill(ADMIN.email);
    await pageB.getByLabel(/^Password/).fill(ADMIN.password);
    await pageB.getByRole('button', { name: 'Sign in' }).click();
    await pageB.waitForURL((url) => url.pathname === incidentPath);
    await waitForStatus(pageB, 'Reported');
    await pageB.locator('[data-live-status="live"]').waitFor();
    await pageB.evaluate(() => {
      (window as unknown as { musterNotReloaded: boolean }).musterNotReloaded = true;
    });

    // DP1: it is an incident. B sees the new stage arrive.
    await transition(pageA, 'Confirm incident (DP1)', 'Ransom note confirmed on FS-02 by IT operations');
    await waitForStatus(pageA, 'Assessing');
    await waitForStatus(pageB, 'Assessing');
    await waitForTimelineText(pageB, 'decided at DP1: this is an incident');

    // DP2 is blocked until someone leads the response and the incident is classified.
    const startResponse = pageA.getByRole('button', { name: 'Start response (DP2)' });
    assert.equal(await startResponse.getAttribute('aria-disabled'), 'true');
    await pageA
      .getByText('Assign an incident manager and set the category and the C/I/A impact before starting the response (DP2)')
      .first()
      .waitFor();

    // Ada takes the incident manager's role on the Roles card.
    const manager = pageA.getByRole('region', { name: 'Roles' }).locator('li[data-role="incident-manager"]');
    await manager.getByRole('button', { name: 'Assign the incident manager' }).click();
    await manager.getByRole('combobox', { name: 'Person to be the incident manager' }).pressSequentially('Ada');
    await manager.getByRole('combobox', { name: 'Person to be the incident manager' }).press('Enter');
    await waitForTimelineText(pageB, 'took on the role of incident manager');
    await pageA.getByText('Set the category and the C/I/A impact before starting the response (DP2)').first().waitFor();

    // Classify: category and C/I/A impact through the details form.
    await pageA.getByRole('button', { name: 'Edit details' }).click();
    const edit = pageA.getByRole('dialog', { name: /^Edit INC-/ });
    await edit.waitFor();
    const category = edit.getByRole('combobox', { name: 'Category' });
    await category.click();
    await category.fill('Infected');
    await pageA.getByRole('option', { name: 'Infected system' }).click();
    for (const [dimension, level] of [
      ['Confidentiality', 'High'],
      ['Integrity', 'High'],
      ['Availability', 'Medium'],
    ]) {
      await edit.getByRole('radiogroup', { name: dimension }).getByText(level, { exact: true }).click();
    }
    await shot(pageA, '04-edit-details');
    await edit.getByRole('button', { name: 'Save details' }).click();
    await edit.waitFor({ state: 'hidden' });
    await waitForTimelineText(pageA, 'changed category and impact');
    await pageA.getByTestId('severity-note').getByText('derived from C/I/A').waitFor();

    // DP2: start the response.
    await transition(pageA, 'Start response (DP2)', 'Critical: finance data encrypted, possible exfiltration');
    await waitForStatus(pageA, 'Responding');
    await waitForStatus(pageB, 'Responding');

    // A note written with Ctrl+Enter appears, rendered as Markdown, in both browsers.
    const note = pageA.getByRole('textbox', { name: 'Add a note' });
    await note.fill('Isolated **FS-02** from the network at 09:05');
    await note.press('Control+Enter');
    await timeline(pageA).locator('strong', { hasText: 'FS-02' }).waitFor();
    await timeline(pageB).locator('strong', { hasText: 'FS-02' }).waitFor();
    assert.equal(await note.inputValue(), '', 'the composer is cleared after sending');

    // Milestones and the rest of the lifecycle.
    await pageA.getByRole('button', { name: 'Record contained' }).click();
    await waitForTimelineText(pageA, 'recorded the incident as contained');
    await transition(pageA, 'Start recovery');
    await waitForStatus(pageA, 'Recovering');
    await pageA.getByRole('button', { name: 'Record resolved' }).click();
    await waitForTimelineText(pageA, 'recorded the incident as resolved');
    await transition(pageA, 'Start review');
    await waitForStatus(pageA, 'Reviewing');
    await shot(pageA, '05-reviewing');

    // The review opened by itself; a critical incident cannot close until it is completed (or waived).
    const review = pageA.getByRole('region', { name: 'Post-incident review' });
    await review.getByText('No clock was missed.').waitFor();
    const close = pageA.getByRole('button', { name: 'Close', exact: true });
    assert.equal(await close.getAttribute('aria-disabled'), 'true');
    await pageA
      .getByText(/needs its post-incident review before it closes/)
      .first()
      .waitFor();
    const lessons = review.getByRole('textbox', { name: /Lessons learned/ });
    await lessons.fill('Keep an offline copy of the finance share');
    await lessons.press('Control+Enter');
    await waitForTimelineText(pageB, 'updated the review: lessons learned');
    await review.getByRole('button', { name: 'Complete the review' }).click();
    await review.getByText('Completed', { exact: true }).waitFor();
    await shot(pageA, '05b-review-completed');
    await transition(pageA, 'Close', 'Review held; lessons recorded');
    await waitForStatus(pageA, 'Closed');
    await waitForStatus(pageB, 'Closed');
    await pageA.getByRole('button', { name: 'Reopen' }).waitFor();

    // Every step is on the timeline, oldest first, and the hash chain verifies.
    const expected = [
      'reported the incident',
      'decided at DP1: this is an incident',
      'moved the incident from Reported to Assessing',
      'took on the role of incident manager',
      'changed category and impact',
      'decided at DP2: classified, start the response',
      'moved the incident from Assessing to Responding',
      'added a note',
      'recorded the incident as contained',
      'moved the incident from Responding to Recovering',
      'recorded the incident as resolved',
      'moved the incident from Recovering to Reviewing',
      'opened the post-incident review',
      'updated the review: lessons learned',
      'completed the post-incident review',
      'moved the incident from Reviewing to Closed',
    ];
    for (const page of [pageA, pageB]) {
      await waitForTimelineText(page, 'moved the incident from Reviewing to Closed');
      const text = ((await timeline(page).textContent()) ?? '').replace(/\s+/g, ' ');
      let from = 0;
      for (const step of expected) {
        const at = text.indexOf(step, from);
        assert.ok(at >= 0, `timeline shows "${step}" after the previous step; it reads: ${text}`);
        from = at + step.length;
      }
      assert.match(text, /Ada Responder reported the incident/);
    }
    await pageA.getByText(`Timeline verified · ${expected.length} events`).waitFor();
    await pageB.getByText(`Timeline verified · ${expected.length} events`).waitFor();
    await shot(pageA, '06-closed');
    await shot(pageB, '07-live-browser');

    // B followed everything without a reload, and the list shows the closed incident.
    assert.equal(
      await pageB.evaluate(() => (window as unknown as { musterNotReloaded?: boolean }).musterNotReloaded),
      true,
      'the second browser was never reloaded',
    );
    await pageA.getByRole('link', { name: 'Incidents' }).click();
    const row = pageA.getByRole('row', { name: /Ransomware note on file server FS-02/ });
    await row.getByText('Closed').waitFor();
    await shot(pageA, '08-list');

    const unexpected = [...problemsA, ...problemsB].filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');
    await contextA.close();
    await contextB.close();
  });
});

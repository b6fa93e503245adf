import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// The Identify journey through the web UI: an administrator adds an alert source for a customer and copies its
// token from the page; Prometheus Alertmanager posts the same alert twice (a re-send: one occurrence) and a related
// one (same alert name, other instance) once; the triage page shows one group of 2 alerts and 2 occurrences, a
// responder opens an incident from it, and when Alertmanager sends the resolved notification the group and its
// alerts show as resolved, on the triage page and on the incident. Then a disk alert is dismissed from the
// keyboard, and on second thoughts attached to the same incident from the "Dismissed" list.

const CUSTOMER = { name: 'Fjordkraft Handel AS', code: 'FJORD', timeZone: 'Europe/Oslo' };
const SOURCE = 'Prometheus production';
const SUMMARY = 'Checkout error rate above 5 %';
const INCIDENT_TITLE = 'Checkout failing for customers';
const WEB_1 = { fingerprint: '6f1c2a9b8d7e4f30', instance: 'web-1:9100' };
const WEB_2 = { fingerprint: 'a24be1c0d93f7e15', instance: 'web-2:9100' };
const DISK = 'Disk almost full on db-1';
const DISMISS_REASON = 'Planned: the disk is being grown, change CHG-2041';

const unavailable = browserUnavailable();

const shot = screenshotter('triage');

const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();

/** One alert as Alertmanager puts it in a webhook notification. */
function amAlert(which: typeof WEB_1, status: 'firing' | 'resolved') {
  return {
    status,
    labels: {
      alertname: 'HighErrorRate',
      service: 'checkout',
      instance: which.instance,
      job: 'checkout-api',
      severity: 'critical',
    },
    annotations: { summary: SUMMARY, description: `5xx responses above 5 % on ${which.instance} for 5 minutes` },
    startsAt,
    endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.fjord.example:9090/graph?g0.expr=job%3Acheckout_errors%3Arate5m+%3E+0.05',
    fingerprint: which.fingerprint,
  };
}

/** Alertmanager's webhook payload, version 4, exactly as it sends it. */
function amPayload(status: 'firing' | 'resolved', alerts: ReturnType<typeof amAlert>[]) {
  return {
    receiver: 'muster',
    status,
    alerts,
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: { alertname: 'HighErrorRate', service: 'checkout', job: 'checkout-api', severity: 'critical' },
    commonAnnotations: { summary: SUMMARY },
    externalURL: 'http://alertmanager.fjord.example:9093',
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
  };
}

describe('triage journey in the browser', { skip: unavailable ?? false }, () => {
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

  /** What Alertmanager does: POST the notification with the source's token. */
  async function alertmanagerPosts(token: string, payload: unknown): Promise<void> {
    const res = await fetch(`${server.url}/api/v1/alerts/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const text = await res.text();
    assert.equal(res.status, 202, `POST /alerts/alertmanager: ${text}`);
  }

  it('groups Alertmanager alerts into one item, opens an incident from it and shows them resolved', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);

    // First setup in the browser; the customer through the API (the prepare journey covers doing it in the browser).
    await createFirstAdmin(page, server.setupToken);
    const res = await server.request('POST', '/api/v1/customers', {
      token: await server.userToken('admin', 'Setup script'),
      body: CUSTOMER,
    });
    assert.equal(res.status, 201, `POST /customers: ${await res.text()}`);

    // 1. Alert sources, from the account menu: none yet. Add one for the customer.
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Alert sources' }).click();
    await page.getByRole('heading', { name: 'Alert sources', level: 1 }).waitFor();
    await page.getByText('No alert sources yet').waitFor();
    await page.getByRole('button', { name: 'Add the first source' }).click();
    const create = page.getByRole('dialog', { name: 'New alert source' });
    await create.getByRole('textbox', { name: 'Name' }).fill(SOURCE);
    await create.getByRole('combobox', { name: 'Customer' }).click();
    await page.getByRole('option', { name: `${CUSTOMER.name} (${CUSTOMER.code})` }).click();
    await shot(page, '01-new-source');
    await create.getByRole('button', { name: 'Create source' }).click();
    await create.waitFor({ state: 'hidden' });

    // 2. The token, shown once, with the Alertmanager configuration to paste; read it from the page.
    const shown = page.getByRole('dialog', { name: `Token for ${SOURCE}` });
    await shown.getByText('The token is shown only once').waitFor();
    const token = await shown.getByRole('textbox', { name: 'Token' }).inputValue();
    assert.ok(token.length >= 32, `a token is shown: ${token}`);
    const receiver = await shown.getByLabel('Alertmanager configuration', { exact: true }).textContent();
    assert.match(receiver ?? '', new RegExp(`url: ${server.url}/api/v1/alerts/alertmanager`));
    assert.match(receiver ?? '', new RegExp(`credentials: ${token}`));
    await shot(page, '02-token');
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'hidden' });
    const sources = page.getByRole('table', { name: 'Alert sources' });
    await sources.getByText(SOURCE).waitFor();
    await sources.getByText('Never').waitFor();

    // 3. Alertmanager: web-1 fires (and is sent again at the next repeat interval), then web-2 fires too.
    await alertmanagerPosts(token, amPayload('firing', [amAlert(WEB_1, 'firing')]));
    await alertmanagerPosts(token, amPayload('firing', [amAlert(WEB_1, 'firing')]));
    await alertmanagerPosts(token, amPayload('firing', [amAlert(WEB_2, 'firing')]));

    // 4. Triage, from the main navigation with its badge: ONE group of 2 alerts and 2 occurrences, both firing (the
    // re-send of web-1 with the same startsAt is not a new occurrence).
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Triage, 1 waiting' }).click();
    await page.getByRole('heading', { name: 'Triage', level: 1 }).waitFor();
    const queue = page.getByRole('list', { name: 'Triage queue' });
    const entries = queue.locator('[data-triage-item]');
    await entries.first().waitFor();
    assert.equal(await entries.count(), 1, 'one group in the queue');
    const entry = entries.first();
    await entry.getByText(SUMMARY).waitFor();
    await entry.getByText(CUSTOMER.name).waitFor();
    await entry.getByText('2 alerts').waitFor();
    await entry.getByText('2 occurrences').waitFor();
    await entry.getByText('2 firing').waitFor();

    // The group is selected: its alerts, with their labels, counts and shortened fingerprints.
    const detail = page.locator('[data-triage-detail]');
    await detail.getByRole('heading', { name: SUMMARY }).waitFor();
    const alerts = detail.getByRole('table', { name: 'Alerts of this group' });
    const web1 = alerts.locator(`[data-alert-fingerprint="${WEB_1.fingerprint}"]`);
    const web2 = alerts.locator(`[data-alert-fingerprint="${WEB_2.fingerprint}"]`);
    await web1.getByText(`instance=${WEB_1.instance}`).waitFor();
    await web2.getByText(`instance=${WEB_2.instance}`).waitFor();
    assert.equal(await web1.locator('[data-alert-count]').textContent(), '1');
    assert.equal(await web2.locator('[data-alert-count]').textContent(), '1');
    assert.equal(await alerts.locator('[data-alert-status="firing"]').count(), 2);
    await shot(page, '03-queue');

    // 5. Open an incident from it: the title is prefilled from the group; change it and open.
    await detail.getByRole('button', { name: 'Open incident' }).click();
    const open = page.getByRole('dialog', { name: 'Open an incident' });
    const title = open.getByRole('textbox', { name: 'Title' });
    assert.equal(await title.inputValue(), SUMMARY);
    await title.fill(INCIDENT_TITLE);
    await shot(page, '04-open-incident');
    await title.press('Enter');
    await open.waitFor({ state: 'hidden' });
    const decided = detail.getByRole('link', { name: /^Go to INC-/ });
    await decided.waitFor();
    const incidentKey = ((await decided.textContent()) ?? '').replace('Go to ', '').trim();
    assert.match(incidentKey, /^INC-\d{4}-\d{4}$/);
    await page.getByText('Nothing to triage').waitFor();
    await nav.getByRole('link', { name: 'Triage', exact: true }).waitFor();
    await shot(page, '05-opened');

    // 6. Alertmanager sends the resolved notification for both alerts.
    await alertmanagerPosts(token, amPayload('resolved', [amAlert(WEB_1, 'resolved'), amAlert(WEB_2, 'resolved')]));

    // Under "Opened" (the page refreshes by itself): the group resolved, its alerts too, linked to the incident.
    await page.getByRole('radiogroup', { name: 'Which items' }).getByText('Opened').click();
    const opened = queue.locator('[data-triage-item]').first();
    await opened.getByText(incidentKey).waitFor();
    await opened.getByText('Resolved').waitFor({ timeout: 15_000 });
    await opened.click();
    await detail.locator('[data-resolved]').waitFor();
    await alerts.locator('[data-alert-status="resolved"]').nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await alerts.locator('[data-alert-status="firing"]').count(), 0, 'no alert fires any more');
    const clipped = await alerts
      .locator('[data-alert-status="resolved"] .mantine-Badge-label')
      .first()
      .evaluate((label) => label.scrollWidth > label.clientWidth);
    assert.equal(clipped, false, 'the status reads "Resolved" in full, not "RESOLV…"');
    await shot(page, '06-resolved');

    // 7. The incident: its "Alerts and reports" panel lists the group, resolved, with its counts.
    await detail.getByRole('link', { name: `Go to ${incidentKey}` }).click();
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
    const panel = page.getByRole('region', { name: 'Alerts and reports' });
    await panel.getByRole('link', { name: SUMMARY }).waitFor();
    await panel.getByText('2 alerts').waitFor();
    await panel.getByText('Resolved').waitFor();
    await page.getByRole('region', { name: 'Evidence' }).getByText('No evidence yet').waitFor();
    await page.getByText('reported the incident from an alert group').waitFor();
    await shot(page, '07-incident');

    // 8. A disk alert arrives; from the keyboard it is dismissed (d, a reason, Ctrl+Enter) as planned work.
    const disk = await fetch(`${server.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: DISK,
        status: 'firing',
        severity: 'high',
        labels: { alertname: 'DiskFull', instance: 'db-1' },
      }),
    });
    assert.equal(disk.status, 202, `POST /alerts: ${await disk.text()}`);
    await nav.getByRole('link', { name: 'Triage, 1 waiting' }).click();
    await detail.getByRole('heading', { name: DISK }).waitFor();
    await page.keyboard.press('d');
    const dismiss = page.getByRole('dialog', { name: `Dismiss “${DISK}”` });
    await dismiss.getByRole('textbox', { name: 'Why is it not an incident?' }).fill(DISMISS_REASON);
    await page.keyboard.press('Control+Enter');
    await dismiss.waitFor({ state: 'hidden' });
    await detail.locator('[data-dismissed]').waitFor();
    // The buttons that dismissed it are gone: the keyboard is on the item's heading, not lost on the page.
    await page.waitForFunction(() => document.activeElement?.id === 'triage-item-title');

    // 9. Second thoughts, under "Dismissed": attach it to the incident after all.
    await page.getByRole('radiogroup', { name: 'Which items' }).getByText('Dismissed').click();
    await queue.locator('[data-triage-item]').first().getByText(`Dismissed: ${DISMISS_REASON}`).waitFor();
    await detail.getByRole('heading', { name: DISK }).waitFor();
    const secondThoughts = detail.getByRole('group', { name: 'Second thoughts' });
    await secondThoughts.getByRole('button', { name: 'Open incident anyway' }).waitFor();
    await secondThoughts.getByRole('button', { name: 'Attach to incident' }).click();
    const attach = page.getByRole('dialog', { name: 'Attach to an incident' });
    await attach.getByText(`dismissed it: “${DISMISS_REASON}”`).waitFor();
    await attach.getByRole('combobox', { name: 'Incident' }).fill(incidentKey);
    await page.getByRole('option', { name: new RegExp(`^${incidentKey}`) }).click();
    await shot(page, '08-second-thoughts');
    await page.keyboard.press('Control+Enter');
    await attach.waitFor({ state: 'hidden' });
    const goTo = detail.getByRole('link', { name: `Go to ${incidentKey}` });
    await goTo.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Go to INC-'));

    // On the incident: both groups, and the attachment on the timeline counted like the group counts itself.
    await goTo.click();
    await panel.getByRole('link', { name: DISK }).waitFor();
    await page.getByText(`attached the alert group “${DISK}” (1 alert, 1 occurrence)`).waitFor();
    await shot(page, '09-incident-attached');

    const unexpected = problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');
    await context.close();
  });
});

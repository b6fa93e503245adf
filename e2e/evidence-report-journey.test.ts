import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { pdfText } from '../src/server/testing/pdf-text.ts';
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { customerWithLadder, postJson, startJourney, stopJourney } from './journey-setup.ts';

// Evidence that holds up, from collecting it to a report anyone can check: a responder uploads the firewall log with
// a progress bar, hands a copy to the customer, verifies it, asks the customer to preserve what only they hold (the
// customer confirms through the link in the e-mail), adds the attacker's address and the dropper's hash as
// observables, exports the signed PDF, and the command line says the export is valid.

const CUSTOMER = { name: 'Fjordkraft Data AS', code: 'FJRD', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@fjordkraft.example' };
const TITLE = 'VPN gateway brute-forced, file server encrypted';
const LOG = 'fw01-2026-12-01.log';
const HANDED_TO = 'Fjordkraft IT, Kari Nordmann';
const IP = '203.0.113.9';
const HASH = 'a3f5c2e8d9b1074f6e2a8c5d3b9f1e7a0c4d8b2f6e1a9c3d5b7f0e2a4c6d8b1f';
const run = promisify(execFile);

const unavailable = browserUnavailable();
const shot = screenshotter('evidence-report');

describe('evidence to signed report journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-evidence-report-'));

  before(async () => {
    ({ sink, server, browser } = await startJourney());
  });

  after(async () => {
    await stopJourney({ browser, server, sink });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the incident needs, set up through the API (the prepare journey does it in the browser). */
  async function prepare(token: string): Promise<string> {
    const post = (url: string, body: unknown) => postJson(server, token, url, body);
    const { customerId } = await customerWithLadder(server, token, { customer: CUSTOMER, contact: KARI });
    const incident = await post('/incidents', {
      title: TITLE,
      customerId,
      origin: 'attack',
      category: 'malicious-code/infected-system',
      tlp: 'TLP:AMBER',
    });
    return incident.key;
  }

  it('uploads, hands over, verifies, has the customer preserve, adds observables, and exports a report that verifies', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const key = await prepare(await server.userToken('admin', 'Setup script'));
      await page.goto(`/incidents/${key}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.locator('[data-live-status="live"]').waitFor();
      const timeline = page.getByRole('region', { name: 'Timeline' });

      // 1. The firewall log goes up with a progress bar (the upload is slowed so the bar is seen moving).
      const evidence = page.getByRole('region', { name: 'Evidence' });
      await evidence.getByRole('button', { name: 'Add evidence' }).click();
      const lines = Array.from(
        { length: 60_000 },
        (_, i) => `2026-12-01T03:${String(i % 60).padStart(2, '0')} DENY ${IP} → 10.0.0.${i % 250}:445`,
      );
      const bytes = Buffer.concat([Buffer.from(lines.join('\n')), randomBytes(1024)]);
      const transfer = await page.evaluateHandle(
        ({ name, data }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
          return dt;
        },
        { name: LOG, data: bytes.toString('base64') },
      );
      await evidence.getByText(/^Drop a file here \(up to 2 GiB\)$/).dispatchEvent('drop', { dataTransfer: transfer });
      await evidence.getByLabel('Source').fill('Exported from the customer’s firewall fw01');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const throttle = (uploadThroughput: number) =>
        cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput });
      await throttle(1024 * 1024);
      await evidence.getByRole('button', { name: 'Add as evidence' }).click();
      await evidence.getByRole('progressbar', { name: 'Upload progress' }).waitFor();
      await evidence.getByText(/^Uploading .* \(\d+%\)$/).waitFor();
      await shot(page, '01-uploading', false);
      const row = evidence.locator('tr[data-evidence-id]', { hasText: LOG });
      await row.waitFor({ timeout: 30_000 });
      await throttle(-1);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await timeline.getByText(new RegExp(`added evidence ${LOG.replaceAll('.', '\\.')} .*SHA-256`)).waitFor();

      // 2. A copy is handed to the customer: a custody step.
      await row.getByRole('button', { name: '1 step' }).click();
      const custody = evidence.getByRole('region', { name: `Chain of custody of ${LOG}` });
      const form = custody.getByRole('form', { name: `Record custody of ${LOG}` });
      await form.getByPlaceholder('Whom it went to').fill(HANDED_TO);
      await form.getByLabel('Note', { exact: true }).fill('A copy on the customer’s share, for their own analysis');
      await form.getByRole('button', { name: 'Record' }).click();
      await custody.locator('tr[data-custody-action="transferred"]', { hasText: `to ${HANDED_TO}` }).waitFor();

      // 3. Verified: the stored bytes are the ones collected.
      await form.getByRole('button', { name: 'Verify' }).click();
      await custody.getByRole('status').filter({ hasText: 'Bytes intact' }).waitFor();
      await shot(page, '02-custody', false);

      // 4. The customer is asked to preserve what only they hold, and confirms through the link in the e-mail.
      const preservation = page.getByRole('region', { name: 'Preservation' });
      await preservation.getByRole('button', { name: 'Ask the customer to preserve…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ask the customer to preserve evidence' });
      await dialog.getByRole('textbox', { name: 'Item 1' }).waitFor();
      while ((await dialog.getByRole('textbox', { name: /^Item \d+$/ }).count()) > 2) {
        await dialog.getByRole('button', { name: 'Remove item 3' }).click();
      }
      const items = [
        await dialog.getByRole('textbox', { name: 'Item 1' }).inputValue(),
        await dialog.getByRole('textbox', { name: 'Item 2' }).inputValue(),
      ];
      await dialog.getByRole('button', { name: 'Send to the customer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const [mail] = await sink.waitFor(1, 15_000);
      assert.equal(mail.to[0], KARI.email);
      const link = mail.text.match(/https?:\/\/\S+\/preserve\/\S+/)?.[0];
      assert.ok(link, `the mail carries the preservation link: ${mail.text}`);
      const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
      const answer = await customer.newPage();
      await answer.goto(link);
      await answer.getByRole('heading', { name: 'Please preserve evidence' }).waitFor();
      await answer.getByRole('textbox', { name: 'Your name (optional)' }).fill(KARI.name);
      for (const item of items) {
        const group = answer.getByRole('group', { name: item });
        await group.getByRole('radio', { name: 'Preserved' }).check();
        await group.getByRole('textbox', { name: 'Where it is kept (optional)' }).fill('Evidence safe, Oslo office');
      }
      await answer.getByRole('button', { name: 'Send all answers chosen' }).click();
      await answer.getByRole('heading', { name: /Thank you: your 2 answers reached the team/ }).waitFor();
      await customer.close();
      await preservation.getByText('2 items to preserve: 2 preserved').waitFor();
      await shot(page, '03-preserved', false);

      // 5. Observables: the attacker's address (pasted defanged) and the dropper's hash.
      const observables = page.getByRole('region', { name: 'Observables' });
      const value = observables.getByRole('textbox', { name: 'Value' });
      await value.fill('203.0.113[.]9');
      await observables.getByText(`Saved as IPv4 address ${IP}`).waitFor();
      await value.press('Enter');
      await observables.locator(`[data-observable="${IP}"]`).waitFor();
      await value.fill(HASH.toUpperCase());
      await value.press('Enter');
      await observables.locator(`[data-observable="${HASH}"]`).waitFor();

      // 6. The signed PDF, downloaded from the incident page; it shows what happened, marked TLP:AMBER.
      await page.getByRole('button', { name: 'Export report' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByRole('menuitem', { name: 'PDF' }).click(),
      ]);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      if (process.env.MUSTER_E2E_SCREENSHOTS)
        fs.copyFileSync(file, path.join(process.env.MUSTER_E2E_SCREENSHOTS, 'evidence-report.pdf'));
      const text = pdfText(fs.readFileSync(file)).replace(/\s+/g, ' ');
      for (const expected of [TITLE, 'TLP:AMBER', LOG, sha256, HANDED_TO]) {
        assert.ok(text.replace(/\s/g, '').includes(expected.replace(/\s/g, '')), `the PDF shows ${expected}`);
      }
      await timeline.getByText(/exported the incident report as PDF/).waitFor();
      await shot(page, '04-exported', false);

      // 7. The command line checks the file with the key the installation publishes.
      const cli = await run(process.execPath, [
        'src/main.ts',
        'verify-export',
        file,
        '--key-url',
        `${server.url}/api/v1/signing-key`,
      ]);
      assert.match(cli.stdout, /^VALID: .* signed Muster PDF export/);
      const tampered = Buffer.from(fs.readFileSync(file));
      tampered[Math.floor(tampered.length / 2)] ^= 0x01;
      fs.writeFileSync(`${file}.changed.pdf`, tampered);
      await assert.rejects(
        run(process.execPath, [
          'src/main.ts',
          'verify-export',
          `${file}.changed.pdf`,
          '--key-url',
          `${server.url}/api/v1/signing-key`,
        ]),
        (error: { code: number; stdout: string }) => error.code === 1 && /^INVALID/.test(error.stdout),
      );
      assert.deepEqual(
        problems.filter((p) => !/401|Unauthorized/.test(p)),
        [],
        'no errors in the browser console',
      );
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

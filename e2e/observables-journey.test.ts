import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// Observables: on a phishing incident a responder pastes a defanged IP and a hash, sees the IP was already seen in
// another incident of the customer and follows the link there, has a bad hash refused with the reason, tags the IP,
// and downloads the incident as a STIX bundle.

const IP = '203.0.113.9';
const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TITLE = 'Invoice mails with a fake login page';
const EARLIER = 'Scan of the VPN gateway';

const unavailable = browserUnavailable();
const shot = screenshotter('observables');

describe('observables journey in the browser', { skip: unavailable ?? false }, () => {
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

  /** Through the API: a customer with an earlier incident where the IP was seen, and today's incident. */
  async function prepare(token: string) {
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.ok(res.ok, `${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await call('POST', '/customers', { name: 'Vestfold Vann IKS', code: 'VVI', timeZone: 'Europe/Oslo' });
    const earlier = await call('POST', '/incidents', { title: EARLIER, customerId: customer.id });
    await call('POST', `/incidents/${earlier.id}/observables`, { value: IP, tags: ['scanner'] });
    const today = await call('POST', '/incidents', { title: TITLE, customerId: customer.id, category: 'fraud/phishing' });
    return { earlier: earlier.key as string, today: today.key as string };
  }

  it('adds an IP and a hash, shows where else the IP was seen, and downloads STIX', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await createFirstAdmin(page, server.setupToken);
      const keys = await prepare(await server.userToken('admin', 'Setup script'));

      // 1. Nothing yet: the panel says what observables are for.
      await page.goto(`/incidents/${keys.today}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      const panel = page.getByRole('region', { name: 'Observables' });
      await panel.getByText('No observables yet').waitFor();

      // 2. A defanged IP pasted: the form shows what will be stored; Enter adds it.
      const value = panel.getByRole('textbox', { name: 'Value' });
      await value.fill('203.0.113[.]9');
      await panel.getByText(`Saved as IPv4 address ${IP}`).waitFor();
      await value.press('Enter');
      const ipRow = panel.locator(`[data-observable="${IP}"]`);
      await ipRow.waitFor();
      await ipRow.getByText('TLP:AMBER').waitFor();

      // 3. It was seen before in the other incident: the link leads there.
      const seen = ipRow.getByRole('button', { name: 'Seen in 1 other incident' });
      await seen.click();
      await page.getByRole('link', { name: keys.earlier }).waitFor();
      await page.getByText(EARLIER).waitFor();
      await shot(page, 'sightings', false);
      await page.keyboard.press('Escape');

      // 4. A hash with the wrong length is refused with the reason; fixed, it is added with a tag, by keyboard.
      await panel.getByRole('textbox', { name: 'Value' }).fill(HASH.slice(0, 40).toUpperCase().replace(/.$/, 'G'));
      await panel.getByLabel('Type', { exact: true }).click();
      await page.getByRole('option', { name: 'SHA-256 hash' }).click();
      await value.press('Enter');
      await panel.getByText(/Not a SHA-256 hash/).waitFor();
      await value.fill(HASH.toUpperCase());
      const tags = panel.getByLabel('Tags', { exact: true });
      await tags.fill('dropper');
      await tags.press('Enter');
      await value.press('Enter');
      const hashRow = panel.locator(`[data-observable="${HASH}"]`);
      await hashRow.waitFor();
      await hashRow.getByText('dropper').waitFor();
      await hashRow.getByText('Not seen in other incidents').waitFor();

      // 5. The IP's tags and TLP are changed in its dialog; the timeline says what changed.
      await ipRow.getByRole('button', { name: `Edit ${IP}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit IPv4 address' });
      const editTags = dialog.getByLabel('Tags', { exact: true });
      await editTags.fill('scanner');
      await editTags.press('Enter');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await ipRow.getByText('scanner').waitFor();

      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.getByText(`changed the IPv4 address ${IP}`).waitFor();
      await timeline.getByText(`added the IPv4 address ${IP}`).waitFor();
      await timeline.getByText(`added the SHA-256 hash ${HASH}`).waitFor();
      await shot(page, 'panel');

      // 6. The STIX bundle downloads with an indicator for each.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('link', { name: 'Download STIX' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `${keys.today}.stix.json`);
      const bundle = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'));
      assert.equal(bundle.type, 'bundle');
      assert.deepEqual(
        bundle.objects
          .filter((o: { type: string }) => o.type === 'indicator')
          .map((o: { pattern: string }) => o.pattern)
          .sort(),
        [`[file:hashes.'SHA-256' = '${HASH}']`, `[ipv4-addr:value = '${IP}']`],
      );

      // 7. The other incident shows the sighting back.
      await page.goto(`/incidents/${keys.earlier}`);
      const back = page.getByRole('region', { name: 'Observables' }).locator(`[data-observable="${IP}"]`);
      await back.getByRole('button', { name: 'Seen in 1 other incident' }).waitFor();
      assert.deepEqual(problems, []);
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\n${problems.join('\n')}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SmtpSink } from '../src/server/testing/smtp-sink.ts';
import type { TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { customerWithLadder, postJson, startJourney, stopJourney } from './journey-setup.ts';

// The customer preserves evidence: a responder asks from the incident page with the ransomware playbook's list,
// edited (one reworded, some removed, one added), the customer's contact opens the link from the e-mail in a browser
// without JavaScript or an account, confirms one item on its own and the rest together (one cannot be preserved),
// and the incident page shows each item's state and the request's chain of custody.

const CUSTOMER = { name: 'Fjordkraft Data AS', code: 'FJRD', timeZone: 'Europe/Oslo' };
const KARI = { name: 'Kari Nordmann', email: 'kari.nordmann@fjordkraft.example' };
const INCIDENT_TITLE = 'File server encrypted by ransomware';
const DISKS = 'Disk images of FS01 and FS02, before anything is rebuilt';
const MEMORY = 'Memory images of affected hosts that are still running, taken before they are shut down';
const NOTE = 'The ransom note and a few encrypted sample files';
const BADGES = 'Badge logs of the server room';
const SAFE = 'Evidence safe, Oslo office';
const WHY = 'The badge system keeps 7 days only: already gone';

const unavailable = browserUnavailable();

const shot = screenshotter('preservation');

describe('preservation journey in the browser', { skip: unavailable ?? false }, () => {
  let sink: SmtpSink;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    ({ sink, server, browser } = await startJourney());
  });

  after(async () => {
    await stopJourney({ browser, server, sink });
  });

  /** Sets up through the API (the prepare journey covers doing it in the browser): what the incident needs. */
  async function prepare(token: string): Promise<{ incidentKey: string }> {
    const post = (url: string, body: unknown) => postJson(server, token, url, body);
    const { customerId } = await customerWithLadder(server, token, { customer: CUSTOMER, contact: KARI });
    const incident = await post('/incidents', {
      title: INCIDENT_TITLE,
      customerId,
      origin: 'attack',
      category: 'malicious-code/infected-system',
    });
    return { incidentKey: incident.key };
  }

  it('asks with an edited list; the customer confirms through the link; the incident shows the items preserved', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await createFirstAdmin(page, server.setupToken);
    const { incidentKey } = await prepare(await server.userToken('admin', 'Setup script'));

    // 1. The panel explains; the dialog starts with the ransomware playbook's list, which the responder edits.
    await page.goto(`/incidents/${incidentKey}`);
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const panel = page.getByRole('region', { name: 'Preservation' });
    await panel.getByText('Nothing asked to preserve yet').waitFor();
    await panel.getByRole('button', { name: 'Ask the customer to preserve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ask the customer to preserve evidence' });
    await dialog.getByText(/Suggested by the playbook Ransomware/).waitFor();
    const first = dialog.getByRole('textbox', { name: 'Item 1' });
    assert.match(await first.inputValue(), /^Disk images of the encrypted and affected hosts/);
    await first.fill(DISKS);
    while ((await dialog.getByRole('textbox', { name: /^Item \d+$/ }).count()) > 3) {
      await dialog.getByRole('button', { name: 'Remove item 4' }).click();
    }
    await dialog.getByRole('button', { name: 'Add an item' }).click();
    await dialog.getByRole('textbox', { name: 'Item 4' }).fill(BADGES);
    await dialog.getByLabel('Keep until').fill('2099-12-31');
    await shot(page, '01-ask', false);
    await dialog.getByRole('button', { name: 'Send to the customer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const request = panel.getByRole('article').first();
    await request.getByText('Waiting for the customer').waitFor();
    await request.getByText('4 items to preserve: 4 waiting').waitFor();
    await shot(page, '02-asked');

    // 2. Kari gets the e-mail with the list and the link; she opens it without an account and without JavaScript.
    const [mail] = await sink.waitFor(1, 10_000);
    assert.equal(mail.to[0], KARI.email);
    assert.match(mail.text, /keep it at least until 2099-12-31:\n1\. Disk images of FS01 and FS02/);
    assert.match(mail.text, /4\. Badge logs of the server room/);
    const link = mail.text.match(/https?:\/\/\S+\/preserve\/\S+/)?.[0];
    assert.ok(link, `the mail carries the preservation link: ${mail.text}`);
    const customer = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
    });
    const form = await customer.newPage();
    await form.goto(link);
    await form.getByRole('heading', { name: 'Please preserve evidence' }).waitFor();
    await shot(form, '03-customer-form');

    // One item on its own button, then the rest together.
    const disks = form.getByRole('group', { name: DISKS });
    await disks.getByRole('radio', { name: 'Preserved' }).check();
    await disks.getByRole('textbox', { name: 'Where it is kept (optional)' }).fill(SAFE);
    await disks.getByRole('button', { name: 'Send this answer' }).click();
    await form.getByRole('heading', { name: /Thank you: your answer reached the team/ }).waitFor();
    await form.getByText('3 items are still waiting for your answer.').waitFor();
    await form.getByRole('link', { name: 'Answer the rest' }).click();
    await form.getByRole('heading', { name: 'Please preserve evidence' }).waitFor();
    await form.getByRole('textbox', { name: 'Your name (optional)' }).fill(KARI.name);
    await form.getByRole('group', { name: MEMORY }).getByRole('radio', { name: 'Preserved' }).check();
    await form.getByRole('group', { name: NOTE }).getByRole('radio', { name: 'Preserved' }).check();
    const badges = form.getByRole('group', { name: BADGES });
    await badges.getByRole('radio', { name: 'Cannot preserve' }).check();
    await badges.getByRole('textbox', { name: /^Note/ }).fill(WHY);
    await form.getByRole('button', { name: 'Send all answers chosen' }).click();
    await form.getByRole('heading', { name: /Thank you: your 3 answers reached the team/ }).waitFor();
    await form.getByText(/Every item is answered/).waitFor();
    await shot(form, '04-customer-thanks');
    await customer.close();

    // 3. The answers arrive live on the card, each item with its state, and the chain of custody behind them.
    await request.getByText('All items answered').waitFor();
    await request.getByText('4 items to preserve: 3 preserved, 1 cannot').waitFor();
    const items = request.getByRole('list', { name: 'Items to preserve' });
    const disksItem = items.getByRole('listitem', { name: DISKS });
    await disksItem.getByText('Preserved', { exact: true }).waitFor();
    await disksItem.getByText(new RegExp(`at ${SAFE}`)).waitFor();
    const badgesItem = items.getByRole('listitem', { name: BADGES });
    await badgesItem.getByText('Cannot preserve', { exact: true }).waitFor();
    await badgesItem.getByText(new RegExp(WHY)).waitFor();
    await request.getByText('Acknowledged').waitFor();
    await request.getByRole('button', { name: /Chain of custody \(8 steps\)/ }).click();
    const log = request.getByRole('table', { name: 'Chain of custody' });
    assert.equal(await log.getByRole('row').count(), 9, 'a header and 8 steps: 4 asked, 4 answered');
    await log.getByRole('row').filter({ hasText: `Kari Nordmann (through a link)` }).first().waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(/answered the preservation request: 2 preserved, 1 cannot preserve/).waitFor();
    await timeline.getByText(/asked the customer to preserve 4 items/).waitFor();
    await shot(page, '05-preserved');

    assert.deepEqual(
      problems.filter((p) => !/401|Unauthorized/.test(p)),
      [],
      'no errors in the browser console',
    );
    await context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// The Prepare journey through the web UI: first setup, a customer with a service and its connections, contacts
// and their channels, a PACE ladder that warns about shared infrastructure, GDPR Art. 33 switched on, the plan
// published and its offline kit exported — then an incident for that customer, whose plan panel runs the GDPR
// clock and lists the service's connections to check.

const CUSTOMER = { name: 'Nordlys Energi AS', code: 'NORD' };
const SERVICE = 'Customer portal';
const CONNECTIONS = [
  {
    target: 'db01.nordlys.internal',
    direction: 'Outbound (to the target)',
    protocol: 'PostgreSQL/5432',
    account: 'svc-portal',
    purpose: 'Customer accounts and meter readings',
  },
  {
    target: 'Nordlys billing (SAP)',
    direction: 'Both ways',
    protocol: 'SFTP/22',
    account: 'sftp-billing (key in vault)',
    purpose: 'Nightly invoice export',
  },
];
const CONTACT = { name: 'Kari Nordmann', role: 'Customer contact point' };
const EMAIL_1 = 'kari.nordmann@nordlys.example';
const EMAIL_2 = 'soc@nordlys.example';
const SMS = '+47 912 34 567';
const AUTHORITY = { name: 'Datatilsynet', role: 'Supervisory authority', email: 'postkasse@datatilsynet.example' };
const MANUAL = 'Drive to the Nordlys control room at Sandvika and ask for the duty engineer';
const GDPR = {
  name: 'GDPR: notify the supervisory authority of a personal data breach',
  citation: 'GDPR (EU) 2016/679 Art. 33(1) and (3)',
};
const INCIDENT_TITLE = 'Customer records exported from the portal database';

const unavailable = browserUnavailable();

const shot = screenshotter('prepare');

/** Opens a Mantine select (or multi-select), types to narrow it and clicks the option. */
async function choose(page: Page, field: Locator, option: string | RegExp, typed?: string): Promise<void> {
  await field.click();
  if (typed) await field.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

/** A customer page tab, by its name; waits until it is the selected one. */
async function openTab(page: Page, name: string): Promise<void> {
  const tabs = page.getByRole('tablist', { name: 'Customer sections' });
  await tabs.getByRole('tab', { name }).click();
  await tabs.getByRole('tab', { name, selected: true }).waitFor();
}

/** The text from `start` (which must be there) up to the first `end` after it. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `"${start}" is in the text`);
  const to = text.indexOf(end, from + start.length);
  return text.slice(from, to < 0 ? undefined : to);
}

/** "YYYY-MM-DDTHH:mm" for a datetime-local input: the wall-clock time of `at` in `timeZone`. */
function localInput(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('prepare journey in the browser', { skip: unavailable ?? false }, () => {
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

  it('prepares a customer, publishes and exports its plan, and an incident works from it', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);

    // 1. First setup: the administrator is created and signed in.
    await createFirstAdmin(page, server.setupToken);

    // 2. Customers → create the first customer; it opens on its Services tab.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByText('No customers yet').waitFor();
    await shot(page, '01-no-customers');
    await page.getByRole('button', { name: 'Create the first customer' }).click();
    const newCustomer = page.getByRole('dialog', { name: 'New customer' });
    await newCustomer.waitFor();
    await newCustomer.getByRole('textbox', { name: 'Name' }).fill(CUSTOMER.name);
    await newCustomer.getByRole('textbox', { name: 'Code' }).fill(CUSTOMER.code.toLowerCase());
    assert.equal(await newCustomer.getByRole('textbox', { name: 'Code' }).inputValue(), CUSTOMER.code, 'the code is upper-cased');
    await newCustomer.getByRole('textbox', { name: 'Description' }).fill('Power distribution; we run the customer portal.');
    await choose(page, newCustomer.getByRole('combobox', { name: 'Time zone' }), /^Europe\/Oslo/, 'Oslo');
    await shot(page, '02-new-customer');
    await newCustomer.getByRole('button', { name: 'Create customer' }).click();
    await newCustomer.waitFor({ state: 'hidden' });
    await page.waitForURL(/\/customers\/[^/?]+\?tab=services$/);
    const customerPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: CUSTOMER.name, level: 1 }).waitFor();
    await page.getByText('Europe/Oslo', { exact: true }).waitFor();

    // 3. A service with two connections (target, direction, protocol/port, account, purpose).
    await page.getByRole('button', { name: 'Add the first service' }).click();
    const newService = page.getByRole('dialog', { name: 'New service' });
    await newService.waitFor();
    await newService.getByRole('textbox', { name: 'Name' }).fill(SERVICE);
    await newService.getByRole('textbox', { name: 'Owner' }).fill('Team Atlas');
    await choose(page, newService.getByRole('combobox', { name: 'Criticality' }), 'High');
    await newService.getByRole('switch', { name: 'Holds personal data' }).check();
    for (const [i, connection] of CONNECTIONS.entries()) {
      const n = i + 1;
      await newService.getByRole('button', { name: 'Add connection' }).click();
      const target = newService.getByRole('textbox', { name: `Target of connection ${n}` });
      await target.waitFor();
      await target.fill(connection.target);
      await choose(page, newService.getByRole('combobox', { name: `Direction of connection ${n}` }), connection.direction);
      await newService.getByRole('textbox', { name: `Protocol and port of connection ${n}` }).fill(connection.protocol);
      await newService.getByRole('textbox', { name: `Account or credential of connection ${n}` }).fill(connection.account);
      await newService.getByRole('textbox', { name: `Purpose of connection ${n}` }).fill(connection.purpose);
    }
    await shot(page, '03-new-service');
    await newService.getByRole('button', { name: 'Add service' }).click();
    await newService.waitFor({ state: 'hidden' });
    const serviceRow = page.getByRole('table', { name: 'Services' }).getByRole('row', { name: new RegExp(SERVICE) });
    await serviceRow.getByText('2 connections').waitFor();
    await serviceRow.getByText('High', { exact: true }).waitFor();
    await shot(page, '04-services');

    // 4. Contacts: the customer's contact point with two e-mail channels on one domain and an SMS channel,
    //    every channel tested now; and the supervisory authority, to receive the GDPR notification.
    await openTab(page, 'Contacts');
    await page.getByRole('button', { name: 'Add the first contact' }).click();
    let contactDialog = page.getByRole('dialog', { name: 'New contact' });
    await contactDialog.waitFor();
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill(CONTACT.name);
    await contactDialog.getByRole('textbox', { name: 'Role' }).fill(CONTACT.role);
    await contactDialog.getByRole('textbox', { name: 'Organisation' }).fill(CUSTOMER.name);
    const channels: [string, string][] = [
      ['E-mail', EMAIL_1],
      ['E-mail', EMAIL_2],
      ['SMS', SMS],
    ];
    for (const [i, [type, address]] of channels.entries()) {
      const n = i + 1;
      // A new contact starts with one (e-mail) channel; the others are added.
      if (n > 1) await contactDialog.getByRole('button', { name: 'Add channel' }).click();
      const channel = contactDialog.getByRole('listitem', { name: `Channel ${n}` });
      await channel.waitFor();
      if (type !== 'E-mail') await choose(page, channel.getByRole('combobox', { name: `Type of channel ${n}` }), type);
      const addressLabel = type === 'SMS' ? 'Mobile number' : 'E-mail address';
      await channel.getByRole('textbox', { name: `${addressLabel} of channel ${n}` }).fill(address);
      await channel.getByRole('button', { name: `Mark channel ${n} as tested now` }).click();
      await channel.getByRole('switch', { name: `Verified, channel ${n}` }).check();
    }
    await shot(page, '05-new-contact');
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await contactDialog.waitFor({ state: 'hidden' });
    const kari = page.getByRole('article', { name: CONTACT.name });
    for (const address of [EMAIL_1, EMAIL_2, SMS]) await kari.getByText(address, { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Add contact' }).click();
    contactDialog = page.getByRole('dialog', { name: 'New contact' });
    await contactDialog.waitFor();
    await contactDialog
      .getByRole('radiogroup', { name: 'Kind of contact' })
      .getByText(/^A function/)
      .click();
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill(AUTHORITY.name);
    await contactDialog.getByRole('textbox', { name: 'Role' }).fill(AUTHORITY.role);
    await contactDialog.getByRole('textbox', { name: 'E-mail address of channel 1' }).fill(AUTHORITY.email);
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await contactDialog.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: AUTHORITY.name }).getByText(AUTHORITY.email).waitFor();
    await shot(page, '06-contacts');

    // 5. PACE "Notify the customer": e-mail, second e-mail on the same domain, SMS, and a manual instruction.
    await openTab(page, 'PACE');
    const notify = page.getByRole('region', { name: 'Notify the customer' });
    await notify.getByRole('button', { name: 'Make a customer-specific ladder' }).click();
    const ladder = notify.getByRole('form', { name: 'Edit the ladder to notify the customer' });
    await ladder.waitFor();
    const rungs: [string, string | null][] = [
      ['Primary', EMAIL_1],
      ['Alternate', EMAIL_2],
      ['Contingency', SMS],
      ['Emergency', null],
    ];
    for (const [level, address] of rungs) {
      const rung = ladder.getByRole('group', { name: `${level} level` });
      const how = rung.getByRole('radiogroup', { name: `How the ${level.toLowerCase()} level reaches someone` });
      if (address === null) {
        await how.getByText('By hand', { exact: true }).click();
        await rung.getByRole('textbox', { name: `${level}: what a person must do` }).fill(MANUAL);
        continue;
      }
      if (level !== 'Primary') await how.getByText('Contact and channel', { exact: true }).click();
      await choose(page, rung.getByRole('combobox', { name: `${level}: contact` }), `${CONTACT.name} (${CONTACT.role})`);
      await choose(page, rung.getByRole('combobox', { name: `${level}: channel` }), new RegExp(address.replace(/[+.]/g, '\\$&')));
    }
    await shot(page, '07-ladder-form');
    await ladder.getByRole('button', { name: 'Create ladder' }).click();
    await ladder.waitFor({ state: 'hidden' });
    // The primary and alternate e-mails share their domain: one failure takes out both levels.
    const warnings = notify.getByRole('alert');
    await warnings.getByText('1 warning on this ladder').waitFor();
    await warnings.getByText('Shared infrastructure:').waitFor();
    await warnings.getByText(/Primary and Alternate levels both send e-mail to the domain nordlys\.example/).waitFor();
    const ladderTable = notify.getByRole('table', { name: 'Notify the customer: ladder' });
    for (const text of [EMAIL_1, EMAIL_2, SMS]) await ladderTable.getByText(new RegExp(text.replace(/[+.]/g, '\\$&'))).waitFor();
    await ladderTable.getByText(MANUAL).waitFor();
    await shot(page, '08-ladder-warning');

    // 6. Obligations: switch on GDPR Art. 33, see its citation and deadline, and name the authority as recipient.
    await openTab(page, 'Obligations');
    const gdpr = page.getByRole('article', { name: GDPR.name });
    // The switch follows the server: it shows on once the obligation is saved.
    const gdprSwitch = gdpr.getByRole('switch', { name: GDPR.name });
    await gdprSwitch.press('Space');
    await gdpr.getByText('Switched on', { exact: true }).waitFor();
    assert.equal(await gdprSwitch.isChecked(), true, 'the GDPR Art. 33 switch is on');
    await gdpr.getByText(GDPR.citation).waitFor();
    await gdpr
      .getByText(/72 hours after awareness/)
      .first()
      .waitFor();
    await choose(page, gdpr.getByRole('combobox', { name: 'Recipient contact' }), `${AUTHORITY.name} (${AUTHORITY.role})`);
    await page.getByText('Recipient saved.').waitFor();
    await page.getByText('1 switched on', { exact: true }).waitFor();
    await shot(page, '09-obligations');

    // 7. Plans: publish version 1, approved by the customer's CISO; it is in force with its SHA-256.
    await openTab(page, 'Plans');
    // The draft carries the ladder's warning into the plan.
    await page.getByText('1 PACE warning — fix it on the PACE tab before publishing, or publish and track it.').waitFor();
    const publish = page.getByRole('form', { name: 'Publish plan version' });
    await publish.getByRole('textbox', { name: 'Approved by' }).fill('Ingrid Berg, CISO at Nordlys');
    await publish.getByRole('button', { name: 'Publish plan version 1' }).click();
    // Publishing asks first; the first version freezes the whole draft.
    const confirmPublish = page.getByRole('dialog', { name: 'Publish plan version 1?' });
    await confirmPublish.getByText(/The first version/).waitFor();
    await confirmPublish.getByRole('button', { name: 'Publish version 1' }).click();
    const versions = page.getByRole('table', { name: 'Published plan versions' });
    const v1 = versions.getByRole('row', { name: /View version 1/ });
    await v1.getByText('In force').waitFor();
    await v1.getByText('approved by Ingrid Berg, CISO at Nordlys').waitFor();
    const shaLabel = (await v1.getByLabel(/^SHA-256 [0-9a-f]{64}$/).getAttribute('aria-label')) ?? '';
    const sha256 = shaLabel.replace('SHA-256 ', '');
    assert.match(sha256, /^[0-9a-f]{64}$/, 'version 1 shows its SHA-256');
    // Nothing changed since: no version 2 is offered.
    await page.getByText('Nothing changed since version 1').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Publish plan version 2' }).count(), 0);
    await shot(page, '10-published');

    // 8. The offline kit, fetched with the page's cookies from the links the page offers.
    const kitHref = await v1.getByRole('link', { name: 'Offline kit (HTML) of version 1' }).getAttribute('href');
    assert.ok(kitHref, 'the HTML kit link has an address');
    assert.ok(!kitHref.includes('timeZone'), 'the kit is printed in the customer’s zone, not the browser’s');
    await page.getByText('Times are printed in Europe/Oslo (the customer’s time zone)').first().waitFor();
    const kit = await page.request.get(new URL(kitHref, server.url).toString());
    assert.equal(kit.status(), 200);
    assert.match(kit.headers()['content-type'] ?? '', /^text\/html/);
    assert.equal(kit.headers()['x-plan-sha256'], sha256);
    const kitHtml = await kit.text();
    assert.ok(kitHtml.includes('<tr><th>Times in this binder</th><td>Europe/Oslo</td></tr>'));
    for (const text of [CUSTOMER.name, `plan v1 · SHA-256 ${sha256}`, SERVICE, ...CONNECTIONS.map((c) => c.target)]) {
      assert.ok(kitHtml.includes(text), `the offline kit holds "${text}"`);
    }
    // The ladder, level by level, with its warning.
    const kitLadder = between(kitHtml, '<h3>Notify the customer</h3>', '</div>');
    for (const [level, text] of [
      ['P · Primary', EMAIL_1],
      ['A · Alternate', EMAIL_2],
      ['C · Contingency', SMS],
      ['E · Emergency', MANUAL],
    ]) {
      const row = between(kitLadder, `<td class="level">${level}</td>`, '</tr>');
      assert.ok(row.includes(text), `the kit's ${level} level is ${text}: ${row}`);
    }
    assert.match(kitLadder, /Warning:.*both send e-mail to the domain nordlys\.example/);
    // The GDPR obligation: citation, deadline and recipient.
    const kitGdpr = between(kitHtml, `<h3>${GDPR.name}</h3>`, '</div>');
    for (const text of [GDPR.citation, '72 hours after awareness', AUTHORITY.name, AUTHORITY.email]) {
      assert.ok(kitGdpr.includes(text), `the kit's GDPR Art. 33 obligation holds "${text}": ${kitGdpr}`);
    }
    assert.ok(kitHtml.includes('<meta name="muster-plan-version" content="1">'), 'the kit names its plan version');
    assert.ok(kitHtml.includes(`<meta name="muster-plan-sha256" content="${sha256}">`), 'the kit names its SHA-256');
    // Self-contained: nothing is loaded from elsewhere when it is opened offline (links to the law are only links).
    assert.doesNotMatch(kitHtml, /<script|<link\b|<iframe|<object|<embed|@import/i, 'no scripts, style sheets or frames');
    assert.doesNotMatch(kitHtml, /\ssrc\s*=\s*["']?(?!data:)/i, 'no images or media from elsewhere');
    assert.doesNotMatch(kitHtml, /url\(\s*["']?(?!data:|#)/i, 'no fonts or backgrounds from elsewhere');

    const pdfHref = await v1.getByRole('link', { name: 'PDF of version 1' }).getAttribute('href');
    assert.ok(pdfHref, 'the PDF link has an address');
    const pdf = await page.request.get(new URL(pdfHref, server.url).toString());
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal(pdf.headers()['x-plan-sha256'], sha256);
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

    // 9. An incident for this customer, with personal data, on the portal; aware two hours ago.
    await page.getByRole('link', { name: 'Report incident' }).click();
    await page.getByRole('heading', { name: 'Report an incident' }).waitFor();
    await page.getByLabel('Title').fill(INCIDENT_TITLE);
    const customerField = page.getByRole('combobox', { name: 'Customer' });
    // The only customer is chosen by itself.
    await page.waitForFunction(
      (label) => Array.from(document.querySelectorAll('input')).some((input) => input.value === label),
      `${CUSTOMER.name} (${CUSTOMER.code})`,
    );
    assert.equal(await customerField.inputValue(), `${CUSTOMER.name} (${CUSTOMER.code})`);
    await choose(page, page.getByRole('combobox', { name: 'Affected services' }), SERVICE);
    await page.keyboard.press('Escape');
    await page.getByRole('radiogroup', { name: 'Personal data involved' }).getByText('Yes', { exact: true }).click();
    const aware = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000);
    await page.getByLabel('Became aware').fill(localInput(aware, 'Europe/Oslo'));
    await shot(page, '11-report-form');
    await page.getByRole('button', { name: 'Report incident' }).click();
    await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
    await page.getByRole('heading', { name: INCIDENT_TITLE }).waitFor();

    const panel = page.getByRole('region', { name: 'Contingency plan' });
    await panel.getByRole('link', { name: 'Plan v1' }).waitFor();
    const clock = panel.getByRole('article', { name: GDPR.name });
    await clock.getByText(GDPR.citation).waitFor();
    await clock.getByText(`Tell: ${AUTHORITY.name}`).waitFor();
    const stage = clock.locator('[data-stage-status="running"]');
    await stage.getByText('Running', { exact: true }).waitFor();
    await stage.getByText(/^Due in 2 d 2[01] h$/).waitFor();
    const due = await stage.locator('time').getAttribute('datetime');
    assert.equal(
      Date.parse(due ?? ''),
      aware.getTime() + 72 * 3_600_000,
      `the GDPR Art. 33 clock is due 72 h after awareness (${aware.toISOString()}); it says ${due}`,
    );
    // Check these: the portal's connections, for the customer's IT.
    const checkThese = panel.getByRole('region', { name: /Check these/ });
    await checkThese.getByText('2 connections the customer’s IT should check.').waitFor();
    await checkThese.getByText(SERVICE, { exact: true }).waitFor();
    for (const connection of CONNECTIONS) {
      const line = checkThese.getByText(connection.target, { exact: true });
      await line.waitFor();
      const text = (await line.locator('xpath=..').textContent()) ?? '';
      for (const part of [connection.protocol, connection.account, connection.purpose]) {
        assert.ok(text.includes(part), `"check these" shows ${part} for ${connection.target}: ${text}`);
      }
    }
    await shot(page, '12-incident-plan');

    // The customer page still shows the published plan in force.
    await page.goto(`${customerPath}?tab=plans`);
    await versions
      .getByRole('row', { name: /View version 1/ })
      .getByText('In force')
      .waitFor();

    const unexpected = problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');
    await context.close();
  });
});

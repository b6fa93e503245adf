import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, createFirstAdmin, launchBrowser, newContext, screenshotter, watchPage } from './browser.ts';

// The effects assessment on the incident page: answering "personal data: yes" starts the GDPR clock in the plan panel
// at once, the answer lands on the timeline, and a "data published: yes" proposes a higher C/I/A that a person applies.

const GDPR = 'GDPR: notify the supervisory authority of a personal data breach';
const TITLE = 'Customer export found on a paste site';
const PERSONAL = 'Is personal data involved?';
const PUBLISHED = 'Has data been published or misused?';

const unavailable = browserUnavailable();

const shot = screenshotter('effects');

describe('effects assessment journey in the browser', { skip: unavailable ?? false }, () => {
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

  /** A customer whose published plan holds GDPR Art. 33, and an incident whose personal data is not yet known. */
  async function prepare(token: string): Promise<string> {
    const post = async (url: string, body: unknown) => {
      const res = await server.request('POST', `/api/v1${url}`, { token, body });
      const json = await res.json();
      assert.equal(res.status, 201, `POST ${url}: ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await post('/customers', { name: 'Vestkyst Kraft AS', code: 'VKK', timeZone: 'Europe/Oslo' });
    await post('/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' });
    await post(`/customers/${customer.id}/plans`, { approver: 'Siri Vik, CISO' });
    const incident = await post('/incidents', {
      title: TITLE,
      customerId: customer.id,
      impact: { confidentiality: 'low', integrity: 'none', availability: 'none' },
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    return incident.key;
  }

  it('starts the GDPR clock when personal data is answered yes, and applies the C/I/A the answers propose', async () => {
    assert.ok(server.setupToken, 'a fresh server prints a setup token');
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await createFirstAdmin(page, server.setupToken);
    const key = await prepare(await server.userToken('admin', 'Setup script'));

    await page.goto(`/incidents/${key}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const effects = page.getByRole('region', { name: 'Effects assessment' });
    await effects.getByText('0 of 9 answered').waitFor();
    const plan = page.getByRole('region', { name: 'Contingency plan' });
    await plan.getByText('Who to call: PACE ladders').waitFor();
    assert.equal(await plan.getByRole('article', { name: GDPR }).count(), 0, 'no GDPR clock while personal data is unknown');

    // 1. Personal data: yes, from the keyboard (open the question, pick Yes, write the detail, Ctrl+Enter).
    await effects.getByRole('button', { name: PERSONAL }).click();
    const form = effects.getByRole('form', { name: `Answer: ${PERSONAL}` });
    await form.getByText('Yes', { exact: true }).click();
    await form.getByRole('textbox', { name: 'Detail' }).fill('Names, e-mail addresses and meter numbers of 1,200 customers');
    await form.getByRole('textbox', { name: 'Detail' }).press('Control+Enter');
    await effects.getByText('1 of 9 answered').waitFor();
    await shot(page, '01-personal-data');

    // 2. The clock runs at once: in the plan panel, under the question, and the answer is on the timeline.
    const gdpr = plan.getByRole('article', { name: GDPR });
    await gdpr.locator('[data-stage-status="running"]').waitFor();
    await effects.getByText(/GDPR: notify the supervisory authority.*due/).waitFor();
    await page.getByRole('main').getByText(`answered “${PERSONAL}”: Yes`).waitFor();

    // 3. Data published: yes proposes confidentiality high; applying it makes the severity high.
    await effects.getByRole('button', { name: PUBLISHED }).click();
    const published = effects.getByRole('form', { name: `Answer: ${PUBLISHED}` });
    await published.getByText('Yes', { exact: true }).click();
    await published.getByRole('button', { name: 'Save answer' }).click();
    const proposal = effects.getByRole('alert', { name: 'The answers suggest a higher impact' });
    await proposal.getByText(/Confidentiality\s+Low → High/).waitFor();
    await shot(page, '02-proposal');
    await proposal.getByRole('button', { name: 'Apply proposed C/I/A' }).click();
    await proposal.waitFor({ state: 'detached' });
    await page.getByRole('main').getByText('changed impact').waitFor();
    await page
      .getByRole('region', { name: 'Details' })
      .getByText(/Confidentiality: High/)
      .waitFor();
    await shot(page, '03-applied');
    const token = await server.userToken('admin', 'Checker');
    const incident = await (await server.request('GET', `/api/v1/incidents/${key}`, { token })).json();
    assert.equal(incident.severity, 'high', 'the severity follows from the applied C/I/A');
    assert.equal(incident.personalData, true);

    const unexpected = problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(unexpected, [], 'no errors in the browser console');
    await context.close();
  });
});

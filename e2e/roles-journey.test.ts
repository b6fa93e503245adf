import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../src/server/auth/create-user.ts';
import { createApiToken } from '../src/server/auth/credentials.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/policy.ts';
import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { browserUnavailable, launchBrowser, newContext, watchPage } from './browser.ts';

// Roles on the incident in the browser: the Roles card asks for an incident manager while the incident is assessed
// and DP2 waits for one; the responder takes the role with the keyboard, gives Legal to a colleague (who is told
// by e-mail at the address of the contact linked to their account) and confirms the roster's scribe.

const PASSWORD = 'correct horse battery staple';
const RITA = { email: 'rita@example.test', name: 'Rita Responder', role: 'responder' as const };
const LARS = { email: 'lars@example.test', name: 'Lars Legal', role: 'viewer' as const };
const SARA = { email: 'sara@example.test', name: 'Sara Scribe', role: 'viewer' as const };
const TITLE = 'Invoice fraud through a spoofed supplier';
const unavailable = browserUnavailable();

describe('roles journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let sink: SmtpSink;
  let browser: Browser;
  let key: string;

  before(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ dialect: 'sqlite', web: true, env: { SMTP_URL: sink.url } });
    browser = await launchBrowser();
    const admin = await server.userToken('admin');
    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const json = await res.json();
      assert.ok(res.status < 300, `${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const customer = await call('POST', '/api/v1/customers', { name: 'Nordlys' });
    const ids: Record<string, string> = {};
    for (const u of [RITA, LARS, SARA]) {
      const user = await createUser(server.deps, SYSTEM_ACTOR, { ...u, password: PASSWORD });
      await call('PUT', `/api/v1/customers/${customer.id}/members/${user.id}`, { role: u.role });
      ids[u.email] = user.id;
    }
    const person = (name: string, address: string) =>
      call('POST', '/api/v1/contacts', { customerId: customer.id, name, role: name, channels: [{ type: 'email', address }] });
    const lars = await person(LARS.name, 'lars.legal@nordlys.example');
    const sara = await person(SARA.name, 'sara.scribe@nordlys.example');
    await call('PATCH', `/api/v1/users/${ids[LARS.email]}`, { contactId: lars.id });
    await call('PATCH', `/api/v1/users/${ids[SARA.email]}`, { contactId: sara.id });
    await call('POST', '/api/v1/rosters', { customerId: customer.id, entries: [{ role: 'scribe', people: [sara.id] }] });

    const { token } = await createApiToken(server.deps, ids[RITA.email], 'e2e');
    const incident = await call(
      'POST',
      '/api/v1/incidents',
      {
        title: TITLE,
        customerId: customer.id,
        category: 'fraud/phishing',
        impact: { confidentiality: 'medium', integrity: 'high', availability: 'none' },
      },
      token,
    );
    await call('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'assessing', reason: 'Confirmed' }, token);
    key = incident.key;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  async function signIn(who: { email: string }): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    problems.length = 0; // the 401 of the page before signing in is expected
    return { page, problems };
  }

  it('asks for an incident manager, gives roles from the Roles card and tells the people given them', async () => {
    const { page, problems } = await signIn(RITA);
    await page.goto(`/incidents/${key}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const card = page.getByRole('region', { name: 'Roles' });
    const row = (role: string) => card.locator(`li[data-role="${role}"]`);

    // DP2 waits for an incident manager, and the card says where one is needed.
    await page.locator('button[aria-disabled="true"]', { hasText: 'Start response (DP2)' }).waitFor();
    await page.getByText('Assign an incident manager before starting the response (DP2)').first().waitFor();
    await row('incident-manager').getByText('Needed before the response starts').waitFor();

    // The incident manager, with the keyboard: open the picker, type, Enter.
    await row('incident-manager').getByRole('button', { name: 'Assign the incident manager' }).click();
    const picker = row('incident-manager').getByRole('combobox', { name: 'Person to be the incident manager' });
    await picker.pressSequentially('Rita');
    await picker.press('Enter');
    await row('incident-manager').getByText('Rita Responder (you)').waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('took on the role of incident manager').waitFor();
    await page.locator('button:not([aria-disabled])', { hasText: 'Start response (DP2)' }).waitFor();
    await row('incident-manager').getByText('Needed before the response starts').waitFor({ state: 'detached' });

    // Legal to a colleague, who is told at the contact linked to their account.
    await row('legal').getByRole('button', { name: 'Assign the legal lead' }).click();
    await row('legal').getByRole('combobox', { name: 'Person to be the legal lead' }).click();
    await page.getByRole('option', { name: LARS.name }).click();
    await row('legal').getByText(LARS.name).waitFor();
    await timeline.getByText(`made ${LARS.name} the legal lead`).waitFor();
    const [mail] = await sink.waitFor(1, 15_000);
    assert.deepEqual(mail.to, ['lars.legal@nordlys.example']);
    assert.match(mail.subject, new RegExp(`You are now the legal lead of ${key}`));

    // The roster's scribe, confirmed on the incident in one click.
    await row('scribe').getByText('from the roster').waitFor();
    await row('scribe')
      .getByRole('button', { name: `Confirm ${SARA.name} as scribe on this incident` })
      .click();
    await timeline.getByText(`made ${SARA.name} the scribe`).waitFor();
    await row('scribe').getByText('from the roster').waitFor({ state: 'detached' });
    const all = await sink.waitFor(2, 15_000);
    assert.deepEqual(all[1].to, ['sara.scribe@nordlys.example']);

    // Legal removed again: one more event, and the row says nobody.
    await row('legal')
      .getByRole('button', { name: `Remove ${LARS.name} as legal lead` })
      .click();
    await timeline.getByText(`removed ${LARS.name} as the legal lead`).waitFor();
    await row('legal').getByText('Nobody').waitFor();

    assert.deepEqual(problems, [], 'no errors in the browser console');
  });

  it('shows a viewer who holds a role the card without actions', async () => {
    const { page } = await signIn(SARA);
    await page.goto(`/incidents/${key}`);
    const card = page.getByRole('region', { name: 'Roles' });
    await card.locator('li[data-role="scribe"]').getByText(`${SARA.name} (you)`).waitFor();
    assert.equal(await card.getByRole('button').count(), 0, 'no role actions for one who may not change the incident');

    // Her account page says how Muster reaches her, and lets her go back to the account's e-mail.
    await page.goto('/account');
    const reach = page.getByRole('region', { name: 'Reach me through' });
    await reach.getByText('E-mail sara.scribe@nordlys.example').waitFor();
    const contact = reach.getByRole('combobox', { name: 'Contact' });
    assert.match(await contact.inputValue(), new RegExp(`^${SARA.name}`));
    await reach.getByRole('button', { name: 'No contact: use the account’s e-mail' }).click();
    assert.equal(await contact.inputValue(), '');
    await reach.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Muster writes to your account’s e-mail').waitFor();
  });
});

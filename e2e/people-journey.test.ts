import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../src/server/testing/smtp-sink.ts';
import { startTestServer, type TestServer } from '../src/server/testing/test-server.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, launchBrowser, newContext, watchPage } from './browser.ts';

// Bringing a colleague in without a terminal: the first admin invites a responder from the Users page, the mail
// arrives through real SMTP, the link creates the account, the responder signs in, and makes and revokes an API token.

const RITA = { email: 'rita@example.test', name: 'Rita Responder', password: 'violet kettle harbour lantern' };
const unavailable = browserUnavailable();

describe('people journey in the browser', { skip: unavailable ?? false }, () => {
  let server: TestServer;
  let sink: SmtpSink;
  let browser: Browser;

  before(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ dialect: 'sqlite', web: true, env: { SMTP_URL: sink.url } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  async function newPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    return { page, problems: watchPage(page) };
  }

  it('invites a responder by e-mail, who accepts, signs in, and creates and revokes an API token', async () => {
    assert.ok(server.setupToken);
    const admin = await newPage();
    await createFirstAdmin(admin.page, server.setupToken);

    // The admin invites from the Users page in the main navigation, by keyboard.
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await admin.page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await admin.page.getByText('Only you so far').waitFor();
    await admin.page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('E-mail').fill(RITA.email);
    assert.equal(await dialog.getByRole('combobox', { name: 'Role in Muster' }).inputValue(), 'Responder');
    await dialog.getByLabel('E-mail').press('Enter');
    await dialog.getByText(`Invitation sent to ${RITA.email}`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await admin.page.getByRole('table', { name: 'Pending invitations' }).getByText(RITA.email).waitFor();

    // The mail arrived through SMTP with the link.
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail.to, [RITA.email]);
    assert.equal(mail.subject, `${ADMIN.name} invited you to Muster`);
    const link = mail.text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)?.[0];
    assert.ok(link, mail.text);

    // Rita opens it in her own browser, chooses her name and password, and is signed in.
    const rita = await newPage();
    await rita.page.goto(link);
    await rita.page.getByText(`${ADMIN.name} invited ${RITA.email} as responder`).waitFor();
    assert.equal(await rita.page.getByLabel('E-mail').inputValue(), RITA.email);
    await rita.page.getByLabel('Name').fill(RITA.name);
    await rita.page.getByLabel(/^Password/).fill(RITA.password);
    await rita.page.getByLabel('Confirm password').fill(RITA.password);
    await rita.page.getByRole('button', { name: 'Create my account' }).click();
    await rita.page.getByRole('heading', { name: 'Incidents' }).waitFor();

    // The link is spent.
    const reused = await newPage();
    await reused.page.goto(link);
    await reused.page.getByText('This invitation was already used').waitFor();

    // She signs out and in again with her new password.
    await rita.page.getByRole('button', { name: `Account: ${RITA.name}` }).click();
    await rita.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await rita.page.waitForURL(/\/login/);
    await rita.page.getByLabel('E-mail').fill(RITA.email);
    await rita.page.getByLabel(/^Password/).fill(RITA.password);
    await rita.page.getByRole('button', { name: 'Sign in' }).click();
    await rita.page.getByRole('heading', { name: 'Incidents' }).waitFor();

    // Her account page: create an API token, shown once, that works until she revokes it.
    await rita.page.getByRole('button', { name: `Account: ${RITA.name}` }).click();
    await rita.page.getByRole('menuitem', { name: 'Your account and API tokens' }).click();
    await rita.page.getByRole('heading', { name: 'Your account' }).waitFor();
    await rita.page.getByText('No API tokens yet').waitFor();
    await rita.page.getByLabel('Label').fill('deploy script');
    await rita.page.getByLabel('Label').press('Enter');
    const shown = rita.page.getByLabel('New API token');
    await shown.waitFor();
    const token = ((await shown.textContent()) ?? '').trim();
    assert.match(token, /^mst_/);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).user.email, RITA.email);

    const tokens = rita.page.getByRole('table', { name: 'API tokens' });
    await tokens.getByRole('row', { name: /deploy script.*Active/ }).waitFor();
    await rita.page.getByRole('button', { name: 'Revoke deploy script' }).click();
    await rita.page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await tokens.getByRole('row', { name: /deploy script.*Revoked/ }).waitFor();
    assert.equal((await server.request('GET', '/api/v1/auth/me', { token })).status, 401);

    // The admin sees her among the accounts, and no invitation waiting any more.
    await admin.page.reload();
    await admin.page.getByRole('table', { name: 'Users' }).getByText(RITA.name).waitFor();
    assert.equal(await admin.page.getByRole('table', { name: 'Pending invitations' }).count(), 0);

    assert.deepEqual(admin.problems, []);
    assert.deepEqual(
      rita.problems.filter((p) => !/401/.test(p)),
      [],
      'no errors but the expected 401 before signing in',
    );
  });
});
